//! Compiling a checked lexicon into index bytes.

use std::collections::HashMap;
use std::path::Path;

use super::blocks::{self, BLOCK_LEN};
use super::format::*;
use crate::error::{Error, Result};
use crate::lexicon::{Entity, Form, Lexicon, Name};
use crate::normalize::{self, Layer, NORMALIZER_VERSION};

/// Compiles `lexicon` into the bytes of an index file.
///
/// The same lexicon always gives the same bytes: entities are in ID order, names in source
/// order, keys sorted.
///
/// ```
/// use canonym::{index, Index, Lexicon};
///
/// let lexicon = Lexicon::from_sources([("groups.toml", r#"
/// [[entity]]
/// id = "group/jnim"
/// kind = "group"
/// label = { en = "JNIM" }
/// names = [{ text = "JNIM", lang = "en", form = "acronym", source = "seeds/001_ca1515ff46768185.txt" }]
/// "#)])?;
/// let bytes = index::build(&lexicon)?;
/// assert_eq!(bytes, index::build(&lexicon)?);
/// let index = Index::new(bytes)?;
/// index.verify()?;
/// assert_eq!(index.entity_count(), 1);
/// # Ok::<(), canonym::Error>(())
/// ```
pub fn build(lexicon: &Lexicon) -> Result<Vec<u8>> {
    let names: Vec<&Name> = lexicon.entities().iter().flat_map(|e| &e.names).collect();
    // The records and the FSTs are independent: the FSTs, most of the work, are built while
    // the records are written.
    let (records, fsts) = std::thread::scope(|scope| {
        let fsts = scope.spawn(|| fst_sections(&names));
        let records = records(lexicon);
        (
            records,
            fsts.join().unwrap_or_else(|_| Err(thread_panicked())),
        )
    });
    let mut sections = records?;
    let mut key_counts = KeyCounts::default();
    for (id, built) in FstId::ALL.into_iter().zip(fsts?) {
        count_keys(&mut key_counts, id, built.keys_flagged);
        let (fst, postings) = id.sections();
        sections.push((fst, built.fst));
        sections.push((postings, built.postings));
        if let Some(reversed) = built.reversed {
            sections.push((SECTION_REVERSED_LATIN, reversed));
        }
    }
    sections.push((SECTION_KEY_COUNTS, to_bytes(&[key_counts])));
    Ok(assemble(sections))
}

/// A thread of the build panicked: a bug of canonym, not a problem of the lexicon.
fn thread_panicked() -> Error {
    Error::bug("a thread of the index build panicked")
}

/// The bytes of a run of records.
fn to_bytes<R: Record>(records: &[R]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(records.len() * R::LEN);
    for record in records {
        record.write(&mut bytes);
    }
    bytes
}

/// The string pool and the entity, label, variant and cue records, as sections.
fn records(lexicon: &Lexicon) -> Result<Vec<(u32, Vec<u8>)>> {
    let mut records = Records::default();
    for entity in lexicon.entities() {
        records.add(entity)?;
    }
    Ok(records.take_sections().into())
}

/// The records of the entities added so far: the string pool, and the entity, label, variant
/// and cue sections, each as the bytes not yet taken (a streaming build takes them as they
/// grow and writes them out).
#[derive(Default)]
pub(crate) struct Records {
    strings: Strings,
    entities: Vec<u8>,
    labels: Vec<u8>,
    variants: Vec<u8>,
    cues: Vec<u8>,
    entity_count: usize,
    label_count: usize,
    variant_count: usize,
}

impl Records {
    /// Adds the records of the next entity (entities come in ID order).
    pub(crate) fn add(&mut self, entity: &Entity) -> Result<()> {
        let strings = &mut self.strings;
        let entity_number = to_u32(self.entity_count, "entities")?;
        let first_label = to_u32(self.label_count, "labels")?;
        for label in &entity.labels {
            LabelRecord {
                lang: strings.add(&label.lang)?,
                text: strings.add(&label.text)?,
            }
            .write(&mut self.labels);
            self.label_count += 1;
        }
        let first_variant = to_u32(self.variant_count, "variants")?;
        for name in &entity.names {
            VariantRecord {
                entity: entity_number,
                text: strings.add_unique(&name.text)?,
                lang: strings.add(&name.lang)?,
                script: strings.add(name.script.as_deref().unwrap_or(""))?,
                source: strings.add(&name.source)?,
                form: name.form,
                is_label: entity.is_label(name),
                not_nfc: !name.text.is_ascii() && normalize::exact(&name.text) != name.text,
            }
            .write(&mut self.variants);
            self.variant_count += 1;
        }
        let last_variant = to_u32(self.variant_count, "variants")?;
        let [favour, exclude] = [&entity.cues.favour, &entity.cues.exclude].map(|words| {
            let folded: Vec<String> = words.iter().map(|w| normalize::folded(w)).collect();
            folded.join("\n")
        });
        CuesRecord {
            favour: strings.add(&favour)?,
            exclude: strings.add(&exclude)?,
        }
        .write(&mut self.cues);
        EntityRecord {
            id: strings.add_unique(&entity.id)?,
            category: strings.add(entity.category.as_deref().unwrap_or(""))?,
            wikidata: strings.add(entity.wikidata.as_deref().unwrap_or(""))?,
            countries: strings.add(&entity.countries.join(","))?,
            first_label,
            label_count: to_u32(entity.labels.len(), "labels")?,
            first_variant,
            variant_count: last_variant - first_variant,
            kind: entity.kind,
            prior: (entity.prior.clamp(0.0, 1.0) * 100.0).round() as u8,
            geonames: entity.geonames.unwrap_or(0),
        }
        .write(&mut self.entities);
        self.entity_count += 1;
        Ok(())
    }

    /// The bytes of each section written since the last call, in file order; the records
    /// that follow continue where these end.
    pub(crate) fn take_sections(&mut self) -> [(u32, Vec<u8>); 5] {
        let strings = std::mem::take(&mut self.strings.bytes);
        self.strings.taken += strings.len();
        [
            (SECTION_STRINGS, strings),
            (SECTION_ENTITIES, std::mem::take(&mut self.entities)),
            (SECTION_LABELS, std::mem::take(&mut self.labels)),
            (SECTION_VARIANTS, std::mem::take(&mut self.variants)),
            (SECTION_CUES, std::mem::take(&mut self.cues)),
        ]
    }

    /// The bytes held, not yet taken.
    pub(crate) fn held(&self) -> usize {
        self.strings.bytes.len()
            + self.entities.len()
            + self.labels.len()
            + self.variants.len()
            + self.cues.len()
    }

    /// The memory the string pool's index of distinct strings takes, about.
    pub(crate) fn index_memory(&self) -> usize {
        self.strings.seen_memory
    }
}

/// An FST with its postings lists.
struct FstBuilt {
    fst: Vec<u8>,
    postings: Vec<u8>,
    /// The FST of the latin keys reversed (for the names FST).
    reversed: Option<Vec<u8>>,
    /// How many keys have entries with flag bit 0, and with flag bit 1.
    keys_flagged: [u64; 2],
}

/// A key and a postings entry.
pub(crate) type Posted = (String, PostingsEntry);

/// The keys of one FST and their postings entries, in [`FstId::ALL`] order.
pub(crate) type Shares = [Vec<Posted>; 4];

/// The FSTs, in [`FstId::ALL`] order: names (folded and latin keys), skeleton, stems and
/// tokens.
///
/// Normalizing the names, then sorting their keys, is split between the cores, each sorting
/// its own share; the sorted shares are merged as the postings are laid out. Then the FSTs,
/// and the reversed latin FST, are built side by side.
fn fst_sections(names: &[&Name]) -> Result<[FstBuilt; 4]> {
    if names.len() >= PostingsEntry::VARIANT_LIMIT {
        return Err(too_large("variants"));
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(1);
    let chunk = names.len().div_ceil(threads).max(1);
    let shares: Vec<Shares> = std::thread::scope(|scope| {
        let workers: Vec<_> = names
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| scope.spawn(move || share_keys(part, c * chunk)))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().map_err(|_| thread_panicked()))
            .collect::<Result<_>>()
    })?;
    // Per FST, the sorted shares of every worker.
    let mut by_fst: [Vec<Vec<Posted>>; 4] = Default::default();
    for share in shares {
        for (all, part) in by_fst.iter_mut().zip(share) {
            all.push(part);
        }
    }
    let [by_name, others @ ..] = by_fst;
    std::thread::scope(|scope| {
        let others: Vec<_> = others
            .into_iter()
            .map(|shares| {
                scope.spawn(move || {
                    let laid = lay_out(shares, false)?;
                    Ok::<_, Error>(FstBuilt {
                        fst: fst_of_sorted(&laid.keys)?,
                        postings: laid.postings,
                        reversed: None,
                        keys_flagged: laid.keys_flagged,
                    })
                })
            })
            .collect();
        let mut laid = lay_out(by_name, true)?;
        let mut backwards = std::mem::take(&mut laid.backwards);
        let reversed = scope.spawn(move || {
            backwards.sort_unstable();
            fst_of_sorted(&backwards)
        });
        let names = FstBuilt {
            fst: fst_of_sorted(&laid.keys)?,
            postings: laid.postings,
            reversed: None,
            keys_flagged: laid.keys_flagged,
        };
        let reversed = reversed.join().map_err(|_| thread_panicked())??;
        let mut built = vec![FstBuilt {
            reversed: Some(reversed),
            ..names
        }];
        for other in others {
            built.push(other.join().map_err(|_| thread_panicked())??);
        }
        built
            .try_into()
            .map_err(|_| Error::bug("not one FST per FstId"))
    })
}

/// The keys of a share of the names, the first numbered `first`, sorted, for each FST.
fn share_keys(names: &[&Name], first: usize) -> Shares {
    let mut shares = Shares::default();
    for (i, name) in names.iter().enumerate() {
        name_keys(&name.text, name.form, (first + i) as u32, &mut shares);
    }
    for share in &mut shares {
        share.sort_unstable();
    }
    shares
}

/// Pushes the keys of the name `text` (of `form`), variant number `variant`, with their
/// postings entries, onto the keys of each FST.
pub(crate) fn name_keys(text: &str, form: Form, variant: u32, shares: &mut Shares) {
    let [by_name, by_skeleton, by_stem, by_token] = shares;
    let entry = |layers| PostingsEntry::new(variant, layers);
    let (folded_bit, latin_bit) = (PostingsEntry::FOLDED, PostingsEntry::LATIN);
    let [folded, latin, stem, skeleton, token_key] = normalize::stored_keys(text);
    for token in normalize::tokens(&token_key) {
        if indexed(Layer::Token, form, &token) {
            by_token.push((token, entry(folded_bit)));
        }
    }
    // Only keys with words that have a stemmer are stored: a query's stem key is looked
    // up only when it has such words.
    if normalize::has_stems(&folded) && indexed(Layer::Stem, form, &stem) {
        by_stem.push((stem, entry(folded_bit)));
    }
    if latin == folded {
        if indexed(Layer::Folded, form, &folded) {
            by_name.push((folded, entry(folded_bit | latin_bit)));
        }
    } else {
        if indexed(Layer::Latin, form, &latin) {
            by_name.push((latin, entry(latin_bit)));
        }
        if indexed(Layer::Folded, form, &folded) {
            by_name.push((folded, entry(folded_bit)));
        }
    }
    if indexed(Layer::Skeleton, form, &skeleton) {
        by_skeleton.push((skeleton, entry(folded_bit)));
    }
}

/// Postings laid out for sorted keys, before the FST is built.
struct LaidOut {
    /// Each distinct key, in order, with the word offset of its postings list.
    keys: Vec<(String, u64)>,
    postings: Vec<u8>,
    /// The latin keys spelled backwards, with their offsets, unsorted (when asked for).
    backwards: Vec<(Vec<u8>, u64)>,
    keys_flagged: [u64; 2],
}

/// Merges sorted shares of keys and lays out their postings lists.
fn lay_out(mut shares: Vec<Vec<Posted>>, backwards: bool) -> Result<LaidOut> {
    let mut at = vec![0; shares.len()];
    // The smallest head among the shares, each time: there are as few shares as cores.
    let next = std::iter::from_fn(|| {
        let smallest = (0..shares.len())
            .filter(|&s| at[s] < shares[s].len())
            .min_by(|&a, &b| shares[a][at[a]].cmp(&shares[b][at[b]]))?;
        at[smallest] += 1;
        Some(Ok(std::mem::take(&mut shares[smallest][at[smallest] - 1])))
    });
    let mut postings = Postings::default();
    let (mut keys, mut reversed) = (Vec::new(), Vec::new());
    let keys_flagged = lay_out_sorted(next, &mut postings, |key, offset, layers, _| {
        if backwards && layers & PostingsEntry::LATIN != 0 {
            reversed.push((backwards_key(&key), offset));
        }
        keys.push((key, offset));
        Ok(())
    })?;
    Ok(LaidOut {
        keys,
        postings: postings.bytes,
        backwards: reversed,
        keys_flagged,
    })
}

/// A latin key spelled backwards: latin keys are ASCII, so reversing the bytes reverses the
/// letters.
pub(crate) fn backwards_key(key: &str) -> Vec<u8> {
    key.bytes().rev().collect()
}

/// A postings section as it is laid out: the bytes not yet taken, after the bytes taken
/// (a streaming build writes them out as they grow).
#[derive(Default)]
pub(crate) struct Postings {
    pub(crate) bytes: Vec<u8>,
    pub(crate) taken: u64,
}

impl Postings {
    /// Appends a list and returns its word offset in the whole section.
    fn push(&mut self, entries: &[PostingsEntry]) -> u64 {
        self.taken / 4 + PostingsLists::push(&mut self.bytes, entries.iter().copied())
    }
}

/// Lays out the postings lists of sorted (key, entry) pairs: one list a distinct key, its
/// entries distinct and in order. Calls `laid` with each key, the word offset of its list,
/// the layers its entries carry, and the postings (to take their bytes from); returns how
/// many keys have entries with flag bit 0, and with flag bit 1.
pub(crate) fn lay_out_sorted(
    mut sorted: impl Iterator<Item = Result<Posted>>,
    postings: &mut Postings,
    mut laid: impl FnMut(String, u64, u32, &mut Postings) -> Result<()>,
) -> Result<[u64; 2]> {
    let mut keys_flagged = [0; 2];
    let mut pending = sorted.next().transpose()?;
    // One buffer for the entries of every key: a build lays out millions of lists.
    let mut entries = Vec::new();
    while let Some((key, first)) = pending {
        entries.clear();
        entries.push(first);
        pending = sorted.next().transpose()?;
        while let Some(&(_, entry)) = pending.as_ref().filter(|(k, _)| *k == key) {
            if entries.last() != Some(&entry) {
                entries.push(entry);
            }
            pending = sorted.next().transpose()?;
        }
        let layers = entries.iter().fold(0, |all, e| all | e.layers());
        let offset = postings.push(&entries);
        for (bit, count) in keys_flagged.iter_mut().enumerate() {
            *count += u64::from(layers >> bit & 1);
        }
        laid(key, offset, layers, postings)?;
    }
    let words = postings.taken / 4 + PostingsLists::words(&postings.bytes) as u64;
    u32::try_from(words).map_err(|_| too_large("postings"))?;
    Ok(keys_flagged)
}

/// The FST of sorted, distinct keys and their values.
fn fst_of_sorted<K: AsRef<[u8]>>(keys: &[(K, u64)]) -> Result<Vec<u8>> {
    let building = |e: fst::Error| Error::corrupt(format!("building the FST: {e}"));
    let mut builder = fst::MapBuilder::memory();
    for (key, value) in keys {
        builder.insert(key, *value).map_err(building)?;
    }
    builder.into_inner().map_err(building)
}

/// Whether a name is stored under its `key` on `layer`. Acronyms get no skeleton: with their
/// vowels gone, short letter sequences would meet far too many words.
pub(crate) fn is_indexed(layer: Layer, name: &Name, key: &str) -> bool {
    indexed(layer, name.form, key)
}

/// [`is_indexed`] for a name of `form`.
fn indexed(layer: Layer, form: Form, key: &str) -> bool {
    match layer {
        Layer::Skeleton => form != Form::Acronym && key.len() >= normalize::MIN_SKELETON_LEN,
        _ => !key.is_empty(),
    }
}

/// Builds `lexicon` and writes the index to `path` atomically (see
/// [`write_atomically`](crate::write_atomically)): a failed build leaves no half-written index.
pub fn write_file(lexicon: &Lexicon, path: impl AsRef<Path>) -> Result<()> {
    crate::write_atomically(path.as_ref(), &build(lexicon)?)
}

/// Lays out header, section table and sections, then seals the file with its checksum.
/// Each section is dropped once copied, so the sections and the file are not all held at once.
fn assemble(sections: Vec<(u32, Vec<u8>)>) -> Vec<u8> {
    // The block sums come last, and are one more entry of the table.
    let table_end = Header::LEN + (sections.len() + 1) * SectionEntry::LEN;
    let data_len: usize = sections.iter().map(|(_, s)| s.len()).sum();
    let sums_len = data_len.div_ceil(BLOCK_LEN) * 4;
    let total = table_end + data_len + sums_len;
    let mut file = Vec::with_capacity(total);
    Header {
        format: FORMAT_VERSION,
        normalizer: NORMALIZER_VERSION,
        file_len: total as u64,
        checksum: 0, // filled in below
        section_count: sections.len() as u32 + 1,
        meta_checksum: 0, // filled in below
    }
    .write(&mut file);
    let mut offset = table_end;
    for (id, len) in sections
        .iter()
        .map(|(id, bytes)| (*id, bytes.len()))
        .chain([(SECTION_BLOCK_SUMS, sums_len)])
    {
        SectionEntry {
            id,
            offset: offset as u64,
            len: len as u64,
        }
        .write(&mut file);
        offset += len;
    }
    for (_, bytes) in sections {
        file.extend_from_slice(&bytes);
    }
    let sums = blocks::sums_of(&file[table_end..]);
    let meta = meta_checksum(&file, table_end, &sums);
    file[Header::META_CHECKSUM_AT..Header::META_CHECKSUM_AT + 4]
        .copy_from_slice(&meta.to_le_bytes());
    file.extend_from_slice(&sums);
    let sum = checksum(&file);
    file[Header::CHECKSUM_AT..Header::CHECKSUM_AT + 4].copy_from_slice(&sum.to_le_bytes());
    file
}

/// The string pool: each distinct string stored once, in order of first use.
#[derive(Default)]
struct Strings {
    /// The bytes not yet taken.
    bytes: Vec<u8>,
    /// The bytes taken before them.
    taken: usize,
    seen: HashMap<Box<str>, StrRef>,
    /// What `seen` takes, about.
    seen_memory: usize,
}

impl Strings {
    /// Where the next string goes, and an error once the pool outgrows 32-bit offsets.
    fn next(&self, len: usize) -> Result<StrRef> {
        let offset = self.taken + self.bytes.len();
        to_u32(offset + len, "strings")?;
        Ok(StrRef {
            offset: to_u32(offset, "strings")?,
            len: to_u32(len, "strings")?,
        })
    }

    /// Stores a string that is seldom repeated (IDs, name texts) without looking it up:
    /// hashing a million names costs more than the bytes it would save.
    fn add_unique(&mut self, s: &str) -> Result<StrRef> {
        let r = self.next(s.len())?;
        self.bytes.extend_from_slice(s.as_bytes());
        Ok(r)
    }

    fn add(&mut self, s: &str) -> Result<StrRef> {
        if let Some(&r) = self.seen.get(s) {
            return Ok(r);
        }
        let r = self.add_unique(s)?;
        // The key, its heap bytes, the reference and the table's own byte, with room.
        self.seen_memory += s.len() + 16 + 2 * std::mem::size_of::<(Box<str>, StrRef)>();
        self.seen.insert(s.into(), r);
        Ok(r)
    }
}

fn to_u32(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| too_large(what))
}

fn too_large(what: &str) -> Error {
    Error::new(crate::error::ErrorKind::TooLarge(format!(
        "its {what} overflow 32-bit offsets"
    )))
}

/// Counts the keys of each layer from the keys an FST has with each flag: the first flag of
/// every FST counts the keys of its first layer; only the names FST has a second.
pub(super) fn count_keys(key_counts: &mut KeyCounts, id: FstId, [first, second]: [u64; 2]) {
    match id {
        FstId::Names => {
            key_counts.set(Layer::Folded, first);
            key_counts.set(Layer::Latin, second);
        }
        FstId::Skeleton => key_counts.set(Layer::Skeleton, first),
        FstId::Stems => key_counts.set(Layer::Stem, first),
        FstId::Tokens => key_counts.set(Layer::Token, first),
    }
}
