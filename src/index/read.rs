//! Reading an index from any bytes: a memory map, a `Vec<u8>`, a static slice.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::blocks::Blocks;
use super::format::*;
use super::{edits, untrusted};
use crate::error::{not_a_regular_file, Error, ErrorKind, Result};
use crate::lexicon::{Form, Kind};
use crate::normalize::concepts::Concept;
use crate::normalize::{self, Layer, NORMALIZER_VERSION};

/// One word of a query read as declined: the stems a name's word may start with, each with
/// how many bytes may follow it in that word (see [`Index::latin_keys_declined`]).
pub(crate) type WordStems = Vec<(String, usize)>;

/// A compiled lexicon, readable from any bytes.
///
/// `Index::new` checks the header and the section table, which is cheap; every read after
/// that is bounds-checked, so damaged bytes give [`Error`]s, never a panic in this crate's
/// code, and a failure inside the `fst` crate on crafted bytes is an error too, after which
/// the index refuses every FST look-up (it is damaged). Call [`Index::verify`] once on bytes
/// you did not build yourself: it checks the checksum and every record and key.
///
/// ```
/// use canonym::Index;
///
/// let err = Index::new(b"not an index".to_vec()).unwrap_err();
/// assert!(err.is_index_error());
/// ```
pub struct Index<D> {
    data: D,
    strings: Range<usize>,
    entities: Range<usize>,
    labels: Range<usize>,
    variants: Range<usize>,
    cues: Range<usize>,
    /// The FST and postings sections of the names and skeleton FSTs, when present.
    fsts: [Option<FstSections>; 4],
    /// The latin keys spelled backwards, mapped to the same postings as the names FST.
    reversed_latin: Range<usize>,
    key_counts: KeyCounts,
    /// The blocks of the file, each checked when first read.
    blocks: Blocks,
    /// A read of an FST failed inside the `fst` crate: the bytes are damaged, and no FST of
    /// them is read again.
    damaged: AtomicBool,
    /// Where the bytes were, and how many, when [`Index::verify`] passed (0 and 0 before):
    /// while the storage gives the same bytes at the same place, every string a record refers
    /// to is known to be UTF-8 and is not checked again.
    verified_at: (AtomicUsize, AtomicUsize),
    /// The common words of names (`normalize::concepts`) on the token layer: how many
    /// variants have a word of each meaning, and which, read once (a meaning has tens of
    /// words, each a look-up).
    concept_counts: OnceLock<Vec<usize>>,
    concept_postings: OnceLock<Vec<OnceLock<Vec<u32>>>>,
    /// The words of variants, in the token layer's form, by variant, as they are asked for
    /// (`Index::variant_words`): the token layer compares a query with names word by word.
    variant_words: Mutex<HashMap<u32, Arc<[String]>>>,
}

/// A step of a walk of an FST: the node reached, the output gathered, the key so far.
type WalkStep<'f> = (fst::raw::Node<'f>, fst::raw::Output, Vec<u8>);

/// The ends of a word walked from `start`: `stem`, then each key that extends it by up to
/// `extra` bytes within the word (no space), each with how many bytes it added; none if the
/// FST has no key with the stem there.
fn word_ends<'f>(
    fst: &'f fst::raw::Fst<&[u8]>,
    (mut node, mut output, mut key): WalkStep<'f>,
    stem: &str,
    extra: usize,
) -> Vec<(fst::raw::Node<'f>, fst::raw::Output, Vec<u8>, usize)> {
    for &byte in stem.as_bytes() {
        let Some(t) = node.find_input(byte) else {
            return Vec::new();
        };
        let transition = node.transition(t);
        output = output.cat(transition.out);
        node = fst.node(transition.addr);
        key.push(byte);
    }
    let mut ends = vec![(node, output, key, 0)];
    let mut next = 0;
    while next < ends.len() {
        let (node, output, key, more) = ends[next].clone();
        if more < extra {
            for transition in node.transitions().filter(|t| t.inp != b' ') {
                let mut longer = key.clone();
                longer.push(transition.inp);
                ends.push((
                    fst.node(transition.addr),
                    output.cat(transition.out),
                    longer,
                    more + 1,
                ));
            }
        }
        next += 1;
    }
    ends
}

impl<D> fmt::Debug for Index<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("entities", &(self.entities.len() / EntityRecord::LEN))
            .field("variants", &(self.variants.len() / VariantRecord::LEN))
            .field("key_counts", &self.key_counts.0)
            .finish_non_exhaustive()
    }
}

/// Where one FST and its postings lists are.
#[derive(Debug)]
struct FstSections {
    fst: Range<usize>,
    postings: Range<usize>,
    /// How many keys the FST can hold: one per postings list, of two words at least.
    max_keys: usize,
}

/// What a walk down the names FST found for a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Walk {
    /// The key itself is stored.
    pub is_key: bool,
    /// Some longer key starts with it.
    pub extends: bool,
}

/// The names FST, walked byte by byte: how the tagger extends a span word by word. It holds
/// the folded and the latin keys together, so one walker serves both layers, and a folded
/// walk and a latin walk that reach the same place are one (see [`Cursor::same_place`]).
#[derive(Clone)]
pub(crate) struct NamesWalker<'i> {
    fst: fst::raw::Fst<&'i [u8]>,
    /// The index's mark of damage, set when a step fails inside the `fst` crate: the step
    /// then finds nothing, and the tagger's next look-up is an error.
    damaged: &'i AtomicBool,
}

/// A place in the names FST: the keys that start with the bytes walked so far. It borrows
/// the walker it came from.
#[derive(Clone, Copy)]
pub(crate) struct Cursor<'i>(fst::raw::Node<'i>);

impl NamesWalker<'_> {
    /// Where `bytes` lead from the root.
    pub(crate) fn start(&self, bytes: &[u8]) -> Option<Cursor<'_>> {
        let root = self.step(|| self.fst.root())?;
        self.follow(Cursor(root), bytes)
    }

    /// Where `bytes` lead from `cursor`, if some key goes on that way.
    pub(crate) fn follow<'w>(&'w self, cursor: Cursor<'w>, bytes: &[u8]) -> Option<Cursor<'w>> {
        self.step(|| {
            let mut node = cursor.0;
            for &byte in bytes {
                let i = node.find_input(byte)?;
                node = self.fst.node(node.transition(i).addr);
            }
            Some(Cursor(node))
        })?
    }

    /// Runs a step of the walk inside the `fst` boundary: `None` when it fails there, and
    /// the index is marked damaged.
    fn step<T>(&self, read: impl FnOnce() -> T) -> Option<T> {
        if self.damaged.load(Ordering::Relaxed) {
            return None;
        }
        let outcome = untrusted::contain("names", read).ok();
        if outcome.is_none() {
            self.damaged.store(true, Ordering::Relaxed);
        }
        outcome
    }

    /// What the walk of a whole key from the root finds.
    pub(crate) fn walk(&self, key: &str) -> Walk {
        Cursor::walk(self.start(key.as_bytes()).as_ref())
    }
}

impl Cursor<'_> {
    /// What a walk that ended at `cursor` (or fell off the FST: `None`) found.
    pub(crate) fn walk(cursor: Option<&Cursor<'_>>) -> Walk {
        cursor.map_or(Walk::default(), |c| Walk {
            is_key: c.0.is_final(),
            extends: !c.0.is_empty(),
        })
    }

    /// Whether two walks stand at the same place, so that the same bytes lead both on alike.
    pub(crate) fn same_place(a: Option<&Cursor<'_>>, b: Option<&Cursor<'_>>) -> bool {
        a.map(|c| c.0.addr()) == b.map(|c| c.0.addr())
    }
}

/// Reads strings of the string pool.
#[derive(Clone, Copy, Debug)]
struct Pool<'i> {
    /// The whole file.
    file: &'i [u8],
    /// Where the pool lies in it.
    start: usize,
    bytes: &'i [u8],
    /// The file's blocks, which a read checks.
    blocks: &'i Blocks,
    /// The pool's bytes are the ones [`Index::verify`] checked.
    verified: bool,
}

impl<'i> Pool<'i> {
    fn bytes(self, s: StrRef) -> Result<&'i [u8]> {
        let start = s.offset as usize;
        let end = start + s.len as usize;
        let bytes = self
            .bytes
            .get(start..end)
            .ok_or_else(|| Error::corrupt("a string lies outside the string pool"))?;
        self.blocks
            .check(self.file, self.start + start..self.start + end)?;
        Ok(bytes)
    }

    fn str(self, s: StrRef) -> Result<&'i str> {
        let bytes = self.bytes(s)?;
        if self.verified {
            // SAFETY: `verify` read every string reference of every record through this
            // function and found it UTF-8, in these very bytes: the storage gave the same
            // address and length then and now (see `Index::pool`), and bytes that safe code
            // has lent out as `&[u8]` cannot change in place (a mapped file changed by
            // another process is the promise `Index::open` documents).
            return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
        }
        std::str::from_utf8(bytes).map_err(|_| Error::corrupt("a string is not valid UTF-8"))
    }
}

/// One entity of an index, read on demand.
#[derive(Clone, Copy, Debug)]
pub struct EntityRef<'i> {
    /// The entity's canonical ID.
    pub id: &'i str,
    /// Its kind.
    pub kind: Kind,
    /// How likely it is meant among entities sharing a name, from 0 to 1.
    pub prior: f64,
    pub(crate) number: u32,
    record: EntityRecord,
    pool: Pool<'i>,
}

impl<'i> EntityRef<'i> {
    /// Its finer type (`town`, `region`, `army`...), if the lexicon gives one.
    pub fn category(&self) -> Result<Option<&'i str>> {
        self.optional(self.record.category)
    }

    /// Its Wikidata QID, if known.
    pub fn wikidata(&self) -> Result<Option<&'i str>> {
        self.optional(self.record.wikidata)
    }

    /// Its GeoNames ID, if known.
    pub fn geonames(&self) -> Option<u32> {
        (self.record.geonames != 0).then_some(self.record.geonames)
    }

    /// The ISO 3166-1 codes of its countries.
    pub fn countries(&self) -> Result<Vec<&'i str>> {
        let joined = self.pool.str(self.record.countries)?;
        Ok(joined.split(',').filter(|c| !c.is_empty()).collect())
    }

    fn optional(&self, s: StrRef) -> Result<Option<&'i str>> {
        let s = self.pool.str(s)?;
        Ok((!s.is_empty()).then_some(s))
    }
}

/// One variant (a name of an entity) of an index.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct VariantRef<'i> {
    /// The number of the entity it names.
    pub(crate) entity: u32,
    /// The name as attested.
    pub text: &'i str,
    /// Its language.
    pub lang: &'i str,
    /// Its script, empty when Latin.
    pub script: &'i str,
    /// Where it was attested.
    pub source: &'i str,
    /// What form of the name it is.
    pub form: Form,
    /// Whether it is a preferred label of its entity.
    pub is_label: bool,
}

impl Index<memmap2::Mmap> {
    /// Opens an index file by memory map, advising the kernel of random access (lookups touch
    /// few pages). Checks the header only; call [`Index::verify`] for the rest.
    ///
    /// The file must not be changed while it is open: mapped bytes would change under us.
    pub fn open(path: impl AsRef<Path>) -> Result<Index<memmap2::Mmap>> {
        let path = path.as_ref();
        // Before opening: opening a FIFO waits for a writer, and a device has no end.
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if !meta.is_file() {
            return Err(Error::io(path, not_a_regular_file()));
        }
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
        if len < Header::LEN as u64 {
            // Too short to map usefully (and an empty file cannot be mapped everywhere).
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            return match Index::new(bytes) {
                Err(err) => Err(err.at_path(path)),
                Ok(_) => Err(Error::corrupt("shorter than its header").at_path(path)),
            };
        }
        // SAFETY: the map is read-only and private to this process; as documented, the file
        // must not be modified while the index is open.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(path, e))?;
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Random);
        Index::new(map).map_err(|e| e.at_path(path))
    }
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Reads an index from `data`, checking the header and the section table.
    pub fn new(data: D) -> Result<Index<D>> {
        let bytes = data.as_ref();
        if !Header::has_magic(bytes) {
            return Err(Error::new(ErrorKind::NotAnIndex));
        }
        let header = Header::read(bytes)
            .map_err(|_| Error::corrupt("truncated: shorter than its header"))?;
        if header.format != FORMAT_VERSION {
            return Err(Error::new(ErrorKind::UnsupportedFormat {
                found: header.format,
                expected: FORMAT_VERSION,
            }));
        }
        if header.normalizer != NORMALIZER_VERSION {
            return Err(Error::new(ErrorKind::NormalizerMismatch {
                found: header.normalizer,
                expected: NORMALIZER_VERSION,
            }));
        }
        if header.file_len != bytes.len() as u64 {
            return Err(Error::corrupt(format!(
                "truncated or padded: the header says {} bytes, there are {}",
                header.file_len,
                bytes.len()
            )));
        }
        let table_end = (header.section_count as usize)
            .checked_mul(SectionEntry::LEN)
            .and_then(|n| n.checked_add(Header::LEN))
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| Error::corrupt("the section table runs past the end"))?;

        let mut found: Vec<(u32, Range<usize>)> = Vec::new();
        for at in (Header::LEN..table_end).step_by(SectionEntry::LEN) {
            let entry = SectionEntry::read(&bytes[at..])?;
            let id = entry.id;
            let range = usize::try_from(entry.offset)
                .ok()
                .zip(usize::try_from(entry.len).ok())
                .and_then(|(start, len)| Some(start..start.checked_add(len)?))
                .filter(|r| r.start >= table_end && r.end <= bytes.len())
                .ok_or_else(|| Error::corrupt(format!("section {id:#x} lies outside the file")))?;
            if found.iter().any(|(seen, _)| *seen == id) {
                return Err(Error::corrupt(format!("section {id:#x} appears twice")));
            }
            // Sections this version does not know are kept in the list and never read: they
            // are additions.
            found.push((id, range));
        }
        let section = |id: u32| found.iter().find(|(s, _)| *s == id).map(|(_, r)| r.clone());
        // The block sums come last, after every other section: those are the blocks.
        let sums = section(SECTION_BLOCK_SUMS)
            .filter(|sums| sums.end == bytes.len())
            .ok_or_else(|| Error::corrupt("the block sums are missing or not last"))?;
        if found
            .iter()
            .any(|(id, r)| *id != SECTION_BLOCK_SUMS && r.end > sums.start)
        {
            return Err(Error::corrupt("a section overlaps the block sums"));
        }
        if meta_checksum(bytes, table_end, &bytes[sums.clone()]) != header.meta_checksum {
            return Err(Error::corrupt(
                "the header, section table or block sums do not match their checksum",
            ));
        }
        let blocks = Blocks::new(table_end..sums.start, sums)?;
        let required = |id: u32, what: &str| {
            section(id).ok_or_else(|| Error::corrupt(format!("the {what} section is missing")))
        };
        let records = |id: u32, what: &str, len: usize| {
            let range = required(id, what)?;
            if range.len() % len != 0 {
                return Err(Error::corrupt(format!(
                    "the {what} section is not a whole number of records"
                )));
            }
            Ok(range)
        };
        let fst = |range: Range<usize>, what: &str, max_keys: usize| {
            untrusted::open(&bytes[range.clone()], what, max_keys).map(|_| range)
        };
        let mut fsts = [None, None, None, None];
        for (slot, id) in fsts.iter_mut().zip(FstId::ALL) {
            let (fst_id, postings_id) = id.sections();
            match (section(fst_id), section(postings_id)) {
                (None, None) => {}
                (Some(f), Some(postings)) if PostingsLists::is_whole(postings.len()) => {
                    let max_keys = PostingsLists::words(&bytes[postings.clone()]) / 2;
                    *slot = Some(FstSections {
                        fst: fst(f, id.name(), max_keys)?,
                        postings,
                        max_keys,
                    });
                }
                (Some(_), Some(_)) => {
                    return Err(Error::corrupt(format!(
                        "the {} postings are not whole words",
                        id.name()
                    )))
                }
                _ => {
                    return Err(Error::corrupt(format!(
                        "the {} FST lacks its FST or its postings",
                        id.name()
                    )))
                }
            }
        }
        let key_counts = required(SECTION_KEY_COUNTS, "key counts")?;
        blocks.check(bytes, key_counts.clone())?;
        let index = Index {
            strings: required(SECTION_STRINGS, "strings")?,
            entities: records(SECTION_ENTITIES, "entities", EntityRecord::LEN)?,
            labels: records(SECTION_LABELS, "labels", LabelRecord::LEN)?,
            variants: records(SECTION_VARIANTS, "variants", VariantRecord::LEN)?,
            cues: records(SECTION_CUES, "cues", CuesRecord::LEN)?,
            reversed_latin: fst(
                section(SECTION_REVERSED_LATIN)
                    .ok_or_else(|| Error::corrupt("the reversed latin FST is missing"))?,
                "reversed latin",
                fsts[FstId::Names as usize]
                    .as_ref()
                    .map_or(0, |names| names.max_keys),
            )?,
            key_counts: KeyCounts::read(&bytes[key_counts])?,
            blocks,
            fsts,
            damaged: AtomicBool::new(false),
            verified_at: (AtomicUsize::new(0), AtomicUsize::new(0)),
            concept_counts: OnceLock::new(),
            concept_postings: OnceLock::new(),
            variant_words: Mutex::new(HashMap::new()),
            data,
        };
        Ok(index)
    }

    /// An index of bytes that [`build`](super::build) just made in this process: every string
    /// in them was written from a `&str`, so reads need not check UTF-8, as after
    /// [`Index::verify`].
    pub(crate) fn built_here(data: D) -> Result<Index<D>> {
        let index = Index::new(data)?;
        index.blocks.trust_all();
        index.mark_verified();
        Ok(index)
    }

    fn mark_verified(&self) {
        let bytes = self.data.as_ref();
        self.verified_at
            .0
            .store(bytes.as_ptr() as usize, Ordering::Release);
        self.verified_at.1.store(bytes.len(), Ordering::Release);
    }

    /// Checks every byte: the checksum, every block, record and string, every FST key and
    /// postings list. Run it once on bytes from elsewhere; it reads the whole index. Reads are
    /// faster after it: no block is checked again, and strings are no longer checked to be
    /// UTF-8 one by one, for as long as the storage gives the same bytes at the same place.
    /// Without it, each block is checked the first time it is read (see the `blocks` module):
    /// damage is still an error, found later.
    pub fn verify(&self) -> Result<()> {
        self.verify_records()?;
        self.mark_verified();
        Ok(())
    }

    fn verify_records(&self) -> Result<()> {
        self.verify_checksum()?;
        self.blocks.check_all(self.data.as_ref())?;
        let entity_count = self.entity_count() as u32;
        let variant_count = self.variant_count() as u32;
        let label_count = (self.labels.len() / LabelRecord::LEN) as u32;
        if self.cues.len() / CuesRecord::LEN != entity_count as usize {
            return Err(Error::corrupt(
                "the cues section does not match the entities",
            ));
        }
        for number in 0..entity_count {
            let entity = self.entity_at(number)?;
            let record = entity.record;
            let bad = |what| Error::corrupt(format!("entity {} has bad {what}", entity.id));
            let labels = record.first_label..record.first_label.saturating_add(record.label_count);
            if record.first_label.checked_add(record.label_count).is_none()
                || labels.end > label_count
            {
                return Err(bad("labels"));
            }
            for label in labels {
                self.label(label)?;
            }
            entity.category()?;
            entity.wikidata()?;
            entity.countries()?;
            if record
                .first_variant
                .checked_add(record.variant_count)
                .is_none_or(|end| end > variant_count)
            {
                return Err(bad("variants"));
            }
            self.cues(number)?;
        }
        for number in 0..variant_count {
            let variant = self.variant(number)?;
            if variant.entity >= entity_count {
                return Err(Error::corrupt(format!("variant {number} names no entity")));
            }
        }
        for id in FstId::ALL {
            if let Some(fst) = self.fst(id)? {
                self.verify_fst(&fst, id.name())?;
                self.verify_postings(&fst, id, id.name(), variant_count)?;
            }
        }
        let reversed = self.reversed_latin()?;
        self.verify_fst(&reversed, "reversed latin")?;
        self.verify_postings(&reversed, FstId::Names, "reversed latin", variant_count)
    }

    /// Checks, beyond [`Index::verify`], that every key of every FST is the key of each name
    /// its postings list, on that FST's layer, as this crate's normalizer makes it: damage
    /// that leaves the bytes well-formed (a flipped bit in a transition or an output, with
    /// its checksums made right again) changes keys or the names they lead to, which this
    /// finds. It normalizes each name once per key it has, so it takes about as long as a
    /// build. Call it after `verify`, which makes the records safe to read.
    pub fn verify_keys(&self) -> Result<()> {
        let mismatch = |what: &str, key: &[u8]| {
            Error::corrupt(format!(
                "the {what} FST holds the key {:?}, which is no key of the names it leads to",
                String::from_utf8_lossy(key)
            ))
        };
        let keys_of = |variant: u32| -> Result<[String; 5]> {
            Ok(normalize::stored_keys(self.variant(variant)?.text))
        };
        for id in FstId::ALL {
            let Some(fst) = self.fst(id)? else {
                continue;
            };
            untrusted::for_each_key(&fst, id.name(), |key, word| {
                for entry in self.entries(id, word)? {
                    let [folded, latin, stem, skeleton, token_key] = keys_of(entry.variant())?;
                    let fits = match id {
                        FstId::Names => {
                            (entry.layers() & PostingsEntry::FOLDED == 0
                                || folded.as_bytes() == key)
                                && (entry.layers() & PostingsEntry::LATIN == 0
                                    || latin.as_bytes() == key)
                        }
                        FstId::Skeleton => skeleton.as_bytes() == key,
                        FstId::Stems => stem.as_bytes() == key,
                        FstId::Tokens => normalize::tokens(&token_key)
                            .iter()
                            .any(|token| token.as_bytes() == key),
                    };
                    if !fits {
                        return Err(mismatch(id.name(), key));
                    }
                }
                Ok(())
            })?;
        }
        let reversed = self.reversed_latin()?;
        untrusted::for_each_key(&reversed, "reversed latin", |backwards, word| {
            let key: Vec<u8> = backwards.iter().rev().copied().collect();
            for entry in self.entries(FstId::Names, word)? {
                let [folded, latin, ..] = keys_of(entry.variant())?;
                if latin.as_bytes() != key && folded.as_bytes() != key {
                    return Err(mismatch("reversed latin", &key));
                }
            }
            Ok(())
        })
    }

    /// Checks an FST's own checksum.
    fn verify_fst(&self, fst: &fst::raw::Fst<&[u8]>, what: &str) -> Result<()> {
        self.contained(what, || fst.verify())?
            .map_err(|e| Error::corrupt(format!("the {what} FST: {e}")))
    }

    /// Checks that every output of `fst` (named `what`) is a postings list of `id` naming
    /// variants. Each list is read once, however many keys share it, so that the work is
    /// bounded by the sizes of the FST and of the postings, whatever the bytes.
    fn verify_postings(
        &self,
        fst: &fst::raw::Fst<&[u8]>,
        id: FstId,
        what: &str,
        variant_count: u32,
    ) -> Result<()> {
        let flags = id.flags();
        let words = self.fsts[id as usize].as_ref().map_or(0, |s| {
            PostingsLists::words(&self.data.as_ref()[s.postings.clone()])
        });
        let mut checked = vec![false; words];
        untrusted::for_each_key(fst, what, |_, word| {
            let first = usize::try_from(word).ok().and_then(|w| checked.get_mut(w));
            match first {
                Some(true) => return Ok(()),
                Some(seen) => *seen = true,
                None => return Err(Error::corrupt("a postings list lies outside its section")),
            }
            for entry in self.entries(id, word)? {
                if entry.variant() >= variant_count {
                    return Err(Error::corrupt("a postings list names no variant"));
                }
                if entry.layers() & flags == 0 || entry.layers() & !flags != 0 {
                    return Err(Error::corrupt("a postings entry has bad flags"));
                }
            }
            Ok(())
        })
    }

    /// Checks the checksum only: every byte is read once, nothing is parsed. It catches
    /// damage (a flipped bit, a partial copy) at the speed of reading the file.
    pub fn verify_checksum(&self) -> Result<()> {
        let bytes = self.data.as_ref();
        let header = Header::read(bytes)?;
        if checksum(bytes) != header.checksum {
            return Err(Error::corrupt("checksum mismatch"));
        }
        Ok(())
    }

    /// The entity with canonical ID `id` (entities are stored in ID order).
    ///
    /// ```
    /// let index = canonym::default_index()?;
    /// let mali = index.entity("place/mali")?.unwrap();
    /// assert_eq!(mali.wikidata()?, Some("Q912"));
    /// assert_eq!(mali.countries()?, ["ML"]);
    /// # Ok::<(), canonym::Error>(())
    /// ```
    pub fn entity(&self, id: &str) -> Result<Option<EntityRef<'_>>> {
        let (mut low, mut high) = (0, self.entity_count() as u32);
        while low < high {
            let middle = low + (high - low) / 2;
            let entity = self.entity_at(middle)?;
            match entity.id.cmp(id) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Ok(Some(entity)),
            }
        }
        Ok(None)
    }

    /// Every entity, in ID order.
    pub fn entities(&self) -> impl Iterator<Item = Result<EntityRef<'_>>> + '_ {
        (0..self.entity_count() as u32).map(|number| self.entity_at(number))
    }

    /// How many entities the index holds.
    pub fn entity_count(&self) -> usize {
        self.entities.len() / EntityRecord::LEN
    }

    /// How many variants (names) the index holds.
    pub fn variant_count(&self) -> usize {
        self.variants.len() / VariantRecord::LEN
    }

    /// The layers with keys of their own in the index, strict to loose: all but the exact
    /// layer, whose matches are found among the folded ones.
    pub fn stored_layers(&self) -> impl Iterator<Item = Layer> + '_ {
        [
            Layer::Folded,
            Layer::Latin,
            Layer::Stem,
            Layer::Skeleton,
            Layer::Token,
        ]
        .into_iter()
        .filter(|&layer| fst_of(layer).is_some_and(|(id, _)| self.fsts[id as usize].is_some()))
    }

    /// How many distinct keys the index holds on `layer` (none on a layer not stored).
    pub fn key_count(&self, layer: Layer) -> Result<usize> {
        usize::try_from(self.key_counts.get(layer))
            .map_err(|_| Error::corrupt("a key count is too large"))
    }

    /// The underlying bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.data.as_ref()
    }

    /// Gives back the storage the index was read from.
    pub fn into_data(self) -> D {
        self.data
    }

    /// The variants stored under `key` on `layer`.
    pub(crate) fn lookup(&self, layer: Layer, key: &str) -> Result<Vec<u32>> {
        let Some((id, flag)) = fst_of(layer) else {
            return Ok(Vec::new());
        };
        let Some(fst) = self.fst(id)? else {
            return Ok(Vec::new());
        };
        match self.contained(id.name(), || fst.get(key))? {
            Some(output) => self.postings(id, flag, output.value()),
            None => Ok(Vec::new()),
        }
    }

    /// How many variants are stored under `key` on `layer`, without reading them (for a
    /// layer whose FST holds no other layer's keys).
    pub(crate) fn count(&self, layer: Layer, key: &str) -> Result<usize> {
        let Some((id, _)) = fst_of(layer) else {
            return Ok(0);
        };
        let Some(fst) = self.fst(id)? else {
            return Ok(0);
        };
        match self.contained(id.name(), || fst.get(key))? {
            Some(output) => Ok(self.entries(id, output.value())?.len()),
            None => Ok(0),
        }
    }

    /// Whether some key of `layer` starts with `prefix`: whether a span's key may still grow
    /// into a key.
    pub(crate) fn has_key_starting(&self, layer: Layer, prefix: &str) -> Result<bool> {
        use fst::automaton::{Automaton, Str};
        use fst::{IntoStreamer, Streamer};
        let Some((id, _)) = fst_of(layer) else {
            return Ok(false);
        };
        let Some(fst) = self.fst(id)? else {
            return Ok(false);
        };
        self.contained(id.name(), || {
            fst.search(Str::new(prefix).starts_with())
                .into_stream()
                .next()
                .is_some()
        })
    }

    /// How many variants have a word of `concept` on the token layer (a variant with two
    /// counts twice).
    pub(crate) fn concept_count(&self, concept: Concept) -> Result<usize> {
        if let Some(counts) = self.concept_counts.get() {
            return Ok(counts[concept.number()]);
        }
        let mut counts = Vec::new();
        for c in Concept::all() {
            let mut n = 0;
            for form in c.forms() {
                n += self.count(Layer::Token, form)?;
            }
            counts.push(n);
        }
        Ok(self.concept_counts.get_or_init(|| counts)[concept.number()])
    }

    /// The words of variant `number` in the token layer's form (`normalize::tokens` of its
    /// `token_key`), computed once.
    pub(crate) fn variant_words(&self, number: u32) -> Result<Arc<[String]>> {
        let lock = || self.variant_words.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(words) = lock().get(&number) {
            return Ok(words.clone());
        }
        let text = self.variant(number)?.text;
        let words: Arc<[String]> =
            crate::normalize::tokens(&crate::normalize::token_key(text)).into();
        Ok(lock().entry(number).or_insert(words).clone())
    }

    /// The variants that have a word of `concept` on the token layer, sorted.
    pub(crate) fn concept_postings(&self, concept: Concept) -> Result<&[u32]> {
        let cells = self
            .concept_postings
            .get_or_init(|| Concept::all().map(|_| OnceLock::new()).collect());
        let cell = &cells[concept.number()];
        if let Some(postings) = cell.get() {
            return Ok(postings);
        }
        let mut postings = Vec::new();
        for form in concept.forms() {
            postings.extend(self.lookup(Layer::Token, form)?);
        }
        postings.sort_unstable();
        postings.dedup();
        Ok(cell.get_or_init(|| postings))
    }

    /// The variants stored under the folded key `folded` and under the latin key `latin`.
    /// The two layers share the names FST: where the keys are the same (any ASCII name), one
    /// look-up finds both.
    pub(crate) fn lookup_names(&self, folded: &str, latin: &str) -> Result<(Vec<u32>, Vec<u32>)> {
        let Some(fst) = self.fst(FstId::Names)? else {
            return Ok((Vec::new(), Vec::new()));
        };
        let word = |key: &str| match key.is_empty() {
            true => Ok(None),
            false => self.contained("names", || fst.get(key).map(|output| output.value())),
        };
        let folded_word = word(folded)?;
        let latin_word = match latin == folded {
            true => folded_word,
            false => word(latin)?,
        };
        let postings = |word: Option<u64>, flag| match word {
            Some(word) => self.postings(FstId::Names, flag, word),
            None => Ok(Vec::new()),
        };
        Ok((
            postings(folded_word, PostingsEntry::FOLDED)?,
            postings(latin_word, PostingsEntry::LATIN)?,
        ))
    }

    /// The latin keys of the names whose words are, one by one, one of the stems given for
    /// that word followed by at most as many more bytes as the stem allows (none of them a
    /// space), each with its variants and the number of bytes added in all: the names that a
    /// query declined word by word may be (`paula henrija` meets `paul henri`). A walk of the
    /// FST bounded by the stems, so that a common stem (`sant`) does not stream the thousands
    /// of keys that extend it.
    pub(crate) fn latin_keys_declined(
        &self,
        words: &[WordStems],
    ) -> Result<Vec<(String, Vec<u32>, usize)>> {
        let Some(fst) = self.fst(FstId::Names)? else {
            return Ok(Vec::new());
        };
        if words.is_empty() {
            return Ok(Vec::new());
        }
        self.contained("names", || self.walk_latin_keys_declined(&fst, words))?
    }

    /// The walk of [`Index::latin_keys_declined`], inside the `fst` boundary.
    fn walk_latin_keys_declined(
        &self,
        fst: &fst::raw::Fst<&[u8]>,
        words: &[WordStems],
    ) -> Result<Vec<(String, Vec<u32>, usize)>> {
        type Step<'f> = (fst::raw::Node<'f>, fst::raw::Output, Vec<u8>, usize);
        let mut found: Vec<(String, Vec<u32>, usize)> = Vec::new();
        // The starts of each word still to walk: (word, node, output, key so far, bytes added).
        let mut starts: Vec<(usize, Step)> =
            vec![(0, (fst.root(), fst::raw::Output::zero(), Vec::new(), 0))];
        while let Some((i, (node, output, key, added))) = starts.pop() {
            for (stem, extra) in &words[i] {
                for (node, output, mut key, more) in
                    word_ends(fst, (node, output, key.clone()), stem, *extra)
                {
                    if i + 1 < words.len() {
                        if let Some(t) = node.find_input(b' ') {
                            let transition = node.transition(t);
                            key.push(b' ');
                            let step = (
                                fst.node(transition.addr),
                                output.cat(transition.out),
                                key,
                                added + more,
                            );
                            starts.push((i + 1, step));
                        }
                        continue;
                    }
                    if !node.is_final() {
                        continue;
                    }
                    let word = output.cat(node.final_output()).value();
                    let variants = self.postings(FstId::Names, PostingsEntry::LATIN, word)?;
                    // A key cut inside a character is no key of a name.
                    if let (false, Ok(key)) = (variants.is_empty(), String::from_utf8(key)) {
                        found.push((key, variants, added + more));
                    }
                }
            }
        }
        // A key reached by two stems counts once, with the fewer bytes added.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
        found.dedup_by(|later, first| later.0 == first.0);
        Ok(found)
    }

    /// The words of the token layer that are one of `stems` followed by at most as many
    /// more bytes as the stem allows, with those bytes' count: the words of names that a
    /// declined word of a query may be (`burkine` meets `burkina`). A walk of the FST bounded
    /// by the stems, as [`Index::latin_keys_declined`].
    pub(crate) fn tokens_declined(
        &self,
        stems: &[(String, usize)],
    ) -> Result<Vec<(String, usize)>> {
        let Some(fst) = self.fst(FstId::Tokens)? else {
            return Ok(Vec::new());
        };
        self.contained("tokens", || {
            let mut found: Vec<(String, usize)> = Vec::new();
            for (stem, extra) in stems {
                let start = (fst.root(), fst::raw::Output::zero(), Vec::new());
                for (node, _, key, more) in word_ends(&fst, start, stem, *extra) {
                    // A key cut inside a character is no word.
                    if let (true, Ok(key)) = (node.is_final(), String::from_utf8(key)) {
                        found.push((key, more));
                    }
                }
            }
            found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
            found.dedup_by(|later, first| later.0 == first.0);
            found
        })
    }

    /// The keys of the names FST (folded and latin keys) that start with `prefix`, in key
    /// order, at most `limit` of them, each with its variants: the as-you-type look-up. The
    /// walk stops at the `limit`th key, so a short prefix costs no more than a long one.
    /// (Only the HTTP service's suggestions use it.)
    #[cfg(feature = "serve")]
    pub(crate) fn names_with_prefix(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<(String, Vec<u32>)>> {
        use fst::automaton::{Automaton, Str};
        use fst::IntoStreamer;
        let Some(fst) = self.fst(FstId::Names)? else {
            return Ok(Vec::new());
        };
        // Inside the fst boundary, as every read of an FST (the service verifies its index at
        // open, so the walk meets no cycle).
        self.contained("names", || {
            let mut stream = fst.search(Str::new(prefix).starts_with()).into_stream();
            let mut found = Vec::new();
            while found.len() < limit {
                let Some((key, output)) = fst::Streamer::next(&mut stream) else {
                    break;
                };
                let flags = PostingsEntry::FOLDED | PostingsEntry::LATIN;
                let variants = self.postings(FstId::Names, flags, output.value())?;
                let key = String::from_utf8(key.to_vec())
                    .map_err(|_| Error::corrupt("a names key is not valid UTF-8"))?;
                found.push((key, variants));
            }
            Ok(found)
        })?
    }

    /// Every key on `layer` with its variants, in key order.
    pub(crate) fn keys(&self, layer: Layer) -> Result<Vec<(String, Vec<u32>)>> {
        let Some((id, flag)) = fst_of(layer) else {
            return Ok(Vec::new());
        };
        let Some(fst) = self.fst(id)? else {
            return Ok(Vec::new());
        };
        let mut found = Vec::new();
        untrusted::for_each_key(&fst, id.name(), |key, word| {
            let variants = self.postings(id, flag, word)?;
            // The folded and latin layers share an FST: a key may be only the other's.
            if !variants.is_empty() {
                let key = String::from_utf8(key.to_vec())
                    .map_err(|_| Error::corrupt(format!("a {layer} key is not valid UTF-8")))?;
                found.push((key, variants));
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// The names FST, to walk (see [`NamesWalker`]); `None` when the index stores none.
    pub(crate) fn names_walker(&self) -> Result<Option<NamesWalker<'_>>> {
        Ok(self.fst(FstId::Names)?.map(|fst| NamesWalker {
            fst,
            damaged: &self.damaged,
        }))
    }

    /// The latin keys within `edits` (at most two) of the latin key `key`, each with its
    /// distance and its variants, in key order (see [`edits::within`]).
    pub(crate) fn near(&self, key: &str, edits: u8) -> Result<Vec<(String, u8, Vec<u32>)>> {
        let Some(forward) = self.fst(FstId::Names)? else {
            return Ok(Vec::new());
        };
        let backward = self.reversed_latin()?;
        self.contained("names", || {
            edits::within(&forward, &backward, key.as_bytes(), edits)
        })?
        .into_iter()
        .map(|(key, output, distance)| {
            let key = String::from_utf8(key)
                .map_err(|_| Error::corrupt("a latin key is not valid UTF-8"))?;
            let variants = self.postings(FstId::Names, PostingsEntry::LATIN, output)?;
            Ok((key, distance, variants))
        })
        .collect()
    }

    /// The FST of the latin keys spelled backwards, for [`Index::near`].
    fn reversed_latin(&self) -> Result<fst::raw::Fst<&[u8]>> {
        self.check_undamaged()?;
        let max_keys = self.fsts[FstId::Names as usize]
            .as_ref()
            .map_or(0, |names| names.max_keys);
        let bytes = &self.data.as_ref()[self.reversed_latin.clone()];
        untrusted::open(bytes, "reversed latin", max_keys)
    }

    /// An FST of the index, if it has it.
    fn fst(&self, id: FstId) -> Result<Option<fst::raw::Fst<&[u8]>>> {
        self.check_undamaged()?;
        let Some(sections) = &self.fsts[id as usize] else {
            return Ok(None);
        };
        // The FST's blocks are not checked here: the `fst` crate reads its nodes itself, and
        // checking a whole FST at its first use cost more than a cold look-up (see the
        // `blocks` module). What it leads to, postings and records, is checked.
        let bytes = &self.data.as_ref()[sections.fst.clone()];
        untrusted::open(bytes, id.name(), sections.max_keys).map(Some)
    }

    /// An error once a read of an FST of this index has failed inside the `fst` crate.
    pub(crate) fn check_undamaged(&self) -> Result<()> {
        match self.damaged.load(Ordering::Relaxed) {
            true => Err(Error::corrupt(
                "damaged: a read of its FSTs failed; run `canonym verify` on it",
            )),
            false => Ok(()),
        }
    }

    /// Runs `read`, a read of an FST of this index, inside the `fst` boundary (see
    /// [`untrusted::contain`]): a failure there marks the index damaged.
    fn contained<T>(&self, what: &str, read: impl FnOnce() -> T) -> Result<T> {
        untrusted::contain(what, read).inspect_err(|_| self.damaged.store(true, Ordering::Relaxed))
    }

    /// The variants of the postings list at `word` of FST `id` whose entries carry `flag`.
    fn postings(&self, id: FstId, flag: u32, word: u64) -> Result<Vec<u32>> {
        Ok(self
            .entries(id, word)?
            .filter(|entry| entry.layers() & flag != 0)
            .map(PostingsEntry::variant)
            .collect())
    }

    /// The entries of the postings list at `word` of FST `id`.
    fn entries(
        &self,
        id: FstId,
        word: u64,
    ) -> Result<impl ExactSizeIterator<Item = PostingsEntry> + '_> {
        let range = self.fsts[id as usize]
            .as_ref()
            .map_or(0..0, |s| s.postings.clone());
        let file = self.data.as_ref();
        let entries = PostingsLists::read(&file[range.clone()], word)?;
        // The list read: its count and its entries (`read` checked they are in the section).
        let start = range.start + word as usize * 4;
        self.blocks
            .check(file, start..start + 4 + entries.len() * 4)?;
        Ok(entries)
    }

    fn pool(&self) -> Pool<'_> {
        let bytes = self.data.as_ref();
        // A storage is only trusted with the bytes it had when they were verified: `AsRef` is
        // a safe trait, and nothing stops it from giving other bytes from one call to the next.
        let verified = self.verified_at.0.load(Ordering::Acquire) == bytes.as_ptr() as usize
            && self.verified_at.1.load(Ordering::Acquire) == bytes.len();
        Pool {
            file: bytes,
            start: self.strings.start,
            bytes: &bytes[self.strings.clone()],
            blocks: &self.blocks,
            verified,
        }
    }

    /// The record numbered `number` of a section of `R`s.
    #[inline]
    fn record<R: Record>(&self, section: &Range<usize>, number: u32) -> Result<R> {
        let start = section.start + number as usize * R::LEN;
        if start + R::LEN > section.end {
            return Err(Error::corrupt(format!("record {number} is out of range")));
        }
        let file = self.data.as_ref();
        self.blocks.check(file, start..start + R::LEN)?;
        R::read(&file[start..start + R::LEN])
    }

    /// The entity numbered `number` (0-based, in ID order).
    pub(crate) fn entity_at(&self, number: u32) -> Result<EntityRef<'_>> {
        let record: EntityRecord = self.record(&self.entities, number)?;
        let pool = self.pool();
        Ok(EntityRef {
            id: pool.str(record.id)?,
            kind: record.kind,
            prior: f64::from(record.prior.min(100)) / 100.0,
            number,
            record,
            pool,
        })
    }

    /// The labels of `entity` as (language, text), in stored order.
    pub(crate) fn labels(&self, entity: &EntityRef<'_>) -> Result<Vec<(&str, &str)>> {
        self.label_numbers(entity)?.map(|l| self.label(l)).collect()
    }

    fn label_numbers(&self, entity: &EntityRef<'_>) -> Result<Range<u32>> {
        let (first, count) = (entity.record.first_label, entity.record.label_count);
        let end = first
            .checked_add(count)
            .ok_or_else(|| Error::corrupt(format!("entity {} has bad labels", entity.number)))?;
        Ok(first..end)
    }

    fn label(&self, number: u32) -> Result<(&str, &str)> {
        let record: LabelRecord = self.record(&self.labels, number)?;
        let pool = self.pool();
        Ok((pool.str(record.lang)?, pool.str(record.text)?))
    }

    /// The cue words of entity `number`, folded: (favour, exclude).
    pub(crate) fn cues(&self, number: u32) -> Result<(Vec<&str>, Vec<&str>)> {
        let record: CuesRecord = self.record(&self.cues, number)?;
        let pool = self.pool();
        let words = |s| -> Result<Vec<&str>> {
            Ok(pool.str(s)?.split('\n').filter(|w| !w.is_empty()).collect())
        };
        Ok((words(record.favour)?, words(record.exclude)?))
    }

    /// The variants (names) of entity `number`, in source order.
    pub(crate) fn variants_of(&self, number: u32) -> Result<Vec<VariantRef<'_>>> {
        self.variant_numbers(number)?
            .map(|v| self.variant(v))
            .collect()
    }

    /// The numbers of the variants of entity `number`.
    pub(crate) fn variant_numbers(&self, number: u32) -> Result<Range<u32>> {
        let record: EntityRecord = self.record(&self.entities, number)?;
        let end = record
            .first_variant
            .checked_add(record.variant_count)
            .ok_or_else(|| Error::corrupt(format!("entity {number} has bad variants")))?;
        Ok(record.first_variant..end)
    }

    /// The variant numbered `number`.
    pub(crate) fn variant(&self, number: u32) -> Result<VariantRef<'_>> {
        let record = self.variant_record(number)?;
        let pool = self.pool();
        Ok(VariantRef {
            entity: record.entity,
            text: pool.str(record.text)?,
            lang: pool.str(record.lang)?,
            script: pool.str(record.script)?,
            source: pool.str(record.source)?,
            form: record.form,
            is_label: record.is_label,
        })
    }

    /// The fixed-size record of variant `number`: what ranking needs, without its strings.
    pub(crate) fn variant_record(&self, number: u32) -> Result<VariantRecord> {
        self.record(&self.variants, number)
    }

    /// What a candidate shows of a variant: its text, language and source.
    pub(crate) fn variant_shown(&self, record: &VariantRecord) -> Result<(&str, &str, &str)> {
        let pool = self.pool();
        Ok((
            pool.str(record.text)?,
            pool.str(record.lang)?,
            pool.str(record.source)?,
        ))
    }

    /// Whether variant `number`'s exact key is `key`: whether `key` is its text, or, for the
    /// rare text not in NFC, its text in NFC.
    pub(crate) fn variant_has_exact_key(&self, number: u32, key: &str) -> Result<bool> {
        let record = self.variant_record(number)?;
        let pool = self.pool();
        Ok(match record.not_nfc {
            true => crate::normalize::exact(pool.str(record.text)?) == key,
            // Equal bytes need no UTF-8 check.
            false => pool.bytes(record.text)? == key.as_bytes(),
        })
    }

    /// The label of `entity` to show: in `lang`, else English, else French, else the first.
    /// Only the chosen label's text is read.
    pub(crate) fn label_in(&self, entity: &EntityRef<'_>, lang: Option<&str>) -> Result<&str> {
        let pool = self.pool();
        // One pass: the first label in `lang`, else the first in English, else in French,
        // else the first.
        let preference = |label_lang: &[u8]| match label_lang {
            l if lang.is_some_and(|want| want.as_bytes() == l) => 0,
            b"en" => 1,
            b"fr" => 2,
            _ => 3,
        };
        let mut chosen: Option<(u8, LabelRecord)> = None;
        for number in self.label_numbers(entity)? {
            let record: LabelRecord = self.record(&self.labels, number)?;
            let rank = preference(pool.bytes(record.lang)?);
            if chosen.is_none_or(|(best, _)| rank < best) {
                chosen = Some((rank, record));
                if rank == 0 {
                    break;
                }
            }
        }
        match chosen {
            Some((_, record)) => pool.str(record.text),
            None => Ok(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A storage that gives other bytes after a while: allowed by `AsRef`, a safe trait.
    struct Fickle {
        good: Vec<u8>,
        bad: Vec<u8>,
        switched: Cell<bool>,
    }

    impl AsRef<[u8]> for Fickle {
        fn as_ref(&self) -> &[u8] {
            match self.switched.get() {
                false => &self.good,
                true => &self.bad,
            }
        }
    }

    #[cfg(feature = "serve")]
    #[test]
    fn a_prefix_walk_gives_the_keys_that_start_with_it_in_order_up_to_the_limit() {
        let index = crate::default_index().unwrap();
        let all = index.names_with_prefix("tin", usize::MAX).unwrap();
        assert!(all.len() > 3, "{all:?}");
        assert!(all.iter().all(|(key, _)| key.starts_with("tin")));
        assert!(all.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(all.iter().any(|(key, _)| key == "tinzaouatene"));
        let first = index.names_with_prefix("tin", 2).unwrap();
        assert_eq!(first, all[..2]);
        assert!(index.names_with_prefix("qqqzzz", 10).unwrap().is_empty());
    }

    /// Verification vouches for the bytes it read, not for whatever the storage gives later:
    /// a string made invalid in the other bytes is an error, not undefined behaviour.
    #[test]
    fn verified_reads_trust_only_the_verified_bytes() {
        let good = crate::index::build(&crate::default_lexicon().unwrap()).unwrap();
        let index = Index::new(&good).unwrap();
        let id = index.entity_at(0).unwrap().id.to_string();
        let at = good
            .windows(id.len())
            .position(|w| w == id.as_bytes())
            .unwrap();
        let mut bad = good.clone();
        bad[at] = 0xFF;
        let fickle = Index::new(Fickle {
            good,
            bad,
            switched: Cell::new(false),
        })
        .unwrap();
        fickle.verify().unwrap();
        assert_eq!(fickle.entity_at(0).unwrap().id, id);
        fickle.data.switched.set(true);
        assert!(fickle.entity_at(0).is_err());
    }
}
