//! The byte layout of an index file: every record as a type with its length, its `write` and
//! a bounds-checked `read`, shared by the writer, the reader and `verify`. No other module
//! knows an offset.
//!
//! All integers are little-endian. The file is a fixed [`Header`], a section table of
//! [`SectionEntry`]s, and the sections they point at:
//!
//! ```text
//! 0   magic              8 bytes  "CANONYM\0"
//! 8   format version     u32
//! 12  normalizer version u32
//! 16  file length        u64      catches truncation without reading the file
//! 24  checksum           u32      CRC-32 of every byte of the file but these four
//! 28  section count      u32
//! 32  meta checksum      u32      CRC-32 of the header (but its two checksums), the section
//!                                 table and the block sums section
//! 36  reserved           u32      zero
//! 40  section table      section count x (id u32, reserved u32, offset u64, length u64)
//! ```
//!
//! Sections: a string pool; fixed-size records for entities ([`EntityRecord`]), labels
//! ([`LabelRecord`]), variants ([`VariantRecord`]) and cues ([`CuesRecord`]), which refer to
//! strings by [`StrRef`]; two FSTs, each mapping keys to the word offset of their postings
//! list in its own postings section, whose u32 words are lists: a count followed by that many
//! [`PostingsEntry`]s, ascending. The *names* FST holds the folded and the latin keys together
//! (an entry says on which of the two layers the key is the variant's), the *skeleton* FST the
//! skeleton keys. The exact layer has no keys: exact matches are found through the folded
//! layer. One more FST holds the latin keys spelled backwards, with the names FST's postings
//! offsets, for the fuzzy search from the end of a query; a section counts the keys of
//! each layer. Readers skip sections they do not know, so sections can be added.
//!
//! The last section holds the block sums: the CRC-32 of each block of 16 KiB of the bytes
//! from the end of the section table to the block sums (see the `blocks` module). A reader
//! checks the meta checksum at open, and each block of strings, records and postings the
//! first time it reads from it; the FSTs are checked by `Index::verify` only (the `fst` crate
//! reads their nodes itself), and guarded against crafted bytes by the `untrusted` module.
//! So a damaged record or string is an error before it can be an answer, and a look-up on a
//! large index checks what it reads, not the whole file.
//!
//! The cost, measured by instructions (callgrind) of the whole CLI on the GeoNames cities500
//! index (143 MB, not verified at open; a loaded 2-core machine), format 4 against 5: one
//! look-up, `resolve --lexicon geonames.canonym Paris`, 0.96 M against 1.63 M instructions,
//! the same wall time (fastest of 30 runs 2.7 ms against 2.8-2.95 ms, `/bin/true` 0.9-1.1 ms);
//! 2,000 look-ups of random names, `resolve -`, 259.3 M against 312.9 M (+21%: random names
//! touch most of the 85 MB of records and strings, each block checked once). Once every
//! block is checked (an index verified at open, like the embedded one; 2,000 look-ups) 557.1 M
//! against 550.5 M: no cost. The file grows by 4 bytes per 16 KiB (26 kB for GeoNames).

use crate::error::{Error, Result};
use crate::lexicon::{Form, Kind};
use crate::normalize::Layer;

/// No key of an index is longer, in bytes: the keys of a name of `lexicon::MAX_NAME_LEN`
/// bytes are far shorter (a test below bounds how much normalizing lengthens a text). A walk of an FST's keys that goes deeper is walking damaged bytes.
pub(crate) const MAX_KEY_LEN: usize = 1 << 16;
pub(crate) const MAGIC: &[u8; 8] = b"CANONYM\0";
/// Bump on any change to the layout; readers refuse other versions.
pub(crate) const FORMAT_VERSION: u32 = 5;

pub(crate) const SECTION_STRINGS: u32 = 1;
pub(crate) const SECTION_ENTITIES: u32 = 2;
pub(crate) const SECTION_LABELS: u32 = 3;
pub(crate) const SECTION_VARIANTS: u32 = 4;
pub(crate) const SECTION_CUES: u32 = 6;
/// The latin keys spelled backwards, each mapped to the same postings list as in the names
/// FST: what the fuzzy search walks to match a query from its end.
pub(crate) const SECTION_REVERSED_LATIN: u32 = 7;
/// How many distinct keys each layer has: a [`KeyCounts`] record.
pub(crate) const SECTION_KEY_COUNTS: u32 = 8;
/// The CRC-32 of each block of the other sections; the last section of the file.
pub(crate) const SECTION_BLOCK_SUMS: u32 = 9;
/// The names FST (folded and latin keys) and its postings.
pub(crate) const SECTION_NAMES_FST: u32 = 0x100 + layer_code(Layer::Folded);
pub(crate) const SECTION_NAMES_POSTINGS: u32 = 0x200 + layer_code(Layer::Folded);
/// The skeleton FST and its postings.
pub(crate) const SECTION_SKELETON_FST: u32 = 0x100 + layer_code(Layer::Skeleton);
pub(crate) const SECTION_SKELETON_POSTINGS: u32 = 0x200 + layer_code(Layer::Skeleton);
/// The stem FST and its postings: the stem keys that differ from the folded keys.
pub(crate) const SECTION_STEMS_FST: u32 = 0x100 + layer_code(Layer::Stem);
pub(crate) const SECTION_STEMS_POSTINGS: u32 = 0x200 + layer_code(Layer::Stem);
/// The token FST and its postings: each word of a name's latin key.
pub(crate) const SECTION_TOKENS_FST: u32 = 0x100 + layer_code(Layer::Token);
pub(crate) const SECTION_TOKENS_POSTINGS: u32 = 0x200 + layer_code(Layer::Token);

/// A layer's number in the file (in the key counts, and in the ids of its sections). Pinned
/// by a test: changing one changes every file.
pub(crate) const fn layer_code(layer: Layer) -> u32 {
    match layer {
        Layer::Exact => 0,
        Layer::Folded => 1,
        Layer::Latin => 2,
        Layer::Skeleton => 3,
        Layer::Fuzzy => 4,
        Layer::Stem => 5,
        Layer::Token => 6,
    }
}

/// A kind's byte in an [`EntityRecord`]. Pinned by a test.
pub(crate) const fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Group => 0,
        Kind::Organization => 1,
        Kind::Place => 2,
        Kind::Person => 3,
    }
}

fn kind_of_code(code: u8) -> Option<Kind> {
    [Kind::Group, Kind::Organization, Kind::Place, Kind::Person]
        .into_iter()
        .find(|&k| kind_code(k) == code)
}

/// A form's byte in a [`VariantRecord`]. Pinned by a test.
pub(crate) const fn form_code(form: Form) -> u8 {
    match form {
        Form::Full => 0,
        Form::Acronym => 1,
        Form::Short => 2,
        Form::Transliteration => 3,
        Form::Former => 4,
        Form::Misspelling => 5,
        Form::Description => 6,
    }
}

fn form_of_code(code: u8) -> Option<Form> {
    Form::ALL.iter().copied().find(|&f| form_code(f) == code)
}

/// A record of fixed length.
pub(crate) trait Record: Sized {
    /// Its length in bytes.
    const LEN: usize;
    /// Appends its bytes to `out`.
    fn write(&self, out: &mut Vec<u8>);
    /// Reads it from the start of `bytes`: an error when they are too short or hold a value
    /// that no writer writes.
    fn read(bytes: &[u8]) -> Result<Self>;
}

/// Reads the fields of a record in order, from bytes checked once to be long enough.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    /// The fields of a record of `len` bytes at the start of `bytes`: an error when they are
    /// fewer.
    fn of(bytes: &'a [u8], len: usize) -> Result<Fields<'a>> {
        bytes
            .get(..len)
            .map(Fields)
            .ok_or_else(|| Error::corrupt("a record is cut short"))
    }

    fn take<const N: usize>(&mut self) -> [u8; N] {
        match self.0.split_first_chunk::<N>() {
            Some((head, rest)) => {
                self.0 = rest;
                *head
            }
            // Never: `of` checked the length of the whole record.
            None => [0; N],
        }
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }

    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take())
    }

    fn str_ref(&mut self) -> StrRef {
        StrRef {
            offset: self.u32(),
            len: self.u32(),
        }
    }
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// The fixed start of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub format: u32,
    pub normalizer: u32,
    pub file_len: u64,
    pub checksum: u32,
    pub section_count: u32,
    pub meta_checksum: u32,
}

impl Header {
    /// Where the checksum lies, which the checksum skips.
    pub(crate) const CHECKSUM_AT: usize = 24;
    /// Where the meta checksum lies, which the meta checksum skips.
    pub(crate) const META_CHECKSUM_AT: usize = 32;

    /// Whether `bytes` start with the magic number.
    pub(crate) fn has_magic(bytes: &[u8]) -> bool {
        bytes.starts_with(MAGIC)
    }
}

impl Record for Header {
    const LEN: usize = 40;

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        put_u32(out, self.format);
        put_u32(out, self.normalizer);
        put_u64(out, self.file_len);
        put_u32(out, self.checksum);
        put_u32(out, self.section_count);
        put_u32(out, self.meta_checksum);
        put_u32(out, 0);
    }

    fn read(bytes: &[u8]) -> Result<Header> {
        let mut fields = Fields::of(
            bytes.get(MAGIC.len()..).unwrap_or_default(),
            Self::LEN - MAGIC.len(),
        )?;
        let header = Header {
            format: fields.u32(),
            normalizer: fields.u32(),
            file_len: fields.u64(),
            checksum: fields.u32(),
            section_count: fields.u32(),
            meta_checksum: fields.u32(),
        };
        fields.u32();
        Ok(header)
    }
}

/// Where a section lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SectionEntry {
    pub id: u32,
    pub offset: u64,
    pub len: u64,
}

impl Record for SectionEntry {
    const LEN: usize = 24;

    fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.id);
        put_u32(out, 0);
        put_u64(out, self.offset);
        put_u64(out, self.len);
    }

    fn read(bytes: &[u8]) -> Result<SectionEntry> {
        let mut fields = Fields::of(bytes, Self::LEN)?;
        let id = fields.u32();
        fields.u32();
        Ok(SectionEntry {
            id,
            offset: fields.u64(),
            len: fields.u64(),
        })
    }
}

/// A string of the pool: its offset and length in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct StrRef {
    pub offset: u32,
    pub len: u32,
}

impl StrRef {
    fn write(self, out: &mut Vec<u8>) {
        put_u32(out, self.offset);
        put_u32(out, self.len);
    }
}

/// An entity: its strings, where its labels and variants are, its kind, prior and GeoNames ID.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct EntityRecord {
    pub id: StrRef,
    /// Empty when none.
    pub category: StrRef,
    /// Empty when none.
    pub wikidata: StrRef,
    /// ISO 3166-1 codes joined by commas.
    pub countries: StrRef,
    pub first_label: u32,
    pub label_count: u32,
    pub first_variant: u32,
    pub variant_count: u32,
    pub kind: Kind,
    /// In percent, 0 to 100.
    pub prior: u8,
    /// 0 for none.
    pub geonames: u32,
}

impl Record for EntityRecord {
    const LEN: usize = 56;

    fn write(&self, out: &mut Vec<u8>) {
        for s in [self.id, self.category, self.wikidata, self.countries] {
            s.write(out);
        }
        for n in [
            self.first_label,
            self.label_count,
            self.first_variant,
            self.variant_count,
        ] {
            put_u32(out, n);
        }
        out.extend_from_slice(&[kind_code(self.kind), self.prior, 0, 0]);
        put_u32(out, self.geonames);
    }

    fn read(bytes: &[u8]) -> Result<EntityRecord> {
        let mut f = Fields::of(bytes, Self::LEN)?;
        let (id, category, wikidata, countries) =
            (f.str_ref(), f.str_ref(), f.str_ref(), f.str_ref());
        let (first_label, label_count, first_variant, variant_count) =
            (f.u32(), f.u32(), f.u32(), f.u32());
        let [kind, prior, _, _] = f.take::<4>();
        Ok(EntityRecord {
            id,
            category,
            wikidata,
            countries,
            first_label,
            label_count,
            first_variant,
            variant_count,
            kind: kind_of_code(kind)
                .ok_or_else(|| Error::corrupt("an entity has an unknown kind"))?,
            prior,
            geonames: f.u32(),
        })
    }
}

/// A preferred label: language and text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LabelRecord {
    pub lang: StrRef,
    pub text: StrRef,
}

impl Record for LabelRecord {
    const LEN: usize = 16;

    fn write(&self, out: &mut Vec<u8>) {
        self.lang.write(out);
        self.text.write(out);
    }

    fn read(bytes: &[u8]) -> Result<LabelRecord> {
        let mut f = Fields::of(bytes, Self::LEN)?;
        Ok(LabelRecord {
            lang: f.str_ref(),
            text: f.str_ref(),
        })
    }
}

/// A variant (a name of an entity).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct VariantRecord {
    /// The number of the entity it names.
    pub entity: u32,
    pub text: StrRef,
    pub lang: StrRef,
    /// Empty when Latin.
    pub script: StrRef,
    pub source: StrRef,
    pub form: Form,
    /// It is a preferred label of its entity.
    pub is_label: bool,
    /// Its text is not in NFC, so its exact key is not its text.
    pub not_nfc: bool,
}

impl VariantRecord {
    const IS_LABEL: u8 = 1;
    const NOT_NFC: u8 = 2;
}

impl Record for VariantRecord {
    const LEN: usize = 40;

    fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.entity);
        for s in [self.text, self.lang, self.script, self.source] {
            s.write(out);
        }
        let mut flags = 0;
        if self.is_label {
            flags |= Self::IS_LABEL;
        }
        if self.not_nfc {
            flags |= Self::NOT_NFC;
        }
        out.extend_from_slice(&[form_code(self.form), flags, 0, 0]);
    }

    fn read(bytes: &[u8]) -> Result<VariantRecord> {
        let mut f = Fields::of(bytes, Self::LEN)?;
        let entity = f.u32();
        let (text, lang, script, source) = (f.str_ref(), f.str_ref(), f.str_ref(), f.str_ref());
        let [form, flags, _, _] = f.take::<4>();
        Ok(VariantRecord {
            entity,
            text,
            lang,
            script,
            source,
            form: form_of_code(form)
                .ok_or_else(|| Error::corrupt("a variant has an unknown form"))?,
            is_label: flags & Self::IS_LABEL != 0,
            not_nfc: flags & Self::NOT_NFC != 0,
        })
    }
}

/// An entity's cue words, folded, each list one string of words joined by newlines. One per
/// entity, in entity order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CuesRecord {
    pub favour: StrRef,
    pub exclude: StrRef,
}

impl Record for CuesRecord {
    const LEN: usize = 16;

    fn write(&self, out: &mut Vec<u8>) {
        self.favour.write(out);
        self.exclude.write(out);
    }

    fn read(bytes: &[u8]) -> Result<CuesRecord> {
        let mut f = Fields::of(bytes, Self::LEN)?;
        Ok(CuesRecord {
            favour: f.str_ref(),
            exclude: f.str_ref(),
        })
    }
}

/// How many distinct keys each layer has, by [`layer_code`] (none for the exact and fuzzy
/// layers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct KeyCounts(pub [u64; 7]);

impl KeyCounts {
    pub(crate) fn get(&self, layer: Layer) -> u64 {
        self.0.get(layer_code(layer) as usize).copied().unwrap_or(0)
    }

    pub(crate) fn set(&mut self, layer: Layer, count: u64) {
        if let Some(slot) = self.0.get_mut(layer_code(layer) as usize) {
            *slot = count;
        }
    }
}

impl Record for KeyCounts {
    const LEN: usize = 56;

    fn write(&self, out: &mut Vec<u8>) {
        for n in self.0 {
            put_u64(out, n);
        }
    }

    fn read(bytes: &[u8]) -> Result<KeyCounts> {
        let mut f = Fields::of(bytes, Self::LEN)?;
        let mut counts = [0; 7];
        for count in &mut counts {
            *count = f.u64();
        }
        Ok(KeyCounts(counts))
    }
}

/// One entry of a postings list: a variant, and the layers of its FST on which the key is
/// that variant's key. In the names FST, [`PostingsEntry::FOLDED`] and
/// [`PostingsEntry::LATIN`]; in the skeleton FST, always [`PostingsEntry::FOLDED`]'s bit,
/// meaning "skeleton". Stored as one u32, `variant << 2 | layers`, so that entries sort by
/// variant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PostingsEntry(u32);

impl PostingsEntry {
    pub(crate) const FOLDED: u32 = 1;
    pub(crate) const LATIN: u32 = 2;
    const FLAG_BITS: u32 = 2;
    /// One more than the largest variant number an entry can hold.
    pub(crate) const VARIANT_LIMIT: usize = 1 << (32 - Self::FLAG_BITS);

    /// The entry of `variant` (less than [`Self::VARIANT_LIMIT`]) on `layers`.
    pub(crate) fn new(variant: u32, layers: u32) -> PostingsEntry {
        PostingsEntry(variant << Self::FLAG_BITS | layers)
    }

    pub(crate) fn word(self) -> u32 {
        self.0
    }

    /// The entry whose word is `word` (what [`Self::word`] gave).
    pub(crate) fn from_word(word: u32) -> PostingsEntry {
        PostingsEntry(word)
    }

    pub(crate) fn variant(self) -> u32 {
        self.0 >> Self::FLAG_BITS
    }

    pub(crate) fn layers(self) -> u32 {
        self.0 & ((1 << Self::FLAG_BITS) - 1)
    }
}

/// A postings section: lists of [`PostingsEntry`]s, each list a u32 count followed by that
/// many entries, addressed by the offset of its count in u32 words (what the FSTs map keys
/// to).
pub(crate) struct PostingsLists;

impl PostingsLists {
    /// Appends a list to `section` and returns its word offset. `entries` must not be empty.
    pub(crate) fn push(
        section: &mut Vec<u8>,
        entries: impl IntoIterator<Item = PostingsEntry>,
    ) -> u64 {
        let start = section.len();
        put_u32(section, 0); // the count, known once the entries are out
        let mut count = 0u32;
        for entry in entries {
            put_u32(section, entry.word());
            count += 1;
        }
        section[start..start + 4].copy_from_slice(&count.to_le_bytes());
        (start / 4) as u64
    }

    /// The number of u32 words in `section`.
    pub(crate) fn words(section: &[u8]) -> usize {
        section.len() / 4
    }

    /// Whether a section of `len` bytes is whole words.
    pub(crate) fn is_whole(len: usize) -> bool {
        len % 4 == 0
    }

    /// The list at word offset `word` of `section`: an error when it lies outside.
    pub(crate) fn read(
        section: &[u8],
        word: u64,
    ) -> Result<impl ExactSizeIterator<Item = PostingsEntry> + '_> {
        let bad = || Error::corrupt("a postings list lies outside its section");
        let start = usize::try_from(word)
            .ok()
            .and_then(|w| w.checked_mul(4))
            .ok_or_else(bad)?;
        let list = section.get(start..).ok_or_else(bad)?;
        let count = Fields::of(list, 4).map_err(|_| bad())?.u32() as usize;
        let entries = count
            .checked_mul(4)
            .and_then(|len| len.checked_add(4))
            .and_then(|end| list.get(4..end))
            .ok_or_else(bad)?;
        Ok(entries
            .chunks_exact(4)
            .map(|w| PostingsEntry(u32::from_le_bytes([w[0], w[1], w[2], w[3]]))))
    }
}

/// The FST holding `layer`'s keys, by the id of its section, and the flag its entries carry
/// for that layer. The folded and latin keys share the names FST (most latin keys are folded
/// keys too); the exact layer has none: a name's exact key has the same folded key, so the
/// exact matches of a query are those of its folded matches whose text is the query's exact
/// key, which saves the largest FST of all.
pub(crate) fn fst_of(layer: Layer) -> Option<(FstId, u32)> {
    match layer {
        Layer::Exact | Layer::Fuzzy => None,
        Layer::Folded => Some((FstId::Names, PostingsEntry::FOLDED)),
        Layer::Latin => Some((FstId::Names, PostingsEntry::LATIN)),
        Layer::Skeleton => Some((FstId::Skeleton, PostingsEntry::FOLDED)),
        Layer::Stem => Some((FstId::Stems, PostingsEntry::FOLDED)),
        Layer::Token => Some((FstId::Tokens, PostingsEntry::FOLDED)),
    }
}

/// The FSTs with postings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FstId {
    /// Folded and latin keys.
    Names,
    /// Skeleton keys.
    Skeleton,
    /// Stem keys.
    Stems,
    /// The words of the latin keys.
    Tokens,
}

impl FstId {
    pub(crate) const ALL: [FstId; 4] = [FstId::Names, FstId::Skeleton, FstId::Stems, FstId::Tokens];

    /// The ids of its FST section and of its postings section.
    pub(crate) fn sections(self) -> (u32, u32) {
        match self {
            FstId::Names => (SECTION_NAMES_FST, SECTION_NAMES_POSTINGS),
            FstId::Skeleton => (SECTION_SKELETON_FST, SECTION_SKELETON_POSTINGS),
            FstId::Stems => (SECTION_STEMS_FST, SECTION_STEMS_POSTINGS),
            FstId::Tokens => (SECTION_TOKENS_FST, SECTION_TOKENS_POSTINGS),
        }
    }

    /// The layer flags its entries may carry.
    pub(crate) fn flags(self) -> u32 {
        match self {
            FstId::Names => PostingsEntry::FOLDED | PostingsEntry::LATIN,
            FstId::Skeleton | FstId::Stems | FstId::Tokens => PostingsEntry::FOLDED,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            FstId::Names => "names",
            FstId::Skeleton => "skeleton",
            FstId::Stems => "stem",
            FstId::Tokens => "token",
        }
    }
}

/// The meta checksum of a file whose section table ends at `table_end` and whose block sums
/// are `sums`: the header but its checksums, the table and the sums.
pub(crate) fn meta_checksum(file: &[u8], table_end: usize, sums: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(file.get(..Header::CHECKSUM_AT).unwrap_or(file));
    hasher.update(
        file.get(Header::CHECKSUM_AT + 4..Header::META_CHECKSUM_AT)
            .unwrap_or_default(),
    );
    hasher.update(
        file.get(Header::META_CHECKSUM_AT + 4..table_end)
            .unwrap_or_default(),
    );
    hasher.update(sums);
    hasher.finalize()
}

/// The checksum of a whole file: every byte except the checksum field itself.
pub(crate) fn checksum(file: &[u8]) -> u32 {
    let at = Header::CHECKSUM_AT;
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(file.get(..at).unwrap_or(file));
    hasher.update(file.get(at + 4..).unwrap_or_default());
    hasher.finalize()
}

#[cfg(test)]
mod tests {

    #[test]
    fn no_name_has_a_key_longer_than_the_longest_key() {
        // How much normalizing lengthens one character, at most, over every character that
        // Unicode assigns outside the private-use planes (all are in planes 0-3 and 14): a
        // name of `MAX_NAME_LEN` bytes has no key longer than that many times its length.
        let (mut worst, mut by) = (0.0f64, ' ');
        let assigned = (0..0x40000_u32).chain(0xE0000..0xE1000);
        for c in assigned.filter_map(char::from_u32) {
            let text = c.to_string();
            let longest = crate::normalize::stored_keys(&text)
                .iter()
                .map(String::len)
                .max()
                .unwrap_or(0);
            let ratio = longest as f64 / text.len() as f64;
            if ratio > worst {
                (worst, by) = (ratio, c);
            }
        }
        let longest_key = (worst * crate::lexicon::MAX_NAME_LEN as f64).ceil() as usize;
        assert!(
            longest_key * 2 < MAX_KEY_LEN,
            "{by:?} lengthens {worst:.1}-fold: keys of up to {longest_key} bytes"
        );
    }
    use super::*;

    /// The codes are the file format: a change here is a format version bump.
    #[test]
    fn codes_are_pinned() {
        let layers: Vec<u32> = Layer::ALL.iter().map(|&l| layer_code(l)).collect();
        assert_eq!(layers, [0, 1, 2, 5, 3, 6, 4]);
        let kinds: Vec<(Kind, u8)> = Kind::ALL.iter().map(|&k| (k, kind_code(k))).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Group, 0),
                (Kind::Organization, 1),
                (Kind::Place, 2),
                (Kind::Person, 3)
            ]
        );
        let forms: Vec<(&str, u8)> = Form::ALL
            .iter()
            .map(|&f| (f.name(), form_code(f)))
            .collect();
        assert_eq!(
            forms,
            [
                ("full", 0),
                ("acronym", 1),
                ("short", 2),
                ("transliteration", 3),
                ("former", 4),
                ("misspelling", 5),
                ("description", 6)
            ]
        );
        for &form in Form::ALL {
            assert_eq!(form_of_code(form_code(form)), Some(form));
        }
        for &kind in Kind::ALL {
            assert_eq!(kind_of_code(kind_code(kind)), Some(kind));
        }
        assert_eq!(
            (SECTION_NAMES_FST, SECTION_SKELETON_POSTINGS),
            (0x101, 0x203)
        );
    }

    fn round_trip<R: Record + PartialEq + std::fmt::Debug>(record: R) {
        let mut bytes = Vec::new();
        record.write(&mut bytes);
        assert_eq!(bytes.len(), R::LEN);
        assert_eq!(R::read(&bytes).unwrap(), record);
        for cut in 0..R::LEN {
            assert!(R::read(&bytes[..cut]).is_err(), "{cut} bytes");
        }
    }

    #[test]
    fn records_round_trip_and_refuse_short_bytes() {
        let s = |offset, len| StrRef { offset, len };
        round_trip(Header {
            format: 3,
            normalizer: 4,
            file_len: 1 << 40,
            checksum: 7,
            section_count: 9,
            meta_checksum: 11,
        });
        round_trip(SectionEntry {
            id: 0x101,
            offset: 5,
            len: 6,
        });
        round_trip(EntityRecord {
            id: s(1, 2),
            category: s(3, 4),
            wikidata: s(5, 6),
            countries: s(7, 8),
            first_label: 9,
            label_count: 10,
            first_variant: 11,
            variant_count: 12,
            kind: Kind::Person,
            prior: 55,
            geonames: 2453866,
        });
        round_trip(LabelRecord {
            lang: s(1, 2),
            text: s(3, 4),
        });
        round_trip(VariantRecord {
            entity: 3,
            text: s(1, 2),
            lang: s(3, 4),
            script: s(5, 6),
            source: s(7, 8),
            form: Form::Former,
            is_label: true,
            not_nfc: true,
        });
        round_trip(CuesRecord {
            favour: s(1, 2),
            exclude: s(3, 4),
        });
        round_trip(KeyCounts([1, 2, 3, 4, 5, 6, 7]));
    }

    #[test]
    fn unknown_codes_are_errors() {
        let mut bytes = Vec::new();
        VariantRecord {
            entity: 0,
            text: StrRef::default(),
            lang: StrRef::default(),
            script: StrRef::default(),
            source: StrRef::default(),
            form: Form::Full,
            is_label: false,
            not_nfc: false,
        }
        .write(&mut bytes);
        bytes[36] = 200;
        assert!(VariantRecord::read(&bytes).is_err());
    }

    #[test]
    fn postings_entries_pack_a_variant_and_its_layers() {
        let entry = PostingsEntry::new(12345, PostingsEntry::LATIN);
        assert_eq!(
            (entry.variant(), entry.layers()),
            (12345, PostingsEntry::LATIN)
        );
        let mut section = Vec::new();
        PostingsLists::push(&mut section, [PostingsEntry::new(1, 1)]);
        let at = PostingsLists::push(&mut section, [entry, PostingsEntry::new(7, 3)]);
        let read: Vec<PostingsEntry> = PostingsLists::read(&section, at).unwrap().collect();
        assert_eq!(read, [entry, PostingsEntry::new(7, 3)]);
        assert_eq!(PostingsLists::words(&section), 5);
        assert!(PostingsLists::read(&section, 4).is_err());
        assert!(PostingsLists::read(&section, u64::MAX).is_err());
        assert!(PostingsEntry::new(3, 3) < PostingsEntry::new(4, 0));
    }
}
