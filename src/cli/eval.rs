//! `canonym eval PATH`: score the tagger on a gold corpus folder, or the resolver on a name
//! table, and compare with a saved run.

use std::io::{self, Write};
use std::path::PathBuf;

use canonym::eval::{self, Counts, NameReport, Outcome, TextReport};
use serde_json::{json, Value};

use super::output::{quoted, Style, Table};
use super::{CliError, CliResult, LexiconArg, Outcome as Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    lexicon: LexiconArg,
    /// Print one JSON object (as the last line) with precision, recall, f1 and the details;
    /// save it to compare a later run with --baseline.
    #[arg(long)]
    json: bool,
    /// A saved `eval --json` run of the same gold corpus: list the mentions this run fixed
    /// and broke, and the false hits it gained and lost.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Exit with status 1 when the run is worse than --baseline: a gold mention broken or a
    /// new false hit (a CI gate for lexicon edits).
    #[arg(long, requires = "baseline")]
    fail_on_regression: bool,
    /// Score the descriptions instead of the names: `tag --descriptions` against each
    /// NAME.desc.tsv of the folder (noun phrases that refer to one organisation without
    /// naming it, as `armée malienne`: rule 10 of seeds/README.md).
    #[arg(long)]
    descriptions: bool,
    /// A gold corpus folder (NAME.txt with NAME.gold.tsv), or a name table (NAME<TAB>ID).
    #[arg(value_name = "PATH")]
    path: PathBuf,
}

pub fn run(args: Args, color: bool) -> CliResult {
    let index = args.lexicon.open()?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut regressed = false;
    if args.path.is_dir() {
        let (corpus, report) = if args.descriptions {
            let corpus = eval::load_descriptions(&args.path)?;
            let report = eval::evaluate_descriptions(&index, &corpus)?;
            (corpus, report)
        } else {
            let corpus = eval::load_corpus(&args.path)?;
            let report = eval::evaluate_text(&index, &corpus)?;
            (corpus, report)
        };
        let baseline = match &args.baseline {
            Some(path) => Some(read_baseline(path)?),
            None => None,
        };
        let comparison = baseline.as_ref().map(|b| eval::compare(b, &report));
        regressed = args.fail_on_regression && comparison.as_ref().is_some_and(|c| c.regressed());
        if regressed {
            let summary = comparison.as_ref().map(|c| c.regression_summary());
            eprintln!("canonym: regression: {}", summary.unwrap_or_default());
        }
        if args.json {
            let mut object = json!({
                "precision": report.overall.precision(),
                "recall": report.overall.recall(),
                "f1": report.overall.f1(),
                "tp": report.overall.tp,
                "fp": report.overall.fp,
                "fn": report.overall.fn_,
                "documents": corpus.len(),
            });
            let details = serde_json::to_value(&report).map_err(io::Error::from)?;
            merge(&mut object, details);
            if let Some(comparison) = &comparison {
                object["comparison"] = serde_json::to_value(comparison).map_err(io::Error::from)?;
            }
            writeln!(out, "{object}")?;
        } else {
            let gold: usize = corpus.iter().map(|d| d.gold.len()).sum();
            let what = match args.descriptions {
                true => "gold descriptions",
                false => "gold mentions",
            };
            writeln!(
                out,
                "{}: {} documents, {gold} {what}",
                args.path.display(),
                corpus.len()
            )?;
            print_text_report(&report, color, &mut out)?;
            if let Some(comparison) = &comparison {
                writeln!(
                    out,
                    "\ncompared with {}",
                    args.baseline
                        .as_ref()
                        .map_or(String::new(), |p| p.display().to_string())
                )?;
                print_outcomes("fixed", &comparison.fixed, color, &mut out)?;
                print_outcomes("broken", &comparison.broken, color, &mut out)?;
                print_outcomes(
                    "new false hits",
                    &comparison.new_false_hits,
                    color,
                    &mut out,
                )?;
                print_outcomes(
                    "false hits gone",
                    &comparison.gone_false_hits,
                    color,
                    &mut out,
                )?;
            }
        }
    } else {
        if args.baseline.is_some() {
            return Err(CliError::Message(
                "--baseline compares runs on a gold corpus folder".into(),
            ));
        }
        let rows = eval::read_names(&args.path)?;
        let report = eval::evaluate_names(&index, &rows)?;
        if args.json {
            let value = serde_json::to_value(&report).map_err(io::Error::from)?;
            writeln!(out, "{value}")?;
        } else {
            print_name_report(&report, color, &mut out)?;
        }
    }
    out.flush()?;
    Ok(if regressed {
        Exit::Regressed
    } else {
        Exit::Found
    })
}

/// The report of a saved run: the last non-empty line of the file.
fn read_baseline(path: &PathBuf) -> CliResult<TextReport> {
    let text = std::fs::read_to_string(path).map_err(|e| canonym::Error::io(path, e))?;
    let line = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    serde_json::from_str(line).map_err(|e| {
        CliError::Message(format!(
            "{}: not a saved `canonym eval --json` run: {e}",
            path.display()
        ))
    })
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(into), Value::Object(from)) = (into, from) {
        into.extend(from);
    }
}

fn counts_row(name: &str, counts: &Counts) -> Vec<(String, Option<Style>)> {
    vec![
        (name.to_string(), None),
        (format!("{:.3}", counts.precision()), None),
        (format!("{:.3}", counts.recall()), None),
        (format!("{:.3}", counts.f1()), Some(Style::BOLD)),
        (counts.tp.to_string(), None),
        (counts.fp.to_string(), None),
        (counts.fn_.to_string(), None),
    ]
}

fn header(first: &str) -> Vec<(String, Option<Style>)> {
    [first, "precision", "recall", "f1", "tp", "fp", "fn"]
        .iter()
        .map(|h| (h.to_string(), Some(Style::DIM)))
        .collect()
}

fn print_text_report(report: &TextReport, color: bool, out: &mut impl Write) -> io::Result<()> {
    let mut table = Table::default();
    table.row(header(""));
    table.row(counts_row("overall", &report.overall));
    for (kind, counts) in &report.per_kind {
        table.row(counts_row(kind, counts));
    }
    write!(out, "\n{}", table.render("  ", color))?;
    let mut imperfect: Vec<(&String, &Counts)> = report
        .per_entity
        .iter()
        .filter(|(_, c)| c.fp + c.fn_ > 0)
        .collect();
    imperfect.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()).then(a.0.cmp(b.0)));
    if !imperfect.is_empty() {
        let mut table = Table::default();
        table.row(header("entities with errors"));
        for (id, counts) in imperfect {
            table.row(counts_row(id, counts));
        }
        write!(out, "\n{}", table.render("  ", color))?;
    }
    print_outcomes("misses", &report.misses, color, out)?;
    print_outcomes("false hits", &report.false_hits, color, out)
}

fn print_outcomes(
    title: &str,
    outcomes: &[Outcome],
    color: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(
        out,
        "\n{} ({})",
        Style::BOLD.paint(title, color),
        outcomes.len()
    )?;
    let mut table = Table::default();
    for o in outcomes {
        let got = match &o.got {
            Some(got) => format!("tagged {got}"),
            None if title.contains("miss") => "not tagged".to_string(),
            None => String::new(),
        };
        table.row(vec![
            (format!("{}:{}-{}", o.doc, o.start, o.end), Some(Style::DIM)),
            (quoted(&o.text), None),
            (o.id.clone(), Some(Style::CYAN)),
            (got, Some(Style::YELLOW)),
        ]);
    }
    write!(out, "{}", table.render("  ", color))
}

fn print_name_report(report: &NameReport, color: bool, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{} names: top-1 accuracy {:.3} ({}/{}), mean reciprocal rank {:.3}",
        report.rows, report.accuracy, report.top1, report.rows, report.mrr
    )?;
    writeln!(
        out,
        "\n{} ({})",
        Style::BOLD.paint("not top-1", color),
        report.failures.len()
    )?;
    let mut table = Table::default();
    for f in &report.failures {
        table.row(vec![
            (quoted(&f.name), None),
            (format!("expected {}", f.expected), Some(Style::CYAN)),
            (
                format!("got {}", f.got.as_deref().unwrap_or("nothing")),
                Some(Style::YELLOW),
            ),
            (
                f.rank.map_or("absent".into(), |r| format!("rank {r}")),
                Some(Style::DIM),
            ),
        ]);
    }
    write!(out, "{}", table.render("  ", color))
}
