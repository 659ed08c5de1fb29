//! Reading an index from any bytes: a memory map, a `Vec<u8>`, a static slice.

use std::fs::File;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use super::edits;
use super::format::*;
use crate::error::{Error, ErrorKind, Result};
use crate::lexicon::{Form, Kind};
use crate::normalize::{Layer, NORMALIZER_VERSION};

/// A compiled lexicon, readable from any bytes.
///
/// `Index::new` checks the header and the section table, which is cheap; every read after
/// that is bounds-checked, so damaged bytes give [`Error`]s, never a panic in this crate's
/// code. Call [`Index::verify`] once on bytes you did not build yourself: it checks the
/// checksum and every record, and only after it is the FST walk guaranteed to be safe.
///
/// ```
/// use canonym::Index;
///
/// let err = Index::new(b"not an index".to_vec()).unwrap_err();
/// assert!(err.is_index_error());
/// ```
#[derive(Debug)]
pub struct Index<D> {
    data: D,
    strings: Range<usize>,
    entities: Range<usize>,
    labels: Range<usize>,
    variants: Range<usize>,
    cues: Range<usize>,
    layers: Vec<LayerSections>,
    /// The latin keys spelled backwards, mapped to the same postings as the names FST.
    reversed_latin: Option<Range<usize>>,
    /// Distinct keys per layer code.
    key_counts: [u64; 4],
    /// Set once [`Index::verify`] has passed: every string a record refers to is then known
    /// to be UTF-8, and is not validated again on each read.
    verified: AtomicBool,
}

/// Where one layer's FST and postings lists are.
#[derive(Clone, Debug)]
struct LayerSections {
    layer: Layer,
    fst: Range<usize>,
    postings: Range<usize>,
    /// Which of the two sections were found, while the table is read.
    found: (bool, bool),
}

/// What [`Index::walk`] found for a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Walk {
    /// The key itself is stored.
    pub is_key: bool,
    /// Some longer key starts with it.
    pub extends: bool,
}

impl Walk {
    /// What a walk that ended at `node` (or fell off the FST) found.
    pub(crate) fn at(node: Option<&fst::raw::Node<'_>>) -> Walk {
        node.map_or(Walk::default(), |n| Walk {
            is_key: n.is_final(),
            extends: !n.is_empty(),
        })
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
    number: u32,
    first_label: u32,
    label_count: u32,
}

/// The fixed-size part of a variant's record: what ranking needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct VariantHead {
    /// The number of the entity it names.
    pub entity: u32,
    /// What form of the name it is.
    pub form: Form,
    /// Whether it is a preferred label of its entity.
    pub is_label: bool,
}

/// One variant (a name of an entity) of an index.
#[derive(Clone, Copy, Debug)]
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
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
        if len < HEADER_LEN as u64 {
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
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::new(ErrorKind::NotAnIndex));
        }
        if bytes.len() < HEADER_LEN {
            return Err(Error::corrupt("truncated: shorter than its header"));
        }
        let format = read_u32(bytes, 8)?;
        if format != FORMAT_VERSION {
            return Err(Error::new(ErrorKind::UnsupportedFormat {
                found: format,
                expected: FORMAT_VERSION,
            }));
        }
        let normalizer = read_u32(bytes, 12)?;
        if normalizer != NORMALIZER_VERSION {
            return Err(Error::new(ErrorKind::NormalizerMismatch {
                found: normalizer,
                expected: NORMALIZER_VERSION,
            }));
        }
        let file_len = read_u64(bytes, 16)?;
        if file_len != bytes.len() as u64 {
            return Err(Error::corrupt(format!(
                "truncated or padded: the header says {file_len} bytes, there are {}",
                bytes.len()
            )));
        }
        let section_count = read_u32(bytes, 28)? as usize;
        let table_end = section_count
            .checked_mul(SECTION_ENTRY_LEN)
            .and_then(|n| n.checked_add(HEADER_LEN))
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| Error::corrupt("the section table runs past the end"))?;

        let mut index = Index {
            strings: 0..0,
            entities: 0..0,
            labels: 0..0,
            variants: 0..0,
            cues: 0..0,
            layers: Vec::new(),
            reversed_latin: None,
            key_counts: [0; 4],
            verified: AtomicBool::new(false),
            data,
        };
        let mut found = Vec::new();
        for entry in (HEADER_LEN..table_end).step_by(SECTION_ENTRY_LEN) {
            let bytes = index.data.as_ref();
            let id = read_u32(bytes, entry)?;
            let offset = read_u64(bytes, entry + 8)?;
            let len = read_u64(bytes, entry + 16)?;
            let range = usize::try_from(offset)
                .ok()
                .zip(usize::try_from(len).ok())
                .and_then(|(start, len)| Some(start..start.checked_add(len)?))
                .filter(|r| r.start >= table_end && r.end <= bytes.len())
                .ok_or_else(|| Error::corrupt(format!("section {id:#x} lies outside the file")))?;
            if found.contains(&id) {
                return Err(Error::corrupt(format!("section {id:#x} appears twice")));
            }
            found.push(id);
            match id {
                SECTION_STRINGS => index.strings = range,
                SECTION_ENTITIES => index.entities = range,
                SECTION_LABELS => index.labels = range,
                SECTION_VARIANTS => index.variants = range,
                SECTION_CUES => index.cues = range,
                SECTION_KEY_COUNTS => {
                    for (code, count) in index.key_counts.iter_mut().enumerate() {
                        *count = read_u64(&bytes[range.clone()], code * 8)?;
                    }
                }
                SECTION_REVERSED_LATIN => {
                    fst::raw::Fst::new(&bytes[range.clone()]).map_err(|e| {
                        Error::corrupt(format!("the reversed latin FST is unreadable: {e}"))
                    })?;
                    index.reversed_latin = Some(range);
                }
                _ => {
                    // Sections this version does not know are skipped: they are additions.
                    for layer in Layer::KEYED {
                        let entry = if id == SECTION_FST_BASE + layer.code() {
                            fst::raw::Fst::new(&bytes[range.clone()]).map_err(|e| {
                                Error::corrupt(format!("the {layer} FST is unreadable: {e}"))
                            })?;
                            Some((layer, Some(range.clone()), None))
                        } else if id == SECTION_POSTINGS_BASE + layer.code() {
                            if range.len() % 4 != 0 {
                                return Err(Error::corrupt(format!(
                                    "the {layer} postings are not whole words"
                                )));
                            }
                            Some((layer, None, Some(range.clone())))
                        } else {
                            None
                        };
                        if let Some((layer, fst, postings)) = entry {
                            let at = match index.layers.iter().position(|l| l.layer == layer) {
                                Some(at) => at,
                                None => {
                                    index.layers.push(LayerSections {
                                        layer,
                                        fst: 0..0,
                                        postings: 0..0,
                                        found: (false, false),
                                    });
                                    index.layers.len() - 1
                                }
                            };
                            let sections = &mut index.layers[at];
                            if let Some(fst) = fst {
                                sections.fst = fst;
                                sections.found.0 = true;
                            }
                            if let Some(postings) = postings {
                                sections.postings = postings;
                                sections.found.1 = true;
                            }
                        }
                    }
                }
            }
        }
        for (id, what) in [
            (SECTION_STRINGS, "strings"),
            (SECTION_ENTITIES, "entities"),
            (SECTION_LABELS, "labels"),
            (SECTION_VARIANTS, "variants"),
            (SECTION_CUES, "cues"),
        ] {
            if !found.contains(&id) {
                return Err(Error::corrupt(format!("the {what} section is missing")));
            }
        }
        for (range, size, what) in [
            (&index.entities, ENTITY_LEN, "entities"),
            (&index.labels, LABEL_LEN, "labels"),
            (&index.variants, VARIANT_LEN, "variants"),
            (&index.cues, CUES_LEN, "cues"),
        ] {
            if range.len() % size != 0 {
                return Err(Error::corrupt(format!(
                    "the {what} section is not a whole number of records"
                )));
            }
        }
        for sections in &index.layers {
            if sections.found != (true, true) {
                return Err(Error::corrupt(format!(
                    "the {} layer lacks its FST or its postings",
                    sections.layer
                )));
            }
        }
        if index.reversed_latin.is_none() {
            return Err(Error::corrupt("the reversed latin FST is missing"));
        }
        if !found.contains(&SECTION_KEY_COUNTS) {
            return Err(Error::corrupt("the key counts section is missing"));
        }
        index.layers.sort_by_key(|l| l.layer);
        Ok(index)
    }

    /// An index of bytes that [`build`](super::build) just made in this process: every string
    /// in them was written from a `&str`, so reads need not check UTF-8, as after
    /// [`Index::verify`].
    pub(crate) fn built_here(data: D) -> Result<Index<D>> {
        let index = Index::new(data)?;
        index.verified.store(true, AtomicOrdering::Relaxed);
        Ok(index)
    }

    /// Checks every byte: the checksum, every record and string, every FST key and postings
    /// list. Run it once on bytes from elsewhere; it reads the whole index. Reads are faster
    /// after it: strings are no longer validated one by one.
    pub fn verify(&self) -> Result<()> {
        self.verify_records()?;
        self.verified.store(true, AtomicOrdering::Relaxed);
        Ok(())
    }

    fn verify_records(&self) -> Result<()> {
        self.verify_checksum()?;
        let bytes = self.data.as_ref();
        let entity_count = self.entity_count() as u32;
        let variant_count = self.variant_count() as u32;
        let label_count = (self.labels.len() / LABEL_LEN) as u32;
        for number in 0..entity_count {
            let entity = self.entity(number)?;
            let end = entity.first_label.checked_add(entity.label_count);
            if end.is_none_or(|end| end > label_count) {
                return Err(Error::corrupt(format!(
                    "entity {} has bad labels",
                    entity.id
                )));
            }
            for label in entity.first_label..entity.first_label + entity.label_count {
                self.label(label)?;
            }
            let record = self.record(&self.entities, ENTITY_LEN, number)?;
            for at in [8, 16, 24] {
                self.str_at(record, at)?;
            }
            let first = read_u32(record, 40)?;
            let count = read_u32(record, 44)?;
            if first
                .checked_add(count)
                .is_none_or(|end| end > variant_count)
            {
                return Err(Error::corrupt(format!(
                    "entity {} has bad variants",
                    entity.id
                )));
            }
            self.cues(number)?;
        }
        if self.cues.len() / CUES_LEN != entity_count as usize {
            return Err(Error::corrupt(
                "the cues section does not match the entities",
            ));
        }
        for number in 0..variant_count {
            let variant = self.variant(number)?;
            if variant.entity >= entity_count {
                return Err(Error::corrupt(format!("variant {number} names no entity")));
            }
        }
        for sections in &self.layers {
            let layer = sections.layer;
            let fst = fst::raw::Fst::new(&bytes[sections.fst.clone()])
                .map_err(|e| Error::corrupt(format!("the {layer} FST: {e}")))?;
            fst.verify()
                .map_err(|e| Error::corrupt(format!("the {layer} FST: {e}")))?;
            self.verify_postings(&fst, layer, variant_count)?;
        }
        if let Some(reversed) = self.reversed_latin()? {
            reversed
                .verify()
                .map_err(|e| Error::corrupt(format!("the reversed latin FST: {e}")))?;
            self.verify_postings(&reversed, Layer::Folded, variant_count)?;
        }
        Ok(())
    }

    /// Checks that every output of `fst` is a postings list of `layer` naming variants.
    fn verify_postings(
        &self,
        fst: &fst::raw::Fst<&[u8]>,
        stored: Layer,
        variant_count: u32,
    ) -> Result<()> {
        let flags = match stored {
            Layer::Skeleton => POSTED_FOLDED,
            _ => POSTED_FOLDED | POSTED_LATIN,
        };
        let mut stream = fst.stream();
        while let Some((_, output)) = fst::Streamer::next(&mut stream) {
            for entry in self.entries(stored, output.value())? {
                if entry >> ENTRY_FLAG_BITS >= variant_count {
                    return Err(Error::corrupt("a postings list names no variant"));
                }
                if entry & flags == 0 || entry & !flags & ((1 << ENTRY_FLAG_BITS) - 1) != 0 {
                    return Err(Error::corrupt("a postings entry has bad flags"));
                }
            }
        }
        Ok(())
    }

    /// The entity with canonical ID `id` (entities are stored in ID order).
    pub fn find(&self, id: &str) -> Result<Option<EntityRef<'_>>> {
        let (mut low, mut high) = (0, self.entity_count() as u32);
        while low < high {
            let middle = low + (high - low) / 2;
            let entity = self.entity(middle)?;
            match entity.id.cmp(id) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Ok(Some(entity)),
            }
        }
        Ok(None)
    }

    /// Checks the checksum only: every byte is read once, nothing is parsed. It catches
    /// damage (a flipped bit, a partial copy) at the speed of reading the file.
    pub fn verify_checksum(&self) -> Result<()> {
        let bytes = self.data.as_ref();
        if checksum(bytes) != read_u32(bytes, CHECKSUM_AT)? {
            return Err(Error::corrupt("checksum mismatch"));
        }
        Ok(())
    }

    /// How many entities the index holds.
    pub fn entity_count(&self) -> usize {
        self.entities.len() / ENTITY_LEN
    }

    /// How many variants (names) the index holds.
    pub fn variant_count(&self) -> usize {
        self.variants.len() / VARIANT_LEN
    }

    /// The layers with keys of their own in the index, strict to loose: all but the exact
    /// layer, whose matches are found among the folded ones.
    pub fn stored_layers(&self) -> impl Iterator<Item = Layer> + '_ {
        STORED_LAYERS.into_iter().filter(|&layer| {
            fst_of(layer).is_some_and(|(stored, _)| self.layers.iter().any(|l| l.layer == stored))
        })
    }

    /// How many distinct keys the index holds on `layer` (none on a layer not stored).
    pub fn key_count(&self, layer: Layer) -> Result<usize> {
        let count = self.key_counts.get(layer.code() as usize).copied();
        usize::try_from(count.unwrap_or(0)).map_err(|_| Error::corrupt("a key count is too large"))
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
        match self.find_key(layer, key)? {
            Some(word) => self.postings(layer, word),
            None => Ok(Vec::new()),
        }
    }

    /// Where the postings list of `key` is, if `key` is in the FST holding `layer`'s keys
    /// (see [`Index::postings`]).
    pub(crate) fn find_key(&self, layer: Layer, key: &str) -> Result<Option<u64>> {
        Ok(self
            .fst(layer)?
            .and_then(|fst| fst.get(key))
            .map(|output| output.value()))
    }

    /// Whether `key` is a key on `layer`, and whether any longer key starts with it: what
    /// the tagger needs to decide whether to extend a span by one more word.
    pub(crate) fn walk(&self, layer: Layer, key: &str) -> Result<Walk> {
        let Some(fst) = self.fst(layer)? else {
            return Ok(Walk::default());
        };
        let mut node = fst.root();
        for &byte in key.as_bytes() {
            match node.find_input(byte) {
                Some(i) => node = fst.node(node.transition(i).addr),
                None => return Ok(Walk::default()),
            }
        }
        Ok(Walk {
            is_key: node.is_final(),
            extends: !node.is_empty(),
        })
    }

    /// The latin keys within `edits` (at most two) of the latin key `key`, each with its
    /// distance and its variants, in key order (see [`edits::within`]).
    pub(crate) fn near(&self, key: &str, edits: u8) -> Result<Vec<(String, u8, Vec<u32>)>> {
        let (Some(forward), Some(backward)) = (self.fst(Layer::Latin)?, self.reversed_latin()?)
        else {
            return Ok(Vec::new());
        };
        edits::within(&forward, &backward, key.as_bytes(), edits)
            .into_iter()
            .map(|(key, output, distance)| {
                let key = String::from_utf8(key)
                    .map_err(|_| Error::corrupt("a latin key is not valid UTF-8"))?;
                Ok((key, distance, self.postings(Layer::Latin, output)?))
            })
            .collect()
    }

    /// The FST of the latin keys spelled backwards, for [`Index::near`].
    fn reversed_latin(&self) -> Result<Option<fst::raw::Fst<&[u8]>>> {
        let Some(range) = self.reversed_latin.clone() else {
            return Ok(None);
        };
        fst::raw::Fst::new(&self.data.as_ref()[range])
            .map(Some)
            .map_err(|e| Error::corrupt(format!("the reversed latin FST: {e}")))
    }

    /// Every key on `layer` that `automaton` accepts, with its variants.
    pub(crate) fn search<A: fst::Automaton>(
        &self,
        layer: Layer,
        automaton: A,
    ) -> Result<Vec<(String, Vec<u32>)>> {
        let Some(fst) = self.fst(layer)? else {
            return Ok(Vec::new());
        };
        let mut stream = fst::IntoStreamer::into_stream(fst.search(automaton));
        let mut found = Vec::new();
        while let Some((key, output)) = fst::Streamer::next(&mut stream) {
            let key = String::from_utf8(key.to_vec())
                .map_err(|_| Error::corrupt(format!("a {layer} key is not valid UTF-8")))?;
            let variants = self.postings(layer, output.value())?;
            // The folded and latin layers share an FST: a key may be only the other's.
            if !variants.is_empty() {
                found.push((key, variants));
            }
        }
        Ok(found)
    }

    /// The FST holding `layer`'s keys (the folded and latin layers share one).
    pub(crate) fn fst(&self, layer: Layer) -> Result<Option<fst::raw::Fst<&[u8]>>> {
        let Some((stored, _)) = fst_of(layer) else {
            return Ok(None);
        };
        let Some(sections) = self.layers.iter().find(|l| l.layer == stored) else {
            return Ok(None);
        };
        fst::raw::Fst::new(&self.data.as_ref()[sections.fst.clone()])
            .map(Some)
            .map_err(|e| Error::corrupt(format!("the {layer} FST: {e}")))
    }

    /// The variants of the postings list at `word` for which the key is their key on
    /// `layer` (the FST that `word` came from holds `layer`'s keys).
    pub(crate) fn postings(&self, layer: Layer, word: u64) -> Result<Vec<u32>> {
        let Some((stored, flag)) = fst_of(layer) else {
            return Ok(Vec::new());
        };
        Ok(self
            .entries(stored, word)?
            .filter(|entry| entry & flag != 0)
            .map(|entry| entry >> ENTRY_FLAG_BITS)
            .collect())
    }

    /// The raw entries of the postings list at `word` in the postings of the FST stored under
    /// `stored`'s section ids.
    fn entries(&self, stored: Layer, word: u64) -> Result<impl Iterator<Item = u32> + '_> {
        let range = self
            .layers
            .iter()
            .find(|l| l.layer == stored)
            .map_or(0..0, |l| l.postings.clone());
        let bytes = &self.data.as_ref()[range];
        let bad = || Error::corrupt("a postings list lies outside its section");
        let start = usize::try_from(word)
            .ok()
            .and_then(|w| w.checked_mul(4))
            .ok_or_else(bad)?;
        let count = read_u32(bytes, start).map_err(|_| bad())? as usize;
        let end = count
            .checked_mul(4)
            .and_then(|n| n.checked_add(start + 4))
            .filter(|&end| end <= bytes.len())
            .ok_or_else(bad)?;
        Ok(bytes[start + 4..end]
            .chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])))
    }

    /// The entity numbered `number` (0-based, in ID order).
    pub(crate) fn entity(&self, number: u32) -> Result<EntityRef<'_>> {
        let record = self.record(&self.entities, ENTITY_LEN, number)?;
        let kind = Kind::from_code(record[48])
            .ok_or_else(|| Error::corrupt(format!("entity {number} has an unknown kind")))?;
        Ok(EntityRef {
            id: self.str_at(record, 0)?,
            kind,
            prior: f64::from(record[49].min(100)) / 100.0,
            number,
            first_label: read_u32(record, 32)?,
            label_count: read_u32(record, 36)?,
        })
    }

    /// The labels of `entity` as (language, text), sorted by language.
    pub(crate) fn labels(&self, entity: &EntityRef<'_>) -> Result<Vec<(&str, &str)>> {
        let end = entity
            .first_label
            .checked_add(entity.label_count)
            .ok_or_else(|| Error::corrupt(format!("entity {} has bad labels", entity.number)))?;
        (entity.first_label..end).map(|l| self.label(l)).collect()
    }

    fn label(&self, number: u32) -> Result<(&str, &str)> {
        let record = self.record(&self.labels, LABEL_LEN, number)?;
        Ok((self.str_at(record, 0)?, self.str_at(record, 8)?))
    }

    /// The cue words of entity `number`, folded: (favour, exclude).
    pub(crate) fn cues(&self, number: u32) -> Result<(Vec<&str>, Vec<&str>)> {
        let record = self.record(&self.cues, CUES_LEN, number)?;
        let favour = self.str_at(record, 0)?;
        let exclude = self.str_at(record, 8)?;
        Ok((cue_words(favour), cue_words(exclude)))
    }

    /// The variants (names) of entity `number`, in source order.
    pub(crate) fn variants_of(&self, number: u32) -> Result<Vec<VariantRef<'_>>> {
        let record = self.record(&self.entities, ENTITY_LEN, number)?;
        let first = read_u32(record, 40)?;
        let count = read_u32(record, 44)?;
        let end = first
            .checked_add(count)
            .ok_or_else(|| Error::corrupt(format!("entity {number} has bad variants")))?;
        (first..end).map(|v| self.variant(v)).collect()
    }

    /// The variant numbered `number`.
    pub(crate) fn variant(&self, number: u32) -> Result<VariantRef<'_>> {
        let head = self.variant_head(number)?;
        let record = self.record(&self.variants, VARIANT_LEN, number)?;
        Ok(VariantRef {
            entity: head.entity,
            text: self.str_at(record, 4)?,
            lang: self.str_at(record, 12)?,
            script: self.str_at(record, 20)?,
            source: self.str_at(record, 28)?,
            form: head.form,
            is_label: head.is_label,
        })
    }

    /// What a candidate shows of variant `number`: its text, language and source.
    pub(crate) fn variant_shown(&self, number: u32) -> Result<(&str, &str, &str)> {
        let record = self.record(&self.variants, VARIANT_LEN, number)?;
        Ok((
            self.str_at(record, 4)?,
            self.str_at(record, 12)?,
            self.str_at(record, 28)?,
        ))
    }

    /// Whether variant `number`'s exact key is `key`: whether `key` is its text, or, for the
    /// rare text not in NFC, its text in NFC.
    pub(crate) fn variant_has_exact_key(&self, number: u32, key: &str) -> Result<bool> {
        let record = self.record(&self.variants, VARIANT_LEN, number)?;
        Ok(match record[37] & VARIANT_NOT_NFC != 0 {
            true => crate::normalize::exact(self.str_at(record, 4)?) == key,
            // Equal bytes need no UTF-8 check.
            false => self.bytes_at(record, 4)? == key.as_bytes(),
        })
    }

    /// What ranking needs of a variant, read without touching its strings.
    pub(crate) fn variant_head(&self, number: u32) -> Result<VariantHead> {
        let record = self.record(&self.variants, VARIANT_LEN, number)?;
        let form = Form::from_code(record[36])
            .ok_or_else(|| Error::corrupt(format!("variant {number} has an unknown form")))?;
        Ok(VariantHead {
            entity: read_u32(record, 0)?,
            form,
            is_label: record[37] & VARIANT_IS_LABEL != 0,
        })
    }

    /// The label of `entity` to show: in `lang`, else English, else French, else the first.
    /// Only the chosen label's text is read.
    pub(crate) fn label_in(&self, entity: &EntityRef<'_>, lang: Option<&str>) -> Result<&str> {
        let end = entity
            .first_label
            .checked_add(entity.label_count)
            .ok_or_else(|| Error::corrupt(format!("entity {} has bad labels", entity.number)))?;
        // One pass: the first label in `lang`, else the first in English, else in French,
        // else the first.
        let preference = |label_lang: &[u8]| match label_lang {
            l if lang.is_some_and(|want| want.as_bytes() == l) => 0,
            b"en" => 1,
            b"fr" => 2,
            _ => 3,
        };
        let mut chosen: Option<(u8, u32)> = None;
        for number in entity.first_label..end {
            let record = self.record(&self.labels, LABEL_LEN, number)?;
            let rank = preference(self.bytes_at(record, 0)?);
            if chosen.is_none_or(|(best, _)| rank < best) {
                chosen = Some((rank, number));
                if rank == 0 {
                    break;
                }
            }
        }
        match chosen {
            Some((_, number)) => {
                let record = self.record(&self.labels, LABEL_LEN, number)?;
                self.str_at(record, 8)
            }
            None => Ok(""),
        }
    }

    #[inline]
    fn record(&self, section: &Range<usize>, size: usize, number: u32) -> Result<&[u8]> {
        let start = section.start + number as usize * size;
        if start + size > section.end {
            return Err(Error::corrupt(format!("record {number} is out of range")));
        }
        Ok(&self.data.as_ref()[start..start + size])
    }

    /// The bytes of the string whose (offset, length) reference is at `at` in `record`.
    fn bytes_at<'a>(&'a self, record: &[u8], at: usize) -> Result<&'a [u8]> {
        let offset = read_u32(record, at)? as usize;
        let len = read_u32(record, at + 4)? as usize;
        let pool = &self.data.as_ref()[self.strings.clone()];
        pool.get(offset..offset + len)
            .ok_or_else(|| Error::corrupt("a string lies outside the string pool"))
    }

    /// The string whose (offset, length) reference is at `at` in `record`.
    fn str_at<'a>(&'a self, record: &[u8], at: usize) -> Result<&'a str> {
        let bytes = self.bytes_at(record, at)?;
        if self.verified.load(AtomicOrdering::Relaxed) {
            // SAFETY: `verify` read every string reference of every record through this
            // function and found it UTF-8; the bytes cannot have changed since (an `Index`
            // owns or borrows them immutably, and a mapped file must not be modified).
            return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
        }
        std::str::from_utf8(bytes).map_err(|_| Error::corrupt("a string is not valid UTF-8"))
    }
}

fn cue_words(joined: &str) -> Vec<&str> {
    joined.split('\n').filter(|w| !w.is_empty()).collect()
}

#[inline]
fn read_u32(bytes: &[u8], at: usize) -> Result<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| Error::corrupt("truncated"))
}

fn read_u64(bytes: &[u8], at: usize) -> Result<u64> {
    bytes
        .get(at..at + 8)
        .map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
        .ok_or_else(|| Error::corrupt("truncated"))
}
