//! `canonym suggest CORPUS...`: names a linguist should review, as TOML ready to paste.

use std::io::{self, Write};
use std::path::PathBuf;

use canonym::suggest::{suggest, Action};

use super::output::{line, quoted};
use super::{CliResult, LexiconArg, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    lexicon: LexiconArg,
    /// The language tag to write in the snippets (the corpus's language, if it has one).
    #[arg(long, value_name = "L", default_value = "und", value_parser = super::language_tag)]
    lang: String,
    /// Show at most this many suggestions.
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = super::at_least_one)]
    limit: usize,
    /// Text files to read.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

pub fn run(args: Args) -> CliResult {
    let index = args.lexicon.open()?;
    // Where each entity is defined, to say which file a name goes to.
    let lexicon = args.lexicon.layers()?;
    let mut documents = Vec::new();
    for path in &args.files {
        let bytes = std::fs::read(path).map_err(|e| canonym::Error::io(path, e))?;
        documents.push((
            path.display().to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    let suggestions = suggest(&index, &documents)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    for s in suggestions.iter().take(args.limit) {
        let source = quote(&s.seen[0].doc);
        let times = s.seen.len();
        match &s.action {
            Action::AddName {
                id,
                near,
                layer,
                acronym,
            } => {
                writeln!(
                    out,
                    "# {times}x {}: near {} of {id} ({layer} layer, confidence {:.2})",
                    quoted(&s.text),
                    quoted(near),
                    s.confidence
                )?;
                write_seen(&mut out, &s.seen)?;
                let place = lexicon
                    .as_ref()
                    .and_then(|l| l.get(id))
                    .map_or(String::new(), |e| format!(" in {}", e.location));
                writeln!(out, "# add to the names of {id}{place}:")?;
                let form = if *acronym {
                    "acronym"
                } else {
                    "transliteration"
                };
                writeln!(
                    out,
                    "  {{ text = {}, lang = {}, form = \"{form}\", source = {source} }},\n",
                    quote(&s.text),
                    quote(&args.lang)
                )?;
            }
            Action::NewEntity { name, acronym } => {
                writeln!(
                    out,
                    "# {times}x {} ({acronym}): defined in the text, not in the lexicon",
                    quoted(name)
                )?;
                write_seen(&mut out, &s.seen)?;
                writeln!(out, "# a new entity: choose its ID and kind")?;
                writeln!(out, "[[entity]]\nid = \"KIND/SLUG\"\nkind = \"KIND\"")?;
                writeln!(out, "label = {{ {} = {} }}", args.lang, quote(name))?;
                writeln!(out, "names = [")?;
                writeln!(
                    out,
                    "  {{ text = {}, lang = {}, form = \"full\", source = {source} }},",
                    quote(name),
                    quote(&args.lang)
                )?;
                writeln!(
                    out,
                    "  {{ text = {}, lang = {}, form = \"acronym\", source = {source} }},",
                    quote(acronym),
                    quote(&args.lang)
                )?;
                writeln!(out, "]\n")?;
            }
        }
    }
    out.flush()?;
    let n = suggestions.len();
    eprintln!(
        "{n} suggestion{} ({} shown)",
        if n == 1 { "" } else { "s" },
        n.min(args.limit)
    );
    Ok(if suggestions.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}

/// The first places a suggestion was seen, each with its context, as comment lines.
fn write_seen(out: &mut impl Write, seen: &[canonym::suggest::Seen]) -> io::Result<()> {
    for seen in seen.iter().take(3) {
        writeln!(
            out,
            "#   {}:{}: {}",
            seen.doc,
            seen.line,
            line(&seen.context)
        )?;
    }
    Ok(())
}
