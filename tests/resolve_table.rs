//! The name table: every row of tests/resolve_table.tsv resolves, top-1, to its expected ID
//! with the embedded lexicon (`-` means the name must resolve to nothing).

use canonym::normalize::Layer;

#[test]
fn every_name_in_the_table_resolves_top_1() {
    let table = std::fs::read_to_string("tests/resolve_table.tsv").unwrap();
    let index = canonym::default_index().unwrap();
    let mut failures = Vec::new();
    let mut rows = 0;
    for (number, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(name), Some(expected)) = (fields.next(), fields.next()) else {
            panic!(
                "tests/resolve_table.tsv:{}: expected NAME<TAB>ID",
                number + 1
            );
        };
        rows += 1;
        let candidates = index.resolve(name).unwrap();
        let got = candidates.first().map_or("-", |c| c.id);
        if got != expected {
            failures.push(format!(
                "line {}: {name:?} -> {got}, expected {expected}",
                number + 1
            ));
        }
        for candidate in &candidates {
            assert!(
                (0.0..=1.0).contains(&candidate.score),
                "{name}: {candidate:?}"
            );
            assert!(Layer::ALL.contains(&candidate.layer));
        }
    }
    assert!(rows >= 40, "the table has only {rows} rows");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
