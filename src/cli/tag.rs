//! `canonym tag [FILE... | -]`: find and resolve the mentions in running text.
//!
//! Files are one document each. `-` reads one document per line and tags lines on every core,
//! in batches, writing the answers in input order; the number of batches in flight is bounded,
//! so memory stays flat however long the input. A batch is the lines already read, never a
//! wait for more: a program that sends one line and waits gets its answer at once, and a fast
//! pipe still fills batches. A document longer than a window (`canonym::WINDOW`) is tagged a
//! window at a time and its answer written as each is done, one such line at a time, so that
//! memory stays bounded whatever a line's length (a failure inside it leaves its answer cut).

use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;
use std::thread;

use canonym::printable::Printable;
use canonym::{Mention, Overlaps, Tagger, WINDOW};
use serde_json::{Map, Value};

use super::output::{line, quoted, Style, Table};
use super::{CliError, CliResult, IndexBytes, LexiconArg, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    lexicon: LexiconArg,
    /// Print JSON Lines: one object per document, {"doc", "mentions": [...]}. With `-`, each
    /// input line may be a JSON object with a "text" field; its other fields are passed
    /// through.
    #[arg(long)]
    json: bool,
    /// Print a table of the mentions (document, offsets, text, ID, kind, score, layer) instead
    /// of the highlighted text.
    #[arg(long, conflicts_with = "json")]
    table: bool,
    /// Which matches to report when they overlap: the longest non-overlapping ones, or all.
    #[arg(long, value_enum, default_value_t = OverlapMode::Longest, value_name = "MODE")]
    overlaps: OverlapMode,
    /// Prefer labels in this language (BCP 47 tag, e.g. fr).
    #[arg(long, value_name = "L", value_parser = super::language_tag)]
    lang: Option<String>,
    /// Tag descriptions too (`l'armée malienne`, `la junte`), which the annotation rules do
    /// not count as names; their mentions have "form": "description".
    #[arg(long)]
    descriptions: bool,
    /// Worker threads for `-` [default: the number of cores].
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Text files to tag, or `-` to read one document per line from standard input
    /// [default: -].
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum OverlapMode {
    /// Leftmost-longest, non-overlapping.
    Longest,
    /// Every match, overlapping ones included.
    All,
}

/// The most documents in a batch handed to a worker: large enough to amortize the hand-off,
/// small enough to keep memory flat.
const BATCH_LINES: usize = 64;

pub fn run(args: Args, color: bool) -> CliResult {
    let index = args.lexicon.open()?;
    let mut tagger = Tagger::new(&index);
    tagger.overlaps(match args.overlaps {
        OverlapMode::Longest => Overlaps::Longest,
        OverlapMode::All => Overlaps::All,
    });
    if let Some(lang) = &args.lang {
        tagger.lang(lang.clone());
    }
    tagger.descriptions(args.descriptions)?;
    let printer = Printer {
        tagger,
        json: args.json,
        table: args.table,
        color,
    };
    let stdin_mode = args.files.is_empty() || args.files.iter().any(|f| f.as_os_str() == "-");
    if stdin_mode && args.files.len() > 1 {
        return Err(CliError::Message(
            "`-` reads documents from standard input and cannot be mixed with files".into(),
        ));
    }
    let found = if stdin_mode {
        let threads = args
            .threads
            .unwrap_or_else(|| thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        printer.stream_stdin(threads)?
    } else {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        let mut found = false;
        for path in &args.files {
            let mut bytes = Vec::new();
            std::fs::File::open(path)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .map_err(|e| CliError::Message(format!("{}: {e}", path.display())))?;
            let doc = path.display().to_string();
            let text = decode(bytes, &doc);
            found |= printer.write_answer(&mut out, &text, Map::new(), &doc)?;
        }
        out.flush()?;
        found
    };
    Ok(if found {
        Outcome::Found
    } else {
        Outcome::NotFound
    })
}

/// Stands for each byte of invalid UTF-8: one byte for one, so that every offset into the
/// text is the same offset into the input. SUBSTITUTE is what the character is for, and no
/// name holds it.
const INVALID_BYTE: char = '\u{1A}';

/// Text from bytes (without a copy when they are UTF-8): each byte of invalid UTF-8 becomes
/// [`INVALID_BYTE`], and the first is reported with its byte offset.
fn decode(bytes: Vec<u8>, what: &str) -> String {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return text,
        Err(err) => err.into_bytes(),
    };
    let mut text = String::with_capacity(bytes.len());
    let mut reported = false;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() && !reported {
            eprintln!(
                "canonym: warning: {what}: invalid UTF-8 at byte {}; each invalid byte is read as U+001A",
                text.len()
            );
            reported = true;
        }
        text.extend(std::iter::repeat_n(INVALID_BYTE, chunk.invalid().len()));
    }
    text
}

/// A document's answer as a worker hands it to the writer.
enum Answer {
    /// Written out, and whether it has mentions.
    Written(Vec<u8>, bool),
    /// A document longer than a window ([`WINDOW`]): the writer tags it as it writes, so that
    /// neither its mentions nor its answer are ever held whole.
    Long {
        text: String,
        fields: Map<String, Value>,
        doc: String,
    },
}

struct Printer<'i> {
    tagger: Tagger<'i, IndexBytes>,
    json: bool,
    table: bool,
    color: bool,
}

impl Printer<'_> {
    /// Tags one document and writes its answer, window by window: the answer to a long text
    /// is never held whole. True when it has mentions.
    fn write_answer(
        &self,
        out: &mut impl Write,
        text: &str,
        fields: Map<String, Value>,
        doc: &str,
    ) -> CliResult<bool> {
        let mut windows = self.tagger.tag_by_window(text);
        // The first window is tagged before anything is written, so that a text of one window
        // (any text of ordinary length) writes nothing when tagging fails.
        let first = windows.next().transpose()?.unwrap_or_default();
        if self.json {
            out.write_all(
                canonym::json::tag_answer_opening(doc, fields)
                    .map_err(io::Error::from)?
                    .as_bytes(),
            )?;
        } else if !self.table {
            writeln!(
                out,
                "{}",
                Style::BOLD.paint(&format!("== {doc}"), self.color)
            )?;
        }
        let mut found = false;
        let mut highlighted_to = 0;
        for mentions in std::iter::once(Ok(first)).chain(windows) {
            let mentions = mentions?;
            if self.json {
                for mention in &mentions {
                    if found {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *out, mention).map_err(io::Error::from)?;
                    found = true;
                }
            } else if self.table {
                out.write_all(self.table(&mentions, doc).as_bytes())?;
            } else {
                highlighted_to = self.highlight(out, text, &mentions, highlighted_to)?;
            }
            found |= !mentions.is_empty();
        }
        if self.json {
            writeln!(out, "{}", canonym::json::TAG_ANSWER_CLOSING)?;
        } else if !self.table {
            write!(out, "{}", Printable::text(&text[highlighted_to..]))?;
            if !text.is_empty() && !text.ends_with('\n') {
                writeln!(out)?;
            }
        }
        Ok(found)
    }

    /// One aligned row per mention.
    fn table(&self, mentions: &[Mention<'_>], doc: &str) -> String {
        let mut table = Table::default();
        for m in mentions {
            let best = m.best();
            let others = match m.candidates.len() {
                1 => String::new(),
                n => format!("+{} more", n - 1),
            };
            table.row(vec![
                (format!("{doc}:{}-{}", m.start, m.end), Some(Style::DIM)),
                (quoted(m.text), None),
                (best.id.to_string(), Some(Style::CYAN)),
                (best.kind.to_string(), None),
                (format!("{:.2}", best.score), Some(Style::GREEN)),
                (best.layer.to_string(), Some(Style::YELLOW)),
                (others, Some(Style::DIM)),
            ]);
        }
        table.render("", self.color)
    }

    /// The text from `from` to the last of `mentions`, each mention marked by its ID: `[Tin
    /// Zaouatine]{place/tinzaouatene}` when piped, in colour on a terminal. Returns where it
    /// stopped.
    fn highlight(
        &self,
        out: &mut impl Write,
        text: &str,
        mentions: &[Mention<'_>],
        from: usize,
    ) -> io::Result<usize> {
        let c = self.color;
        let mut at = from;
        for mention in mentions {
            if mention.start < at {
                continue; // overlapping mentions (--overlaps all) are marked once
            }
            write!(out, "{}", Printable::text(&text[at..mention.start]))?;
            let id = mention.best().id;
            let more = mention.candidates.len() - 1;
            let id = if more > 0 {
                format!("{id} +{more}")
            } else {
                id.to_string()
            };
            if c {
                out.write_all(Style::CYAN.paint(&line(mention.text), true).as_bytes())?;
                out.write_all(Style::DIM.paint(&format!("⟨{id}⟩"), true).as_bytes())?;
            } else {
                write!(out, "[{}]{{{id}}}", line(mention.text))?;
            }
            at = mention.end;
        }
        Ok(at)
    }

    /// Tags standard input, one document per line, on `threads` workers, writing answers
    /// in input order.
    fn stream_stdin(&self, threads: usize) -> CliResult<bool> {
        type Batch = (usize, Vec<(usize, Vec<u8>)>);
        let in_flight = threads * 4;
        let (work_tx, work_rx) = sync_channel::<Batch>(threads * 2);
        let (done_tx, done_rx) = sync_channel::<(usize, CliResult<Vec<Answer>>)>(threads * 2);
        // A batch takes a ticket when read and gives it back when written.
        let (ticket_tx, ticket_rx) = sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            let _ = ticket_tx.send(());
        }
        let work_rx = Mutex::new(work_rx);

        thread::scope(|scope| {
            for _ in 0..threads {
                let done_tx = done_tx.clone();
                let work_rx = &work_rx;
                scope.spawn(move || loop {
                    let next = work_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, lines))) = next else {
                        return;
                    };
                    let first_line = lines.first().map_or(0, |(n, _)| *n);
                    // A panic is a bug; it must still end the run with an error rather
                    // than leave the writer waiting for this batch forever.
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        self.answer_batch(lines)
                    }))
                    .unwrap_or_else(|_| {
                        Err(CliError::Message(format!(
                            "internal error while tagging the batch from stdin line {first_line}"
                        )))
                    });
                    if done_tx.send((seq, result)).is_err() {
                        return;
                    }
                });
            }
            drop(done_tx);
            let writer = scope.spawn(move || self.write_in_order(done_rx, ticket_tx));

            let read = (|| -> CliResult<()> {
                let mut input = io::BufReader::with_capacity(1 << 16, io::stdin());
                let mut seq = 0;
                let mut number = 0;
                // Tickets taken back while a long line was written, to be used before waiting.
                let mut held = 0;
                loop {
                    let mut batch = Vec::with_capacity(BATCH_LINES);
                    // The first line of a batch is waited for; the others are taken only when
                    // they are already read in whole, so that a slow writer is answered line
                    // by line.
                    while batch.len() < BATCH_LINES
                        && (batch.is_empty() || input.buffer().contains(&b'\n'))
                    {
                        let mut line = Vec::new();
                        if input.read_until(b'\n', &mut line)? == 0 {
                            break;
                        }
                        number += 1;
                        batch.push((number, line));
                    }
                    if batch.is_empty() {
                        return Ok(());
                    }
                    let long = batch.iter().any(|(_, line)| line.len() > WINDOW);
                    // Wait for a ticket; none comes back once the writer has stopped.
                    let ticket = match held {
                        0 => ticket_rx.recv().is_ok(),
                        _ => {
                            held -= 1;
                            true
                        }
                    };
                    if !ticket || work_tx.send((seq, batch)).is_err() {
                        return Ok(());
                    }
                    seq += 1;
                    if long {
                        // Read on only once this batch is written, when every ticket is back:
                        // one long line at a time is what bounds the memory of a run.
                        while held < in_flight {
                            if ticket_rx.recv().is_err() {
                                return Ok(());
                            }
                            held += 1;
                        }
                    }
                }
            })();
            drop(work_tx);
            let written = writer
                .join()
                .unwrap_or_else(|_| Err(CliError::Message("the writer thread failed".into())));
            read?;
            written
        })
    }

    /// Tags a batch of input lines: the answers of consecutive short lines as one block of
    /// output, each long line left for the writer.
    fn answer_batch(&self, lines: Vec<(usize, Vec<u8>)>) -> CliResult<Vec<Answer>> {
        let mut answers = Vec::new();
        let mut out = Vec::new();
        let mut found = false;
        for (number, mut line) in lines {
            for end in [b'\n', b'\r'] {
                if line.last() == Some(&end) {
                    line.pop();
                }
            }
            let text = decode(line, &format!("stdin line {number}"));
            // With --json, a line that starts with `{` is a JSON object, or an error: text
            // that merely looks like one is sent as {"text": ...}.
            let (text, fields) = match self.json && text.trim_start().starts_with('{') {
                true => match serde_json::from_str::<Map<String, Value>>(&text) {
                    Ok(mut fields) => match fields.remove("text") {
                        Some(Value::String(t)) => (t, fields),
                        _ => {
                            return Err(CliError::Message(format!(
                                "stdin line {number}: a JSON input line needs a \"text\" string"
                            )))
                        }
                    },
                    Err(err) => {
                        return Err(CliError::Message(format!(
                            "stdin line {number}: not a JSON object: {err}"
                        )))
                    }
                },
                false => (text, Map::new()),
            };
            if text.len() > WINDOW {
                if !out.is_empty() {
                    answers.push(Answer::Written(std::mem::take(&mut out), found));
                    found = false;
                }
                let doc = number.to_string();
                answers.push(Answer::Long { text, fields, doc });
            } else {
                found |= self.write_answer(&mut out, &text, fields, &number.to_string())?;
            }
        }
        if !out.is_empty() {
            answers.push(Answer::Written(out, found));
        }
        Ok(answers)
    }

    /// Writes batch answers in sequence order, holding back those that arrive early, and
    /// hands a ticket back to the reader for each batch written.
    fn write_in_order(
        &self,
        done: Receiver<(usize, CliResult<Vec<Answer>>)>,
        tickets: std::sync::mpsc::SyncSender<()>,
    ) -> CliResult<bool> {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        let mut found = false;
        for (seq, result) in done {
            waiting.insert(seq, result);
            while let Some(result) = waiting.remove(&next) {
                for answer in result? {
                    found |= match answer {
                        Answer::Written(bytes, any) => {
                            out.write_all(&bytes)?;
                            any
                        }
                        Answer::Long { text, fields, doc } => {
                            self.write_answer(&mut out, &text, fields, &doc)?
                        }
                    };
                }
                next += 1;
                let _ = tickets.send(());
            }
            out.flush()?;
        }
        Ok(found)
    }
}
