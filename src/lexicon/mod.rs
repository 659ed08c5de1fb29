//! The lexicon: entities and their names, as linguists write them in TOML files.
//!
//! [`Lexicon::load_dir`] reads every `*.toml` file under a folder, checks it, and returns the
//! entities sorted by ID; any problem comes back as [`ErrorKind::Lexicon`](crate::ErrorKind)
//! with every diagnostic of the run, each at `file:line:column`. The format is described in
//! `lexicon/README.md`.
//!
//! ```
//! use canonym::lexicon::{Form, Kind, Lexicon};
//!
//! let source = r#"
//! [[entity]]
//! id = "place/tinzaouatene"
//! kind = "place"
//! label = { fr = "Tinzaouatène" }
//! names = [
//!   { text = "Tinzaouatène", lang = "fr", form = "full", source = "seeds/004_2914fe3c0b1b23e5.txt" },
//!   { text = "Tin Zaouatine", lang = "fr", form = "transliteration", source = "seeds/001_ca1515ff46768185.txt" },
//! ]
//! "#;
//! let lexicon = Lexicon::from_sources([("places.toml", source)])?;
//! let town = &lexicon.entities()[0];
//! assert_eq!(town.id, "place/tinzaouatene");
//! assert_eq!(town.kind, Kind::Place);
//! assert_eq!(town.names[1].form, Form::Transliteration);
//! # Ok::<(), canonym::Error>(())
//! ```

mod source;
pub(crate) mod validate;
mod write;

pub use validate::MAX_NAME_LEN;
pub use write::{format_file, render_entities};

/// Checks that `tag` is a well-formed BCP 47 language tag in its canonical case (`fr`, `en-GB`,
/// `sr-Latn`, `und`), as the lexicon's names need: the message says what is wrong.
///
/// ```
/// assert!(canonym::lexicon::check_language_tag("fr").is_ok());
/// assert!(canonym::lexicon::check_language_tag("FR").is_err());
/// ```
pub fn check_language_tag(tag: &str) -> Result<(), String> {
    validate::language_tag(tag)
}

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Diagnostic, Error, ErrorKind, Result};

/// The prior of an entity whose source gives none.
pub const DEFAULT_PRIOR: f64 = 0.5;

/// A checked lexicon: entities with unique IDs, sorted by ID.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lexicon {
    entities: Vec<Entity>,
}

/// One entity: a group, organization, place or person, with every name it is known by.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Entity {
    /// The stable canonical ID, e.g. `group/jnim`.
    pub id: String,
    /// What kind of entity it is.
    pub kind: Kind,
    /// A finer, free-form type: `town`, `region`, `army`, `coalition`, ...
    pub category: Option<String>,
    /// The preferred label per language, sorted by language tag.
    pub labels: Vec<Label>,
    /// Every attested variant, in source order.
    pub names: Vec<Name>,
    /// The Wikidata QID, e.g. `Q1044`.
    pub wikidata: Option<String>,
    /// The GeoNames ID.
    pub geonames: Option<u32>,
    /// ISO 3166-1 alpha-2 codes of the countries the entity belongs to or acts in.
    pub countries: Vec<String>,
    /// When the entity came into being (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub valid_from: Option<String>,
    /// When the entity ceased to be.
    pub valid_until: Option<String>,
    /// How likely this entity is meant, from 0 to 1, when a name it shares with others is
    /// used in the news the lexicon is made for; it orders candidates that score the same.
    pub prior: f64,
    /// Links to other entities of the lexicon.
    pub relations: Vec<Relation>,
    /// Context words for telling apart entities that share a name.
    pub cues: Cues,
    /// Free text for editors.
    pub note: Option<String>,
    /// Where the entity is defined.
    pub location: Location,
}

/// A preferred label in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// BCP 47 language tag.
    pub lang: String,
    /// The label text.
    pub text: String,
}

/// One attested name of an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Name {
    /// The name as attested.
    pub text: String,
    /// BCP 47 language tag.
    pub lang: String,
    /// ISO 15924 script code, where the name is not in Latin script.
    pub script: Option<String>,
    /// What form of the name this is.
    pub form: Form,
    /// Where the name was attested.
    pub source: String,
    /// Where the name is defined.
    pub location: Location,
}

/// A link from one entity to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// The kind of link.
    pub kind: RelationKind,
    /// The ID of the entity linked to.
    pub target: String,
    /// Where the link is written.
    pub location: Location,
}

/// Disambiguation cues: words that, near a mention, favour or rule out this entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cues {
    /// Words that favour this reading.
    pub favour: Vec<String>,
    /// Words that rule this reading out.
    pub exclude: Vec<String>,
}

/// A place in a lexicon source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The source file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// Defines a closed vocabulary: the enum, its source-format names, and parsing.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in a stable order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in lexicon files and JSON output.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses the name used in lexicon files.
            pub fn from_name(name: &str) -> Option<$name> {
                match name {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            // The index stores some vocabularies as one-byte codes (not every vocabulary is
            // stored yet).
            #[allow(dead_code)]
            pub(crate) fn code(self) -> u8 {
                Self::ALL.iter().position(|&v| v == self).unwrap_or(0) as u8
            }

            #[allow(dead_code)]
            pub(crate) fn from_code(code: u8) -> Option<$name> {
                Self::ALL.get(usize::from(code)).copied()
            }

            fn expected() -> String {
                Self::ALL.iter().map(|v| v.name()).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

vocabulary! {
    /// What kind of entity a lexicon entry is.
    Kind {
        /// An armed group, a rebel movement, or a coalition of them.
        Group = "group",
        /// An army, state body, mission, alliance, agency, company or medium.
        Organization = "organization",
        /// A country, region, town, river or area.
        Place = "place",
        /// A person.
        Person = "person",
    }
}

vocabulary! {
    /// What form of a name a variant is.
    Form {
        /// The full name.
        Full = "full",
        /// An acronym or initialism (JNIM, A.Q.M.I.).
        Acronym = "acronym",
        /// A short form (Minusma, Kidal for the region).
        Short = "short",
        /// A romanization, or a spelling by another language's rules.
        Transliteration = "transliteration",
        /// A former name.
        Former = "former",
        /// An attested misspelling worth resolving.
        Misspelling = "misspelling",
        /// A descriptive phrase that refers to the entity without being its name (`armée
        /// malienne`, `groupe Wagner`): resolved as a query, never tagged in running text.
        Description = "description",
    }
}

vocabulary! {
    /// The kind of link between two entities.
    RelationKind {
        /// A unit, branch or faction of the target.
        PartOf = "part_of",
        /// Belongs to the target coalition or body.
        MemberOf = "member_of",
        /// Came after the target.
        SuccessorOf = "successor_of",
        /// Broke away from the target.
        SplitFrom = "split_from",
        /// Was merged into the target.
        MergedInto = "merged_into",
        /// Pledged to or affiliated with the target.
        AffiliatedWith = "affiliated_with",
        /// Allied with the target.
        AlliedWith = "allied_with",
        /// A place inside the target place.
        LocatedIn = "located_in",
        /// Leads the target.
        LeaderOf = "leader_of",
        /// Speaks for the target.
        SpokespersonOf = "spokesperson_of",
    }
}

impl Kind {
    /// The ID prefix of this kind (`group/`, `org/`, `place/`, `person/`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            Kind::Group => "group/",
            Kind::Organization => "org/",
            Kind::Place => "place/",
            Kind::Person => "person/",
        }
    }
}

impl Entity {
    /// An entity with only an ID, a kind and a location, for importers to fill in.
    pub(crate) fn empty(id: String, kind: Kind, location: Location) -> Entity {
        Entity {
            id,
            kind,
            category: None,
            labels: Vec::new(),
            names: Vec::new(),
            wikidata: None,
            geonames: None,
            countries: Vec::new(),
            valid_from: None,
            valid_until: None,
            prior: DEFAULT_PRIOR,
            relations: Vec::new(),
            cues: Cues::default(),
            note: None,
            location,
        }
    }

    /// The name's preferred label in `lang`, if the entity has one.
    pub fn label(&self, lang: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|l| l.lang == lang)
            .map(|l| l.text.as_str())
    }

    /// Whether `name` is one of the entity's preferred labels.
    pub fn is_label(&self, name: &Name) -> bool {
        self.labels
            .iter()
            .any(|l| l.lang == name.lang && l.text == name.text)
    }
}

impl Lexicon {
    /// Loads every `*.toml` file under `dir` (recursively, in path order) and checks it.
    ///
    /// Paths in diagnostics are `dir` joined with the file's relative path.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Lexicon> {
        let sources = Lexicon::read_sources(dir)?;
        Lexicon::from_sources(sources.iter().map(|(p, t)| (p.as_path(), t.as_str())))
    }

    /// The path and text of every `*.toml` file under `dir`, in path order, for
    /// [`Lexicon::from_sources`]: the sources of several folders loaded together make one
    /// lexicon of layers, where an ID defined twice is an error at both places.
    pub fn read_sources(dir: impl AsRef<Path>) -> Result<Vec<(PathBuf, String)>> {
        let paths = Lexicon::source_paths(dir)?;
        let mut sources = Vec::with_capacity(paths.len());
        let mut not_utf8 = Vec::new();
        for path in paths {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            match String::from_utf8(bytes) {
                Ok(text) => sources.push((path, text)),
                Err(err) => not_utf8.push(invalid_utf8(path, err.as_bytes(), err.utf8_error())),
            }
        }
        if !not_utf8.is_empty() {
            return Err(Error::new(ErrorKind::Lexicon(not_utf8)));
        }
        Ok(sources)
    }

    /// The lexicon source files under `dir`: every `*.toml` file, recursively, in path order.
    pub fn source_paths(dir: impl AsRef<Path>) -> Result<Vec<PathBuf>> {
        let dir = dir.as_ref();
        let mut paths = Vec::new();
        collect_toml_files(dir, &mut paths)?;
        if paths.is_empty() {
            return Err(Error::io(
                dir,
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no lexicon files (*.toml) in this folder",
                ),
            ));
        }
        paths.sort();
        Ok(paths)
    }

    /// Loads a lexicon from `(path, text)` pairs: the path only names the source in
    /// diagnostics. Sources are read in the order given.
    pub fn from_sources<P, S>(sources: impl IntoIterator<Item = (P, S)>) -> Result<Lexicon>
    where
        P: AsRef<Path>,
        S: AsRef<str>,
    {
        Lexicon::load_sources(sources, source::Fields::Check)
    }

    /// [`Lexicon::from_sources`] for sources whose fields are known to be the format's: the
    /// embedded lexicon (checked by the tests with the files it is made of). Looking for
    /// unknown fields costs a sixth of the parse.
    pub(crate) fn from_own_sources<P, S>(
        sources: impl IntoIterator<Item = (P, S)>,
    ) -> Result<Lexicon>
    where
        P: AsRef<Path>,
        S: AsRef<str>,
    {
        Lexicon::load_sources(sources, source::Fields::Known)
    }

    fn load_sources<P, S>(
        sources: impl IntoIterator<Item = (P, S)>,
        fields: source::Fields,
    ) -> Result<Lexicon>
    where
        P: AsRef<Path>,
        S: AsRef<str>,
    {
        let mut diagnostics = Vec::new();
        let mut entities = Vec::new();
        for (path, text) in sources {
            source::parse_file(
                path.as_ref(),
                text.as_ref(),
                fields,
                &mut entities,
                &mut diagnostics,
            );
        }
        Lexicon::checked(entities, diagnostics)
    }

    /// Checks entities that an importer read from another format, with every rule of the
    /// loader: each problem is reported at the place of the import file that the entity, name
    /// or relation's location gives.
    pub(crate) fn from_imported(imported: impl IntoIterator<Item = Entity>) -> Result<Lexicon> {
        let mut diagnostics = Vec::new();
        // Collected from a vector's iterator (as an import gives them), the checked entities
        // take the place of those read, in the same allocation: one copy is held, not two.
        let mut entities = imported
            .into_iter()
            .filter_map(|entity| source::check_entity(entity, &mut diagnostics))
            .collect::<Vec<_>>();
        // The room the reader's vector grew for is given back.
        entities.shrink_to_fit();
        Lexicon::checked(entities, diagnostics)
    }

    /// The lexicon of entities checked one by one, once the checks across them pass too.
    fn checked(mut entities: Vec<Entity>, mut diagnostics: Vec<Diagnostic>) -> Result<Lexicon> {
        validate::check_links(&mut entities, &mut diagnostics);
        if !diagnostics.is_empty() {
            diagnostics
                .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
            return Err(Error::new(ErrorKind::Lexicon(diagnostics)));
        }
        // The IDs are unique now, so an unstable sort gives the one order, in place: a
        // stable sort takes room for half the entities beside them.
        entities.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Ok(Lexicon { entities })
    }

    /// A lexicon of entities made by code that checked them as it made them (importers of
    /// large data sets, where writing and re-reading TOML would cost more than the import).
    pub(crate) fn from_trusted(mut entities: Vec<Entity>) -> Lexicon {
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        Lexicon { entities }
    }

    /// The entities, sorted by ID.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this ID.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities
            .binary_search_by(|e| e.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.entities[i])
    }

    /// How many names all entities have together.
    pub fn name_count(&self) -> usize {
        self.entities.iter().map(|e| e.names.len()).sum()
    }
}

/// Where the first invalid byte of a file is, as a diagnostic: its line and its column in
/// characters, counted on the valid text before it.
fn invalid_utf8(path: PathBuf, bytes: &[u8], err: std::str::Utf8Error) -> Diagnostic {
    let valid = &bytes[..err.valid_up_to()];
    let line_start = valid
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    Diagnostic {
        path,
        line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
        column,
        message: "invalid UTF-8: a lexicon file is UTF-8 text".into(),
    }
}

/// Collects the `*.toml` files under `dir`. Symbolic links are followed, to folders too; a
/// folder reached twice (a link loop) is an error, and so is a `*.toml` that is not a
/// regular file (a FIFO would never end).
fn collect_toml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    collect_under(dir, &mut seen, out)
}

fn collect_under(
    dir: &Path,
    seen: &mut std::collections::HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
) -> Result<()> {
    let real = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    if !seen.insert(real) {
        return Err(Error::io(
            dir,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a folder reached twice: a symbolic link loops back",
            ),
        ));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        // Through a symbolic link, to what it points at.
        let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
        if meta.is_dir() {
            collect_under(&path, seen, out)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            if !meta.is_file() {
                return Err(Error::io(&path, crate::error::not_a_regular_file()));
            }
            out.push(path);
        }
    }
    Ok(())
}
