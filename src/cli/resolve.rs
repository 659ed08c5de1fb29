//! `canonym resolve NAME... | -`: names to ranked candidates, as a table or JSON Lines.

use std::io::{self, BufRead, Write};

use canonym::normalize::Layer;
use canonym::{Candidate, Explanation, Resolver};
use serde_json::{json, Map, Value};

use super::output::{line, quoted, Style, Table};
use super::{CliError, CliResult, IndexBytes, LexiconArg, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    lexicon: LexiconArg,
    /// Print JSON Lines: one object per query, {"query", "candidates": [...]}. With `-`, each
    /// input line may be JSON: a string, or an object with a "query" field whose other fields
    /// are passed through.
    #[arg(long)]
    json: bool,
    /// Prefer labels in this language (BCP 47 tag, e.g. fr).
    #[arg(long, value_name = "L", value_parser = super::language_tag)]
    lang: Option<String>,
    /// Show how each name reached its candidates: every normalization step, the key on
    /// each layer, the variant that fired (language, form, source), the edit distance, and
    /// why each candidate ranks below the one above it.
    #[arg(long)]
    explain: bool,
    /// Drop candidates scoring below this [default: 0.5, chosen on the name tables in tests/].
    #[arg(long, value_name = "SCORE", value_parser = super::score)]
    min_score: Option<f64>,
    /// Show at most this many candidates per name, the best first.
    #[arg(long, value_name = "N", value_parser = super::at_least_one)]
    limit: Option<usize>,
    /// The names to resolve, or `-` to read one name per line from standard input.
    #[arg(value_name = "NAME", required = true)]
    names: Vec<String>,
}

pub fn run(args: Args, color: bool) -> CliResult {
    let index = args.lexicon.open()?;
    let mut resolver = Resolver::new(&index);
    if let Some(lang) = &args.lang {
        resolver.lang(lang.clone());
    }
    if let Some(limit) = args.limit {
        resolver.limit(limit);
    }
    if let Some(score) = args.min_score {
        resolver.min_score(score);
    }
    let printer = Printer {
        resolver,
        json: args.json,
        explain: args.explain,
        color,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut found = false;
    if args.names.iter().any(|n| n == "-") {
        if args.names.len() > 1 {
            return Err(CliError::Message(
                "`-` reads the names from standard input and cannot be mixed with names".into(),
            ));
        }
        let mut input = io::BufReader::new(io::stdin());
        let mut line = Vec::new();
        let mut number = 0;
        loop {
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            number += 1;
            let text = match std::str::from_utf8(trim_newline(&line)) {
                Ok(text) => text.to_string(),
                Err(_) => {
                    eprintln!("canonym: warning: stdin line {number} is not valid UTF-8; invalid bytes replaced");
                    String::from_utf8_lossy(trim_newline(&line)).into_owned()
                }
            };
            found |= printer.answer_line(&text, number, &mut out)?;
            // Answer each line before waiting for the next, so that a program can talk to us
            // through a pipe; while more lines are already read, keep writing in bulk.
            if !input.buffer().contains(&b'\n') {
                out.flush()?;
            }
        }
    } else {
        for name in &args.names {
            found |= printer.answer(name, Map::new(), &mut out)?;
        }
    }
    out.flush()?;
    Ok(if found {
        Outcome::Found
    } else {
        Outcome::NotFound
    })
}

/// The explanation as JSON, for tools that want to show it their own way.
fn explain_json(explanation: &Explanation<'_>) -> Value {
    json!({
        "steps": explanation.steps.iter().map(|s| json!({"step": s.name, "output": s.output})).collect::<Vec<_>>(),
        "keys": explanation.keys.iter().map(|(layer, key)| (layer.name().to_string(), json!(key))).collect::<Map<String, Value>>(),
        "fuzzy_distance": explanation.fuzzy_distance,
        "fuzzy_searched": explanation.fuzzy_searched,
        "candidates": explanation.candidates.iter().map(|e| {
            let mut candidate = json!(e.candidate);
            candidate["form"] = json!(e.candidate.form);
            candidate["source"] = json!(e.candidate.source);
            candidate["returned"] = json!(e.returned);
            candidate["why"] = json!(e.why);
            if let Some(words) = &e.candidate.words {
                candidate["words"] = json!({
                    "shared": words.shared.iter().map(|(w, weight)| json!({"word": w, "weight": weight})).collect::<Vec<_>>(),
                    "name_weight": words.name_weight,
                    "query_weight": words.query_weight,
                    "coverage": words.coverage(),
                });
                if !words.translated.is_empty() {
                    candidate["words"]["translated"] = json!(words.translated);
                }
            }
            candidate
        }).collect::<Vec<_>>(),
    })
}

fn trim_newline(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

struct Printer<'a> {
    resolver: Resolver<'a, IndexBytes>,
    json: bool,
    explain: bool,
    color: bool,
}

impl Printer<'_> {
    /// Answers line `number` of standard input. In JSON mode a line that starts with `"` or
    /// `{` is a JSON string or object, or an error (a name that merely looks like one is sent
    /// as a JSON string); any other line is the name itself.
    fn answer_line(&self, line: &str, number: usize, out: &mut impl Write) -> CliResult<bool> {
        let looks_like_json = line.trim_start().starts_with(['"', '{']);
        if !(self.json && looks_like_json) {
            return self.answer(line, Map::new(), out);
        }
        let not_json = |err: serde_json::Error| {
            CliError::Message(format!(
                "stdin line {number}: not a JSON string or object: {err}"
            ))
        };
        match serde_json::from_str::<Value>(line).map_err(not_json)? {
            Value::Object(fields) => {
                let Some(Value::String(name)) = fields.get("query") else {
                    return Err(CliError::Message(format!(
                        "stdin line {number}: a JSON input line needs a \"query\" string"
                    )));
                };
                let name = name.clone();
                self.answer(&name, fields, out)
            }
            Value::String(name) => self.answer(&name, Map::new(), out),
            // Never: a line that starts with `"` or `{` is a string, an object or an error.
            _ => self.answer(line, Map::new(), out),
        }
    }

    /// Resolves `name` and prints the answer; true when something was found.
    fn answer(
        &self,
        name: &str,
        fields: Map<String, Value>,
        out: &mut impl Write,
    ) -> CliResult<bool> {
        let candidates = self.resolver.resolve(name)?;
        let explanation = match self.explain {
            true => Some(self.resolver.explain(name)?),
            false => None,
        };
        if self.json {
            let mut object = canonym::json::resolve_answer(name, &candidates, fields);
            if let Some(explanation) = &explanation {
                object.insert("explain".into(), explain_json(explanation));
            }
            serde_json::to_writer(&mut *out, &object).map_err(io::Error::from)?;
            writeln!(out)?;
        } else if let Some(explanation) = &explanation {
            self.print_explanation(explanation, out)?;
        } else {
            self.print_table(name, &candidates, out)?;
        }
        Ok(!candidates.is_empty())
    }

    fn print_explanation(
        &self,
        explanation: &Explanation<'_>,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let c = self.color;
        writeln!(out, "{}", Style::BOLD.paint(&line(&explanation.query), c))?;
        writeln!(out, "  normalization")?;
        let mut steps = Table::default();
        for step in &explanation.steps {
            steps.row(vec![
                (step.name.to_string(), Some(Style::DIM)),
                (quoted(&step.output), None),
            ]);
        }
        write!(out, "{}", steps.render("    ", c))?;
        let fuzzy = match (explanation.fuzzy_distance, explanation.fuzzy_searched) {
            (0, _) => "not tried: the name is too short for edits".to_string(),
            (d, true) => format!("searched up to {d} edit{}", if d == 1 { "" } else { "s" }),
            (d, false) => {
                let strict = explanation
                    .candidates
                    .iter()
                    .any(|e| e.candidate.layer < Layer::Skeleton);
                let why = match strict {
                    true => "a stricter layer matched",
                    false => "the query has digits, starts with an article or is a short acronym",
                };
                format!(
                    "allows {d} edit{} but was not searched: {why}",
                    if d == 1 { "" } else { "s" }
                )
            }
        };
        writeln!(out, "  fuzzy layer: {fuzzy}")?;
        if explanation.candidates.is_empty() {
            writeln!(
                out,
                "  {}",
                Style::DIM.paint("no candidate on any layer", c)
            )?;
            return Ok(());
        }
        writeln!(out, "  candidates")?;
        for explained in &explanation.candidates {
            let candidate = &explained.candidate;
            let distance = candidate.distance.map_or(String::new(), |d| {
                format!(", {d} edit{}", if d == 1 { "" } else { "s" })
            });
            let mark = if explained.returned {
                Style::GREEN
            } else {
                Style::DIM
            };
            writeln!(
                out,
                "    {}  {}  {}  {}  {}",
                mark.paint(&format!("{:.2}", candidate.score), c),
                Style::CYAN.paint(candidate.id, c),
                candidate.kind,
                Style::BOLD.paint(candidate.label, c),
                Style::YELLOW.paint(candidate.layer.name(), c),
            )?;
            writeln!(
                out,
                "          variant \"{}\" ({}, {}{distance}), source: {}",
                candidate.variant, candidate.lang, candidate.form, candidate.source
            )?;
            if let Some(reading) = &candidate.reading {
                writeln!(
                    out,
                    "          read as \"{}\" ({} rule)",
                    reading.query, reading.rule
                )?;
            }
            if let Some(words) = &candidate.words {
                let shared: Vec<String> = words
                    .shared
                    .iter()
                    .map(|(word, weight)| format!("{word} {weight:.1}"))
                    .collect();
                writeln!(
                    out,
                    "          words shared: {} of the name's {:.1} and the query's {:.1} (coverage {:.2})",
                    shared.join(", "),
                    words.name_weight,
                    words.query_weight,
                    words.coverage()
                )?;
                for t in &words.translated {
                    writeln!(
                        out,
                        "          \"{}\" is the name's \"{}\" ({})",
                        t.query,
                        t.name,
                        t.meaning.unwrap_or("written otherwise")
                    )?;
                }
            }
            writeln!(out, "          {}", Style::DIM.paint(&explained.why, c))?;
        }
        Ok(())
    }

    fn print_table(
        &self,
        name: &str,
        candidates: &[Candidate<'_>],
        out: &mut impl Write,
    ) -> io::Result<()> {
        let c = self.color;
        writeln!(out, "{}", Style::BOLD.paint(&line(name), c))?;
        if candidates.is_empty() {
            writeln!(out, "  {}", Style::DIM.paint("no match", c))?;
            return Ok(());
        }
        let mut table = Table::default();
        for candidate in candidates {
            table.row(vec![
                (format!("{:.2}", candidate.score), Some(Style::GREEN)),
                (candidate.id.to_string(), Some(Style::CYAN)),
                (candidate.kind.to_string(), None),
                (candidate.label.to_string(), Some(Style::BOLD)),
                (candidate.layer.to_string(), Some(Style::YELLOW)),
                (
                    format!(
                        "via \"{}\" ({}, {}){}",
                        candidate.variant,
                        candidate.lang,
                        candidate.form,
                        candidate
                            .reading
                            .as_ref()
                            .map_or(String::new(), |r| format!(
                                ", read as \"{}\" ({})",
                                r.query, r.rule
                            ))
                    ),
                    Some(Style::DIM),
                ),
            ]);
        }
        write!(out, "{}", table.render("  ", c))
    }
}
