//! `canonym stats`: what the index holds.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::output::{quoted, Style, Table};
use super::{CliResult, LexiconArg, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    lexicon: LexiconArg,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Also list the keys that several entities share.
    #[arg(long)]
    collisions: bool,
}

pub fn run(args: Args, color: bool) -> CliResult {
    let index = args.lexicon.open()?;
    let stats = canonym::stats::Stats::of(&index)?;
    let collisions = if args.collisions {
        canonym::stats::collisions(&index)?
    } else {
        Vec::new()
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        let mut value = serde_json::to_value(&stats).map_err(io::Error::from)?;
        if args.collisions {
            value["collision_list"] = serde_json::to_value(&collisions).map_err(io::Error::from)?;
        }
        writeln!(out, "{value}")?;
    } else {
        writeln!(out, "{} entities, {} names", stats.entities, stats.names)?;
        section(&mut out, "entities by kind", &stats.entities_by_kind, color)?;
        let ids = &stats.external_ids;
        writeln!(
            out,
            "\n{}",
            Style::BOLD.paint("entities with an ID of", color)
        )?;
        writeln!(
            out,
            "  Wikidata  {:.1}%  {}\n  GeoNames  {:.1}%  {}",
            ids.wikidata_share * 100.0,
            ids.wikidata,
            ids.geonames_share * 100.0,
            ids.geonames
        )?;
        section(&mut out, "names by language", &stats.names_by_lang, color)?;
        section(&mut out, "names by script", &stats.names_by_script, color)?;
        section(&mut out, "names by form", &stats.names_by_form, color)?;
        writeln!(
            out,
            "\n{}",
            Style::BOLD.paint("entities with a label / a name in", color)
        )?;
        let mut table = Table::default();
        for l in &stats.languages {
            table.row(vec![
                (l.lang.clone(), None),
                (format!("{:.1}%", l.label_share * 100.0), None),
                (format!("{:.1}%", l.name_share * 100.0), None),
                (
                    format!("{} / {}", l.entities_with_label, l.entities_with_name),
                    Some(Style::DIM),
                ),
            ]);
        }
        write!(out, "{}", table.render("  ", color))?;
        let mut table = Table::default();
        for (layer, keys) in &stats.keys {
            let shared = stats.collisions.get(layer).copied().unwrap_or(0);
            table.row(vec![
                (layer.clone(), None),
                (format!("{keys} keys"), None),
                (
                    format!("{shared} shared by several entities"),
                    Some(Style::DIM),
                ),
            ]);
        }
        writeln!(out, "\n{}", Style::BOLD.paint("keys by layer", color))?;
        write!(out, "{}", table.render("  ", color))?;
        if args.collisions {
            writeln!(out, "\n{}", Style::BOLD.paint("shared keys", color))?;
            let mut table = Table::default();
            for c in &collisions {
                table.row(vec![
                    (c.layer.to_string(), Some(Style::YELLOW)),
                    (quoted(&c.key), None),
                    (c.ids.join(" "), Some(Style::CYAN)),
                ]);
            }
            write!(out, "{}", table.render("  ", color))?;
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

fn section(
    out: &mut impl Write,
    title: &str,
    counts: &BTreeMap<String, usize>,
    color: bool,
) -> io::Result<()> {
    writeln!(out, "\n{}", Style::BOLD.paint(title, color))?;
    let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut table = Table::default();
    for (name, count) in rows {
        table.row(vec![(name.clone(), None), (count.to_string(), None)]);
    }
    write!(out, "{}", table.render("  ", color))
}
