//! The byte layout of an index file, shared by the writer and the reader.
//!
//! All integers are little-endian. The file is a fixed header, a section table, and the
//! sections it points at:
//!
//! ```text
//! 0   magic              8 bytes  "CANONYM\0"
//! 8   format version     u32
//! 12  normalizer version u32
//! 16  file length        u64      catches truncation without reading the file
//! 24  checksum           u32      CRC-32 of every byte of the file but these four
//! 28  section count      u32
//! 32  reserved           u64      zero
//! 40  section table      section count x (id u32, reserved u32, offset u64, length u64)
//! ```
//!
//! Sections: a string pool; fixed-size records for entities, labels, variants and cues, which
//! refer to strings by (offset u32, length u32); two FSTs, each mapping keys to the word
//! offset of their postings list in its own postings section, whose u32 words are lists: a
//! count followed by that many entries, ascending. The *names* FST holds the folded and the
//! latin keys together (an entry is a variant number and flags saying on which of the two
//! layers the key is the variant's; see [`ENTRY_FLAG_BITS`]), the *skeleton* FST the skeleton
//! keys. The exact layer has no keys: exact matches are found through the folded layer. One
//! more FST holds the latin keys spelled backwards, with the names FST's postings offsets, for
//! the fuzzy search from the end of a query; a last section counts the keys of each layer.
//! Readers skip sections they do not know, so sections can be added.

use crate::normalize::Layer;

pub(crate) const MAGIC: &[u8; 8] = b"CANONYM\0";
/// Bump on any change to the layout; readers refuse other versions.
pub(crate) const FORMAT_VERSION: u32 = 3;

pub(crate) const HEADER_LEN: usize = 40;
pub(crate) const SECTION_ENTRY_LEN: usize = 24;
pub(crate) const CHECKSUM_AT: usize = 24;

pub(crate) const SECTION_STRINGS: u32 = 1;
pub(crate) const SECTION_ENTITIES: u32 = 2;
pub(crate) const SECTION_LABELS: u32 = 3;
pub(crate) const SECTION_VARIANTS: u32 = 4;
pub(crate) const SECTION_CUES: u32 = 6;
/// The latin keys spelled backwards, each mapped to the same postings list as in the names
/// FST: what the fuzzy search walks to match a query from its end.
pub(crate) const SECTION_REVERSED_LATIN: u32 = 7;
/// How many distinct keys each layer has: a u64 per layer code (0 for the exact layer).
pub(crate) const SECTION_KEY_COUNTS: u32 = 8;
/// The FST of layer `code` is section `SECTION_FST_BASE + code`, its postings lists section
/// `SECTION_POSTINGS_BASE + code`.
pub(crate) const SECTION_FST_BASE: u32 = 0x100;
pub(crate) const SECTION_POSTINGS_BASE: u32 = 0x200;

/// Entity record: id, category, wikidata, countries (comma-joined) as string refs; first label
/// u32, label count u32, first variant u32, variant count u32; kind u8; prior u8 (percent);
/// 2 zero bytes;
/// GeoNames ID u32 (0 for none).
pub(crate) const ENTITY_LEN: usize = 56;
/// Label record: lang, text as string refs.
pub(crate) const LABEL_LEN: usize = 16;
/// Variant record: entity u32; text, lang, script, source as string refs; form u8;
/// flags u8 (bit 0: the variant is a preferred label; bit 1: its text is not in NFC, so its
/// exact key is not its text); 2 zero bytes.
pub(crate) const VARIANT_LEN: usize = 40;
pub(crate) const VARIANT_IS_LABEL: u8 = 1;
pub(crate) const VARIANT_NOT_NFC: u8 = 2;

/// The layers with keys in the index. The exact layer has none: a name's exact key has the
/// same folded key, so the exact matches of a query are those of its folded matches whose text
/// is the query's exact key, which saves the largest FST of all. The folded and latin keys
/// share one FST (most latin keys are folded keys too), the *names* FST, stored under the
/// folded layer's section ids; the skeleton keys have their own.
pub(crate) const STORED_LAYERS: [Layer; 3] = [Layer::Folded, Layer::Latin, Layer::Skeleton];

/// A postings entry is `variant << ENTRY_FLAG_BITS | flags`, the flags telling on which of
/// its FST's layers the key is the variant's key: in the names FST, [`POSTED_FOLDED`] and
/// [`POSTED_LATIN`]; in the skeleton FST, always [`POSTED_FOLDED`]'s bit, meaning "skeleton".
pub(crate) const ENTRY_FLAG_BITS: u32 = 2;
pub(crate) const POSTED_FOLDED: u32 = 1;
pub(crate) const POSTED_LATIN: u32 = 2;

/// The FST holding `layer`'s keys, and the flag its entries carry for that layer.
pub(crate) fn fst_of(layer: Layer) -> Option<(Layer, u32)> {
    match layer {
        Layer::Exact | Layer::Fuzzy => None,
        Layer::Folded => Some((Layer::Folded, POSTED_FOLDED)),
        Layer::Latin => Some((Layer::Folded, POSTED_LATIN)),
        Layer::Skeleton => Some((Layer::Skeleton, POSTED_FOLDED)),
    }
}
/// Cue record, one per entity in entity order: the folded favour words and the folded exclude
/// words, each list as one string ref of words joined by newlines.
pub(crate) const CUES_LEN: usize = 16;

/// The checksum of a whole file: every byte except the checksum field itself.
pub(crate) fn checksum(file: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&file[..CHECKSUM_AT]);
    hasher.update(&file[CHECKSUM_AT + 4..]);
    hasher.finalize()
}
