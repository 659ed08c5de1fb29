//! `canonym diff OLD NEW`: what changed between two lexicons (folders or index files).

use std::io::{self, Write};
use std::path::PathBuf;

use canonym::diff::{diff, Snapshot};
use canonym::eval;
use serde_json::json;

use super::output::{quoted, Style, Table};
use super::{open_index, CliResult, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old lexicon: a folder or an index file.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The new lexicon: a folder or an index file.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Also list how the resolution of a gold set changes: a gold corpus folder (mentions
    /// fixed and broken, false hits gained and lost) or a name table (names whose best
    /// candidate changes).
    #[arg(long, value_name = "PATH")]
    gold: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Exit with status 1 when NEW resolves the --gold set worse than OLD: a gold mention
    /// broken or a new false hit, or a name whose expected entity is no longer the best
    /// candidate (a CI gate for lexicon edits).
    #[arg(long, requires = "gold")]
    fail_on_regression: bool,
}

pub fn run(args: Args, color: bool) -> CliResult {
    let old = open_index(Some(&args.old))?;
    let new = open_index(Some(&args.new))?;
    let (mut before, mut after) = (Snapshot::of(&old)?, Snapshot::of(&new)?);
    // Relations, dates and notes are not in an index: two folders compare them too.
    if args.old.is_dir() && args.new.is_dir() {
        before = before.with_lexicon(&canonym::Lexicon::load_dir(&args.old)?);
        after = after.with_lexicon(&canonym::Lexicon::load_dir(&args.new)?);
    }
    let changes = diff(&before, &after);
    let mut gold = serde_json::Value::Null;
    let mut gold_lines = Vec::new();
    // What got worse on the gold set, in words.
    let mut regression: Option<String> = None;
    if let Some(path) = &args.gold {
        if path.is_dir() {
            let corpus = eval::load_corpus(path)?;
            let before = eval::evaluate_text(&old, &corpus)?;
            let after = eval::evaluate_text(&new, &corpus)?;
            let comparison = eval::compare(&before, &after);
            for (what, list) in [
                ("fixed", &comparison.fixed),
                ("broken", &comparison.broken),
                ("new false hit", &comparison.new_false_hits),
                ("false hit gone", &comparison.gone_false_hits),
            ] {
                for o in list {
                    gold_lines.push(format!(
                        "{what}: {}:{}-{} {} {}",
                        o.doc,
                        o.start,
                        o.end,
                        quoted(&o.text),
                        o.id
                    ));
                }
            }
            if comparison.regressed() {
                regression = Some(comparison.regression_summary());
            }
            gold = json!({
                "f1_before": before.overall.f1(),
                "f1_after": after.overall.f1(),
                "comparison": comparison,
            });
        } else {
            let rows = eval::read_names(path)?;
            let mut changed = Vec::new();
            let mut lost = 0;
            for row in &rows {
                let top =
                    |index: &canonym::Index<super::IndexBytes>| -> canonym::Result<Option<String>> {
                        Ok(index.resolve(&row.name)?.first().map(|c| c.id.to_string()))
                    };
                let (before, after) = (top(&old)?, top(&new)?);
                if before.as_deref() == Some(row.id.as_str()) && after != before {
                    lost += 1;
                }
                if before != after {
                    gold_lines.push(format!(
                        "{} (expected {}): {} -> {}",
                        quoted(&row.name),
                        row.id,
                        before.as_deref().unwrap_or("nothing"),
                        after.as_deref().unwrap_or("nothing")
                    ));
                    changed.push(json!({"name": row.name, "expected": row.id, "before": before, "after": after}));
                }
            }
            gold = json!({ "names_changed": changed });
            if lost > 0 {
                regression = Some(if lost == 1 {
                    "1 name no longer resolves to its expected entity first".to_string()
                } else {
                    format!("{lost} names no longer resolve to their expected entity first")
                });
            }
        }
    }

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        let mut value = serde_json::to_value(&changes).map_err(io::Error::from)?;
        if !gold.is_null() {
            value["gold"] = gold;
        }
        writeln!(out, "{value}")?;
    } else {
        let title = |out: &mut io::BufWriter<io::StdoutLock<'_>>, text: &str, n: usize| {
            writeln!(
                out,
                "{}",
                Style::BOLD.paint(&format!("{text} ({n})"), color)
            )
        };
        title(&mut out, "entities added", changes.added.len())?;
        for id in &changes.added {
            writeln!(out, "  + {}", Style::GREEN.paint(id, color))?;
        }
        title(&mut out, "entities removed", changes.removed.len())?;
        for id in &changes.removed {
            writeln!(out, "  - {}", Style::RED.paint(id, color))?;
        }
        title(&mut out, "entities changed", changes.changed.len())?;
        for change in &changes.changed {
            writeln!(out, "  {}", Style::CYAN.paint(&change.id, color))?;
            if let Some((before, after)) = &change.kind {
                writeln!(out, "    kind {before} -> {after}")?;
            }
            for label in &change.labels_added {
                writeln!(out, "    + label {label}")?;
            }
            for label in &change.labels_removed {
                writeln!(out, "    - label {label}")?;
            }
            for (text, lang, form) in &change.names_added {
                writeln!(
                    out,
                    "    {} {} ({lang}, {form})",
                    Style::GREEN.paint("+", color),
                    quoted(text)
                )?;
            }
            for (text, lang, form) in &change.names_removed {
                writeln!(
                    out,
                    "    {} {} ({lang}, {form})",
                    Style::RED.paint("-", color),
                    quoted(text)
                )?;
            }
            for field in &change.fields {
                let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
                writeln!(
                    out,
                    "    {} {} -> {}",
                    field.field,
                    value(&field.old),
                    value(&field.new)
                )?;
            }
        }
        for (what, list) in [
            ("keys newly shared", &changes.collisions_gained),
            ("keys no longer shared", &changes.collisions_lost),
        ] {
            title(&mut out, what, list.len())?;
            let mut table = Table::default();
            for (layer, key, ids) in list.iter() {
                table.row(vec![
                    (layer.clone(), Some(Style::YELLOW)),
                    (quoted(key), None),
                    (ids.join(" "), Some(Style::CYAN)),
                ]);
            }
            write!(out, "{}", table.render("  ", color))?;
        }
        if args.gold.is_some() {
            title(&mut out, "gold resolutions changed", gold_lines.len())?;
            for line in &gold_lines {
                writeln!(out, "  {line}")?;
            }
        }
    }
    out.flush()?;
    match regression {
        Some(what) if args.fail_on_regression => {
            eprintln!("canonym: regression: {what}");
            Ok(Outcome::Regressed)
        }
        _ => Ok(Outcome::Found),
    }
}
