//! Criterion benchmarks on the embedded Sahel lexicon and, when its data is there, on the
//! GeoNames cities500 lexicon (about 235k places, 1.2M names: run
//! `python3 benches/fetch_geonames.py` to fetch it; see benches/README.md).
//!
//! Groups: `normalize/*`, `resolve/exact`, `resolve/fuzzy-d1`, `resolve/fuzzy-d2`, `tag/*` and
//! `build/*`, each with its throughput, and a `/sahel` or `/geonames` suffix for the data.

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::path::Path;

use canonym::normalize::{self, Layer};
use canonym::{Index, Lexicon};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const GEONAMES: &str = "target/geonames/cities500.txt";

/// The data a group runs on: a name for the IDs, a lexicon and its index.
struct Data {
    name: &'static str,
    lexicon: Lexicon,
    index: Index<Vec<u8>>,
}

/// An index as a user would read it after building it: `verify` checks every string once, so
/// that reads skip the UTF-8 check.
fn verified(bytes: Vec<u8>) -> Index<Vec<u8>> {
    let index = Index::new(bytes).expect("opens");
    index.verify().expect("verifies");
    index
}

fn datasets() -> Vec<Data> {
    let sahel = canonym::default_lexicon().expect("the embedded lexicon compiles");
    let mut sets = vec![Data {
        name: "sahel",
        index: verified(canonym::index::build(&sahel).expect("builds")),
        lexicon: sahel,
    }];
    // `benches/instructions.sh` runs one benchmark at a time under valgrind: loading
    // GeoNames there for a Sahel benchmark would cost minutes.
    if std::env::var_os("CANONYM_BENCH_SAHEL_ONLY").is_some() {
        return sets;
    }
    if Path::new(GEONAMES).exists() {
        let (geonames, _) = canonym::exchange::read_geonames(Path::new(GEONAMES), None)
            .expect("the GeoNames data reads");
        sets.push(Data {
            name: "geonames",
            index: verified(canonym::index::build(&geonames).expect("builds")),
            lexicon: geonames,
        });
    } else {
        eprintln!(
            "note: {GEONAMES} is absent, so the benchmarks on the large lexicon are skipped; \
             run `python3 benches/fetch_geonames.py` to fetch it"
        );
    }
    sets
}

/// Every `step`-th name of the lexicon, as written: queries that resolve exactly.
fn sample_names(lexicon: &Lexicon, count: usize) -> Vec<String> {
    let all: Vec<&str> = lexicon
        .entities()
        .iter()
        .flat_map(|e| e.names.iter().map(|n| n.text.as_str()))
        .collect();
    let step = (all.len() / count).max(1);
    all.iter()
        .step_by(step)
        .take(count)
        .map(|s| s.to_string())
        .collect()
}

/// Names long enough for `edits` edits on the fuzzy layer, each with `edits` letters dropped
/// at fixed places: queries the exact layers miss.
fn misspelled(lexicon: &Lexicon, edits: usize, count: usize) -> Vec<String> {
    let min_len = if edits == 1 { 6 } else { 10 };
    sample_names(lexicon, count * 8)
        .into_iter()
        .filter(|n| n.is_ascii() && n.len() >= min_len && !n.contains(' '))
        .map(|n| {
            let mut s = n.clone();
            for k in 0..edits {
                s.remove(2 + 3 * k);
            }
            s
        })
        .take(count)
        .collect()
}

fn seed_text() -> String {
    let mut paths: Vec<_> = std::fs::read_dir("seeds")
        .expect("seeds/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a seed article"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn bench_normalize(c: &mut Criterion, data: &Data) {
    let names = sample_names(&data.lexicon, 10_000);
    let bytes: usize = names.iter().map(String::len).sum();
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Bytes(bytes as u64));
    for layer in Layer::KEYED {
        group.bench_function(BenchmarkId::new(layer.name(), data.name), |b| {
            b.iter(|| {
                names
                    .iter()
                    .map(|n| layer.key(black_box(n)).len())
                    .sum::<usize>()
            });
        });
    }
    group.bench_function(BenchmarkId::new("all-keys", data.name), |b| {
        b.iter(|| {
            names
                .iter()
                .map(|n| normalize::keys(black_box(n)).folded.len())
                .sum::<usize>()
        });
    });
    group.finish();
}

fn bench_resolve(c: &mut Criterion, data: &Data) {
    let mut group = c.benchmark_group("resolve");
    for (id, queries) in [
        ("exact", sample_names(&data.lexicon, 1_000)),
        ("fuzzy-d1", misspelled(&data.lexicon, 1, 200)),
        ("fuzzy-d2", misspelled(&data.lexicon, 2, 200)),
    ] {
        group.throughput(Throughput::Elements(queries.len() as u64));
        group.bench_function(BenchmarkId::new(id, data.name), |b| {
            b.iter(|| {
                queries
                    .iter()
                    .map(|q| data.index.resolve(black_box(q)).map_or(0, |c| c.len()))
                    .sum::<usize>()
            });
        });
    }
    group.finish();
}

fn bench_tag(c: &mut Criterion, data: &Data) {
    let seeds = seed_text();
    let long = seeds.repeat(1_000_000 / seeds.len() + 1);
    let mut group = c.benchmark_group("tag");
    for (id, text) in [("seeds", &seeds), ("long-1mb", &long)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 100_000 {
            group.sample_size(10);
        }
        group.bench_function(BenchmarkId::new(id, data.name), |b| {
            b.iter(|| data.index.tag(black_box(text)).map_or(0, |m| m.len()));
        });
    }
    group.finish();
}

fn bench_build(c: &mut Criterion, data: &Data) {
    let mut group = c.benchmark_group("build");
    group.throughput(Throughput::Elements(data.lexicon.name_count() as u64));
    if data.lexicon.name_count() > 100_000 {
        group.sample_size(10);
    }
    group.bench_function(BenchmarkId::new("index", data.name), |b| {
        b.iter(|| canonym::index::build(black_box(&data.lexicon)).map_or(0, |bytes| bytes.len()));
    });
    // The streaming build to a file, with a budget that makes the GeoNames keys spill.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("index.canonym");
    group.bench_function(BenchmarkId::new("stream-64m", data.name), |b| {
        b.iter(|| canonym::index::write_file_within(black_box(&data.lexicon), &path, 64 << 20));
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    for data in datasets() {
        bench_normalize(c, &data);
        bench_resolve(c, &data);
        bench_tag(c, &data);
        bench_build(c, &data);
    }
}

criterion_group!(all, benches);
criterion_main!(all);
