//! Wikidata's own JSON dump format (`latest-all.json.gz`): a `[` line, one entity object a
//! line, each but the last followed by a comma, and a `]` line; plain or gzip-compressed (told
//! by its first bytes). The file is read a line at a time, so that only the entities kept, not
//! the dump, are held in memory.
//!
//! Each item becomes an entity `<prefix>/q<digits>` with its QID as `wikidata`:
//!
//! - labels become names of form `full` and the entity's labels; aliases `acronym` when
//!   written as one (`JNIM`), `short` otherwise; official names (P1448) `full` and short names
//!   (P1813) `short` or `acronym`; Wikipedia sitelink titles, without a trailing
//!   `(qualifier)`, `full` names in the wiki's language. Every name's source is the item's
//!   Wikidata page.
//! - the kind comes from the item's classes (P31, instance of) by [`CLASSES`], or from the
//!   caller's own mapping, or the default kind; an item of no known class is skipped and
//!   counted.
//! - P17 (country) gives the ISO 3166-1 codes of `countries`, through the P297 codes of the
//!   countries in the same dump; P131 (located in) gives `located_in` relations to the
//!   entities of the import, and without any, P17 does.
//! - the prior grows with the number of sitelinks: of two items with one name, the one more
//!   encyclopedias write about is more often meant.
//!
//! Wikidata's language codes become BCP 47 tags (`zh-hans` → `zh-Hans`, `sr-ec` → `sr-Cyrl`,
//! `mul` → `und`); a code that is no tag (`roa-tara`) loses its names, counted. A line that
//! is not an entity is an error at its line; after [`MAX_PROBLEMS`] of them reading stops.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::lexicon::validate::{detect_script, language_tag, name_text};
use crate::lexicon::{Entity, Form, Kind, Label, Lexicon, Location, Name, Relation, RelationKind};

/// The classes (values of P31, instance of) whose items are imported without being told, and
/// the kind and category each gives. Only an item's own classes count, not their
/// superclasses (a dump read once cannot climb the class tree): add others with
/// [`WikidataOptions::class_kinds`].
pub const CLASSES: &[(&str, Kind, &str)] = &[
    ("Q5", Kind::Person, ""),                                      // human
    ("Q6256", Kind::Place, "country"),                             // country
    ("Q3624078", Kind::Place, "country"),                          // sovereign state
    ("Q515", Kind::Place, "city"),                                 // city
    ("Q1549591", Kind::Place, "city"),                             // big city
    ("Q5119", Kind::Place, "city"),                                // capital city
    ("Q3957", Kind::Place, "town"),                                // town
    ("Q532", Kind::Place, "village"),                              // village
    ("Q486972", Kind::Place, "town"),                              // human settlement
    ("Q484170", Kind::Place, "commune"),                           // commune of France
    ("Q15284", Kind::Place, "commune"),                            // municipality
    ("Q82794", Kind::Place, "region"),                             // geographic region
    ("Q10864048", Kind::Place, "region"), // first-level administrative country subdivision
    ("Q13220204", Kind::Place, "region"), // second-level administrative country subdivision
    ("Q13221722", Kind::Place, "region"), // third-level administrative country subdivision
    ("Q34876", Kind::Place, "region"),    // province
    ("Q4022", Kind::Place, "river"),      // river
    ("Q23397", Kind::Place, "lake"),      // lake
    ("Q8514", Kind::Place, "desert"),     // desert
    ("Q17149090", Kind::Group, "armed-group"), // armed organization
    ("Q17127659", Kind::Group, "armed-group"), // terrorist organization
    ("Q4456236", Kind::Group, "armed-group"), // terrorist group
    ("Q43229", Kind::Organization, ""),   // organization
    ("Q484652", Kind::Organization, "international-organization"), // international organization
    ("Q7188", Kind::Organization, "government"), // government
    ("Q327333", Kind::Organization, "agency"), // government agency
    ("Q2659904", Kind::Organization, "government"), // government organization
    ("Q8473", Kind::Organization, "army"), // military (armed forces)
    ("Q176799", Kind::Organization, "military-unit"), // military unit
    ("Q7278", Kind::Organization, "political-party"), // political party
    ("Q192283", Kind::Organization, "media"), // news agency
    ("Q11032", Kind::Organization, "media"), // newspaper
];

/// After this many malformed lines an import stops reading: the file is not a dump.
pub const MAX_PROBLEMS: usize = 20;

/// The longest line read, in bytes. The largest items of Wikidata are a few megabytes.
const MAX_LINE: usize = 64 << 20;

/// What to take from a dump.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct WikidataOptions {
    /// Only these items, when given.
    pub qids: Option<HashSet<String>>,
    /// Only items that are an instance (P31) of one of these classes, when given.
    pub classes: Option<HashSet<String>>,
    /// Kinds for classes beside [`CLASSES`] (and over them).
    pub class_kinds: HashMap<String, Kind>,
    /// The kind of an item none of whose classes is known; without it such items are skipped.
    pub kind_default: Option<Kind>,
}

/// What an import read, beside the lexicon.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WikidataReport {
    /// Entity lines read.
    pub lines: usize,
    /// Entities imported.
    pub entities: usize,
    /// Names kept.
    pub names: usize,
    /// Entities that are not items (properties, lexemes): skipped.
    pub not_items: usize,
    /// Items left out by the QID or class filter.
    pub filtered: usize,
    /// Items of no known class, without a default kind: skipped.
    pub unknown_class: usize,
    /// Items without a single usable name: skipped.
    pub nameless: usize,
    /// Names in a language code that is no BCP 47 tag: skipped.
    pub unknown_language: usize,
    /// Names that are empty, only punctuation or control characters, or repeated: skipped.
    pub names_skipped: usize,
    /// `located_in` relations made from P131 and P17.
    pub relations: usize,
}

impl fmt::Display for WikidataReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read {} entities from Wikidata: kept {} with {} names and {} relations; skipped \
             {} not items, {} filtered out, {} of no known class, {} without names; names \
             skipped: {} in unknown languages, {} empty or repeated",
            self.lines,
            self.entities,
            self.names,
            self.relations,
            self.not_items,
            self.filtered,
            self.unknown_class,
            self.nameless,
            self.unknown_language,
            self.names_skipped
        )
    }
}

/// Reads a Wikidata JSON dump at `path`, plain or gzip-compressed, into a lexicon.
pub fn read_wikidata(path: &Path, options: &WikidataOptions) -> Result<(Lexicon, WikidataReport)> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_wikidata_from(file, path, options)
}

/// Reads a Wikidata JSON dump from `reader` (named `path` in diagnostics), plain or
/// gzip-compressed.
///
/// ```
/// use canonym::exchange::{read_wikidata_from, WikidataOptions};
///
/// let dump = r#"[
/// {"type":"item","id":"Q3703","labels":{"fr":{"language":"fr","value":"Bamako"}},"claims":{"P31":[{"mainsnak":{"snaktype":"value","property":"P31","datavalue":{"value":{"entity-type":"item","numeric-id":5119,"id":"Q5119"},"type":"wikibase-entityid"}},"rank":"normal"}]},"sitelinks":{}}
/// ]"#;
/// let (lexicon, report) =
///     read_wikidata_from(dump.as_bytes(), "dump.json".as_ref(), &WikidataOptions::default())?;
/// assert_eq!(lexicon.entities()[0].id, "place/q3703");
/// assert_eq!(report.names, 1);
/// # Ok::<(), canonym::Error>(())
/// ```
pub fn read_wikidata_from(
    reader: impl Read,
    path: &Path,
    options: &WikidataOptions,
) -> Result<(Lexicon, WikidataReport)> {
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let gzip = reader
        .fill_buf()
        .map_err(|e| Error::io(path, e))?
        .starts_with(&[0x1f, 0x8b]);
    if gzip {
        let decoder = flate2::bufread::MultiGzDecoder::new(reader);
        read_lines(BufReader::with_capacity(1 << 20, decoder), path, options)
    } else {
        read_lines(reader, path, options)
    }
}

/// The import under way: the entities kept, and what is needed to link them at the end.
#[derive(Default)]
struct Import {
    entities: Vec<Entity>,
    /// Per entity: the QIDs of its countries (P17) and of where it lies (P131).
    links: Vec<(Vec<String>, Vec<String>)>,
    /// The ISO 3166-1 alpha-2 code (P297) of every country of the dump, by QID.
    iso_codes: HashMap<String, String>,
    report: WikidataReport,
}

fn read_lines(
    mut reader: impl BufRead,
    path: &Path,
    options: &WikidataOptions,
) -> Result<(Lexicon, WikidataReport)> {
    let mut import = Import::default();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(path, e))?;
        if read == 0 {
            break;
        }
        number += 1;
        if line.len() > MAX_LINE {
            problems.push(problem(
                path,
                number,
                1,
                format!(
                    "a line longer than {} MB: not a Wikidata dump",
                    MAX_LINE >> 20
                ),
            ));
            break;
        }
        let text = line.trim_ascii();
        if matches!(text, b"" | b"[" | b"]") {
            continue;
        }
        let text = text.strip_suffix(b",").unwrap_or(text);
        import.report.lines += 1;
        if let Err(message) = import.entity(text, path, number, options) {
            problems.push(message);
            if problems.len() == MAX_PROBLEMS {
                problems.push(problem(
                    path,
                    number,
                    1,
                    format!("stopped reading after {MAX_PROBLEMS} malformed lines"),
                ));
                break;
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::new(ErrorKind::Input(problems)));
    }
    Ok(import.finish())
}

impl Import {
    /// Reads the entity on line `number` and keeps it if it is wanted.
    fn entity(
        &mut self,
        text: &[u8],
        path: &Path,
        number: usize,
        options: &WikidataOptions,
    ) -> std::result::Result<(), Diagnostic> {
        let raw: RawEntity<'_> = serde_json::from_slice(text).map_err(|e| {
            problem(
                path,
                number,
                e.column(),
                format!("not a Wikidata entity: {e}"),
            )
        })?;
        if raw.kind != "item" {
            self.report.not_items += 1;
            return Ok(());
        }
        if !is_qid(&raw.id) {
            return Err(problem(
                path,
                number,
                1,
                format!("'{}' is not an item ID (Q and digits)", raw.id),
            ));
        }
        let qid = raw.id.as_ref();
        if let Some(code) = raw.claims.p297.iter().find_map(|s| s.string()) {
            if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
                self.iso_codes.insert(qid.to_string(), code.to_string());
            }
        }
        let classes: Vec<Cow<'_, str>> =
            raw.claims.p31.iter().filter_map(Statement::item).collect();
        let wanted = options.qids.as_ref().is_none_or(|q| q.contains(qid))
            && options
                .classes
                .as_ref()
                .is_none_or(|wanted| classes.iter().any(|c| wanted.contains(c.as_ref())));
        if !wanted {
            self.report.filtered += 1;
            return Ok(());
        }
        let Some((kind, category)) = kind_of(&classes, options) else {
            self.report.unknown_class += 1;
            return Ok(());
        };
        let at = Location {
            path: path.to_path_buf(),
            line: number,
            column: 1,
        };
        let mut entity = Entity::empty(
            format!("{}q{}", kind.id_prefix(), &qid[1..]),
            kind,
            at.clone(),
        );
        entity.category = (!category.is_empty()).then(|| category.to_string());
        entity.wikidata = Some(qid.to_string());
        // 0 sitelinks 0.05, 10 about 0.35, 100 about 0.67, 300 and more about 0.83.
        entity.prior = ((raw.sitelinks.len() as f64 + 1.0).log10() / 3.0).clamp(0.05, 1.0);
        let mut names = Names {
            entity: &mut entity,
            source: format!("https://www.wikidata.org/wiki/{qid}"),
            at,
            report: &mut self.report,
        };
        for (code, term) in &raw.labels {
            if let Some(lang) = names.add(code, &term.value, Form::Full) {
                names.entity.labels.push(Label {
                    lang,
                    text: term.value.trim().to_string(),
                });
            }
        }
        for text in raw.claims.p1448.iter().filter_map(Statement::text) {
            names.add(text.1, text.0, Form::Full);
        }
        for text in raw.claims.p1813.iter().filter_map(Statement::text) {
            names.add(text.1, text.0, alias_form(text.0));
        }
        for (code, terms) in &raw.aliases {
            for term in terms {
                names.add(code, &term.value, alias_form(&term.value));
            }
        }
        // Wikipedias only (`frwiki`, `zh_yuewiki`), not Commons or Wikispecies.
        for (site, link) in &raw.sitelinks {
            let Some(code) = site.strip_suffix("wiki").map(|c| c.replace('_', "-")) else {
                continue;
            };
            if language(&code).is_some() {
                names.add(&code, without_qualifier(&link.title), Form::Full);
            }
        }
        if entity.names.is_empty() {
            self.report.nameless += 1;
            return Ok(());
        }
        if entity.labels.is_empty() {
            let first = &entity.names[0];
            entity.labels.push(Label {
                lang: first.lang.clone(),
                text: first.text.clone(),
            });
        }
        entity.labels.sort_by(|a, b| a.lang.cmp(&b.lang));
        entity.labels.dedup_by(|a, b| a.lang == b.lang);
        let countries = raw.claims.p17.iter().filter_map(Statement::item);
        let within = raw.claims.p131.iter().filter_map(Statement::item);
        self.links.push((
            countries.map(Cow::into_owned).collect(),
            within.map(Cow::into_owned).collect(),
        ));
        self.entities.push(entity);
        Ok(())
    }

    /// Links the entities kept (countries, `located_in`) and makes the lexicon.
    fn finish(mut self) -> (Lexicon, WikidataReport) {
        let ids: HashMap<String, String> = self
            .entities
            .iter()
            .filter_map(|e| Some((e.wikidata.clone()?, e.id.clone())))
            .collect();
        for (entity, (countries, within)) in self.entities.iter_mut().zip(&self.links) {
            let own = entity.wikidata.as_ref().and_then(|q| self.iso_codes.get(q));
            entity.countries = countries
                .iter()
                .filter_map(|q| self.iso_codes.get(q))
                .chain(own)
                .cloned()
                .collect();
            entity.countries.sort();
            entity.countries.dedup();
            let linked = |qids: &[String]| -> Vec<String> {
                let mut targets: Vec<String> = qids
                    .iter()
                    .filter_map(|q| ids.get(q))
                    .filter(|id| **id != entity.id)
                    .cloned()
                    .collect();
                targets.sort();
                targets.dedup();
                targets
            };
            let mut targets = linked(within);
            if targets.is_empty() {
                targets = linked(countries);
            }
            self.report.relations += targets.len();
            entity.relations = targets
                .into_iter()
                .map(|target| Relation {
                    kind: RelationKind::LocatedIn,
                    target,
                    location: entity.location.clone(),
                })
                .collect();
        }
        self.report.entities = self.entities.len();
        self.report.names = self.entities.iter().map(|e| e.names.len()).sum();
        (Lexicon::from_trusted(self.entities), self.report)
    }
}

/// Adds names to one entity, each checked as the loader would check it.
struct Names<'e> {
    entity: &'e mut Entity,
    source: String,
    at: Location,
    report: &'e mut WikidataReport,
}

impl Names<'_> {
    /// Adds `text` in Wikidata's language `code` as a name of `form`, unless it is no name
    /// or the entity has it already; returns its language tag when it is added.
    fn add(&mut self, code: &str, text: &str, form: Form) -> Option<String> {
        let Some(lang) = language(code) else {
            self.report.unknown_language += 1;
            return None;
        };
        let text = text.trim();
        let known = self
            .entity
            .names
            .iter()
            .any(|n| n.text == text && n.lang == lang);
        if known || name_text(text).is_err() {
            self.report.names_skipped += 1;
            return None;
        }
        self.entity.names.push(Name {
            text: text.to_string(),
            lang: lang.clone(),
            script: script(text).map(str::to_string),
            form,
            source: self.source.clone(),
            location: self.at.clone(),
        });
        Some(lang)
    }
}

/// The kind and category an item's classes give, the most specific kind first: a person
/// before a group, a group before a place, a place before an organization.
fn kind_of(classes: &[Cow<'_, str>], options: &WikidataOptions) -> Option<(Kind, &'static str)> {
    let rank = |kind: Kind| match kind {
        Kind::Person => 0,
        Kind::Group => 1,
        Kind::Place => 2,
        _ => 3,
    };
    let found = classes
        .iter()
        .filter_map(|class| match options.class_kinds.get(class.as_ref()) {
            Some(&kind) => Some((kind, "")),
            None => CLASSES
                .iter()
                .find(|(qid, _, _)| qid == class)
                .map(|&(_, kind, category)| (kind, category)),
        })
        .min_by_key(|(kind, _)| rank(*kind));
    found.or_else(|| options.kind_default.map(|kind| (kind, "")))
}

/// Whether `id` is an item ID: `Q` and digits without a leading zero.
pub(crate) fn is_qid(id: &str) -> bool {
    id.strip_prefix('Q').is_some_and(|digits| {
        !digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The BCP 47 tag of a Wikidata language code (or a wiki's, from its site name), if it has
/// one: the codes Wikimedia made up for itself are mapped, the others put in the tag's case
/// (`zh-hans` → `zh-Hans`, `pt-br` → `pt-BR`) and checked.
fn language(code: &str) -> Option<String> {
    let mapped = match code {
        "mul" => "und", // Wikidata's label for every language
        "simple" => "en",
        "be-x-old" | "be-tarask" => "be-tarask",
        "sr-ec" => "sr-Cyrl",
        "sr-el" => "sr-Latn",
        "zh-classical" => "lzh",
        "zh-min-nan" => "nan",
        "zh-yue" => "yue",
        "als" => "gsw", // the Alemannic Wikipedia, not Tosk Albanian
        "bat-smg" => "sgs",
        "fiu-vro" => "vro",
        "roa-rup" => "rup",
        "cbk-zam" => "cbk",
        "nds-nl" => "nds-NL",
        // Tarantino: `tara` would read as a script subtag.
        "roa-tara" => return None,
        _ => "",
    };
    if !mapped.is_empty() {
        return Some(mapped.to_string());
    }
    let mut tag = String::with_capacity(code.len());
    for (i, subtag) in code.split('-').enumerate() {
        if i > 0 {
            tag.push('-');
        }
        let alpha = subtag.bytes().all(|b| b.is_ascii_alphabetic());
        match subtag.len() {
            4 if i > 0 && alpha => {
                tag.push_str(&subtag[..1].to_ascii_uppercase());
                tag.push_str(&subtag[1..].to_ascii_lowercase());
            }
            2 if i > 0 && alpha => tag.push_str(&subtag.to_ascii_uppercase()),
            _ => tag.push_str(&subtag.to_ascii_lowercase()),
        }
    }
    // A wiki of a dialect with a made-up code (roa-tara, map-bms) is no language tag.
    language_tag(&tag).is_ok().then_some(tag)
}

/// `acronym` for a name written as one (JNIM, A.Q.M.I., G5), `short` for the others.
fn alias_form(text: &str) -> Form {
    let upper = text.chars().filter(|c| c.is_uppercase()).count();
    let acronym = upper >= 2
        && text.chars().count() <= 12
        && text
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&' | '-'));
    if acronym {
        Form::Acronym
    } else {
        Form::Short
    }
}

/// A Wikipedia title without its disambiguating qualifier: `Kidal (cercle)` → `Kidal`.
fn without_qualifier(title: &str) -> &str {
    match title
        .strip_suffix(')')
        .and_then(|t| t.rfind(" (").map(|at| &title[..at]))
    {
        Some(name) if !name.trim().is_empty() => name,
        _ => title,
    }
}

/// The script a name is declared in: the lexicon's own detection, and for the scripts it does
/// not tell (Hangul, kana, Thai, the Indic scripts but Devanagari, ...) the one most of the
/// letters are in, when they outnumber the Latin letters.
fn script(text: &str) -> Option<&'static str> {
    if let Some(script) = detect_script(text) {
        return Some(script);
    }
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    let mut latin = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let script = match c {
            '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => "Hang",
            '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' => "Kana",
            '\u{3040}'..='\u{309F}' => "Hira",
            '\u{0E00}'..='\u{0E7F}' => "Thai",
            '\u{0E80}'..='\u{0EFF}' => "Laoo",
            '\u{10A0}'..='\u{10FF}' => "Geor",
            '\u{0530}'..='\u{058F}' => "Armn",
            '\u{0980}'..='\u{09FF}' => "Beng",
            '\u{0A00}'..='\u{0A7F}' => "Guru",
            '\u{0A80}'..='\u{0AFF}' => "Gujr",
            '\u{0B00}'..='\u{0B7F}' => "Orya",
            '\u{0B80}'..='\u{0BFF}' => "Taml",
            '\u{0C00}'..='\u{0C7F}' => "Telu",
            '\u{0C80}'..='\u{0CFF}' => "Knda",
            '\u{0D00}'..='\u{0D7F}' => "Mlym",
            '\u{0D80}'..='\u{0DFF}' => "Sinh",
            '\u{0F00}'..='\u{0FFF}' => "Tibt",
            '\u{1000}'..='\u{109F}' => "Mymr",
            '\u{1780}'..='\u{17FF}' => "Khmr",
            '\u{1800}'..='\u{18AF}' => "Mong",
            '\u{0700}'..='\u{074F}' => "Syrc",
            '\u{0780}'..='\u{07BF}' => "Thaa",
            _ => {
                latin +=
                    usize::from(c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c));
                continue;
            }
        };
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > latin)
        .map(|(s, _)| s)
}

fn problem(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
    super::problem(path, line, column.max(1), message)
}

// The parts of an entity that are read; serde skips the rest (descriptions, the other
// claims, qualifiers, references) without building it.

#[derive(Deserialize)]
struct RawEntity<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "map_or_empty_list")]
    labels: BTreeMap<Cow<'a, str>, Term<'a>>,
    #[serde(default, borrow, deserialize_with = "map_or_empty_list")]
    aliases: BTreeMap<Cow<'a, str>, Vec<Term<'a>>>,
    #[serde(default, borrow, deserialize_with = "map_or_empty_list")]
    claims: Claims<'a>,
    #[serde(default, borrow, deserialize_with = "map_or_empty_list")]
    sitelinks: BTreeMap<Cow<'a, str>, Sitelink<'a>>,
}

#[derive(Deserialize)]
struct Term<'a> {
    #[serde(borrow)]
    value: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Sitelink<'a> {
    #[serde(borrow)]
    title: Cow<'a, str>,
}

#[derive(Default, Deserialize)]
struct Claims<'a> {
    #[serde(rename = "P31", default, borrow)]
    p31: Vec<Statement<'a>>,
    #[serde(rename = "P17", default, borrow)]
    p17: Vec<Statement<'a>>,
    #[serde(rename = "P131", default, borrow)]
    p131: Vec<Statement<'a>>,
    #[serde(rename = "P297", default, borrow)]
    p297: Vec<Statement<'a>>,
    #[serde(rename = "P1448", default, borrow)]
    p1448: Vec<Statement<'a>>,
    #[serde(rename = "P1813", default, borrow)]
    p1813: Vec<Statement<'a>>,
}

#[derive(Deserialize)]
struct Statement<'a> {
    #[serde(borrow)]
    mainsnak: Snak<'a>,
    #[serde(default, borrow)]
    rank: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Snak<'a> {
    #[serde(default, borrow)]
    datavalue: Option<DataValue<'a>>,
}

#[derive(Deserialize)]
struct DataValue<'a> {
    #[serde(borrow)]
    value: Value<'a>,
}

/// The values of the properties read: an item, a text in a language, a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Value<'a> {
    Item {
        #[serde(default, borrow)]
        id: Option<Cow<'a, str>>,
        #[serde(rename = "numeric-id")]
        numeric_id: u64,
    },
    Text {
        #[serde(borrow)]
        text: Cow<'a, str>,
        #[serde(borrow)]
        language: Cow<'a, str>,
    },
    String(#[serde(borrow)] Cow<'a, str>),
    Other(IgnoredAny),
}

impl<'a> Statement<'a> {
    /// The value, unless the statement is deprecated or has none (`novalue`, `somevalue`).
    fn value(&self) -> Option<&Value<'a>> {
        if self.rank.as_deref() == Some("deprecated") {
            return None;
        }
        self.mainsnak.datavalue.as_ref().map(|d| &d.value)
    }

    /// The item the statement names, as a QID (dumps before 2015 gave only its number).
    fn item(&self) -> Option<Cow<'_, str>> {
        match self.value()? {
            Value::Item { id: Some(id), .. } => Some(Cow::Borrowed(id)),
            Value::Item { numeric_id, .. } => Some(Cow::Owned(format!("Q{numeric_id}"))),
            _ => None,
        }
    }

    /// The monolingual text: the text and its language code.
    fn text(&self) -> Option<(&str, &str)> {
        match self.value()? {
            Value::Text { text, language } => Some((text, language)),
            _ => None,
        }
    }

    fn string(&self) -> Option<&str> {
        match self.value()? {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A map, or `[]`: Wikidata writes an empty map of labels, aliases, claims or sitelinks as an
/// empty list.
fn map_or_empty_list<'de, D, T>(deserializer: D) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    struct MapOrEmpty<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for MapOrEmpty<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map or an empty list")
        }
        fn visit_map<M: MapAccess<'de>>(self, map: M) -> std::result::Result<T, M::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
        fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> std::result::Result<T, S::Error> {
            match seq.next_element::<IgnoredAny>()? {
                None => Ok(T::default()),
                Some(_) => Err(de::Error::invalid_value(
                    de::Unexpected::Seq,
                    &"a map or an empty list",
                )),
            }
        }
    }
    deserializer.deserialize_any(MapOrEmpty(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_become_tags() {
        for (code, tag) in [
            ("en", Some("en")),
            ("zh-hans", Some("zh-Hans")),
            ("zh-tw", Some("zh-TW")),
            ("pt-br", Some("pt-BR")),
            ("sr-ec", Some("sr-Cyrl")),
            ("kk-cyrl", Some("kk-Cyrl")),
            ("mul", Some("und")),
            ("be-x-old", Some("be-tarask")),
            ("roa-tara", None),
            ("map-bms", None),
            ("commons", None),
            ("", None),
        ] {
            assert_eq!(language(code).as_deref(), tag, "{code}");
        }
    }

    #[test]
    fn forms_scripts_and_titles() {
        assert_eq!(alias_form("JNIM"), Form::Acronym);
        assert_eq!(alias_form("A.Q.M.I."), Form::Acronym);
        assert_eq!(alias_form("Nusrat al-Islam"), Form::Short);
        assert_eq!(alias_form("Jnim"), Form::Short);
        assert_eq!(script("바마코"), Some("Hang"));
        assert_eq!(script("バマコ"), Some("Kana"));
        assert_eq!(script("巴马科"), Some("Hani"));
        assert_eq!(script("Бамако"), Some("Cyrl"));
        assert_eq!(script("Bamako"), None);
        assert_eq!(script("Seoul 서"), None);
        assert_eq!(without_qualifier("Kidal (cercle)"), "Kidal");
        assert_eq!(without_qualifier("(Kidal)"), "(Kidal)");
        assert_eq!(without_qualifier("Kidal"), "Kidal");
        assert!(is_qid("Q912") && !is_qid("Q0912") && !is_qid("P31") && !is_qid("Q"));
    }
}
