//! Compiling a checked lexicon into index bytes.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::format::*;
use crate::error::{Error, Result};
use crate::lexicon::{Form, Lexicon, Name};
use crate::normalize::{Layer, NORMALIZER_VERSION};

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
    let mut strings = Strings::default();
    let mut entities = Vec::with_capacity(lexicon.entities().len() * ENTITY_LEN);
    let mut labels = Vec::new();
    let mut variants = Vec::with_capacity(lexicon.name_count() * VARIANT_LEN);
    let mut cues = Vec::with_capacity(lexicon.entities().len() * CUES_LEN);
    let mut keys: Vec<BTreeMap<String, Vec<u32>>> = vec![BTreeMap::new(); Layer::KEYED.len()];

    let mut variant_count = 0u32;
    for (entity_number, entity) in lexicon.entities().iter().enumerate() {
        let entity_number = to_u32(entity_number, "entities")?;
        let first_label = to_u32(labels.len() / LABEL_LEN, "labels")?;
        for label in &entity.labels {
            put_str(&mut labels, strings.add(&label.lang)?);
            put_str(&mut labels, strings.add(&label.text)?);
        }
        let first_variant = variant_count;
        for name in &entity.names {
            variants.extend_from_slice(&entity_number.to_le_bytes());
            put_str(&mut variants, strings.add(&name.text)?);
            put_str(&mut variants, strings.add(&name.lang)?);
            put_str(
                &mut variants,
                strings.add(name.script.as_deref().unwrap_or(""))?,
            );
            put_str(&mut variants, strings.add(&name.source)?);
            let flags = if entity.is_label(name) {
                VARIANT_IS_LABEL
            } else {
                0
            };
            variants.extend_from_slice(&[name.form.code(), flags, 0, 0]);
            for (&layer, layer_keys) in Layer::KEYED.iter().zip(keys.iter_mut()) {
                if let Some(key) = index_key(layer, name) {
                    layer_keys.entry(key).or_default().push(variant_count);
                }
            }
            variant_count = variant_count
                .checked_add(1)
                .ok_or_else(|| too_large("variants"))?;
        }
        for words in [&entity.cues.favour, &entity.cues.exclude] {
            let folded: Vec<String> = words.iter().map(|w| crate::normalize::folded(w)).collect();
            put_str(&mut cues, strings.add(&folded.join("\n"))?);
        }
        put_str(&mut entities, strings.add(&entity.id)?);
        put_str(
            &mut entities,
            strings.add(entity.category.as_deref().unwrap_or(""))?,
        );
        put_str(
            &mut entities,
            strings.add(entity.wikidata.as_deref().unwrap_or(""))?,
        );
        put_str(&mut entities, strings.add(&entity.countries.join(","))?);
        entities.extend_from_slice(&first_label.to_le_bytes());
        entities.extend_from_slice(&to_u32(entity.labels.len(), "labels")?.to_le_bytes());
        entities.extend_from_slice(&first_variant.to_le_bytes());
        entities.extend_from_slice(&(variant_count - first_variant).to_le_bytes());
        let prior = (entity.prior.clamp(0.0, 1.0) * 100.0).round() as u8;
        entities.extend_from_slice(&[entity.kind.code(), prior, 0, 0]);
        entities.extend_from_slice(&entity.geonames.unwrap_or(0).to_le_bytes());
    }

    let mut postings: Vec<u8> = Vec::new();
    let mut sections = vec![
        (SECTION_STRINGS, strings.bytes),
        (SECTION_ENTITIES, entities),
        (SECTION_LABELS, labels),
        (SECTION_VARIANTS, variants),
        (SECTION_CUES, cues),
    ];
    let mut fsts = Vec::new();
    for (layer, layer_keys) in Layer::KEYED.iter().zip(keys) {
        let mut fst = fst::MapBuilder::memory();
        for (key, mut list) in layer_keys {
            list.dedup();
            let offset = postings.len() / 4;
            postings.extend_from_slice(&to_u32(list.len(), "postings")?.to_le_bytes());
            for variant in list {
                postings.extend_from_slice(&variant.to_le_bytes());
            }
            fst.insert(key.as_bytes(), offset as u64)
                .map_err(|e| Error::corrupt(format!("building the FST: {e}")))?;
        }
        let bytes = fst
            .into_inner()
            .map_err(|e| Error::corrupt(format!("building the FST: {e}")))?;
        fsts.push((SECTION_FST_BASE + layer.code(), bytes));
    }
    to_u32(postings.len() / 4, "postings")?;
    sections.push((SECTION_POSTINGS, postings));
    sections.extend(fsts);
    Ok(assemble(&sections))
}

/// The key a name is stored under on `layer`, if any. Acronyms get no skeleton: with their
/// vowels gone, short letter sequences would meet far too many words.
fn index_key(layer: Layer, name: &Name) -> Option<String> {
    if layer == Layer::Skeleton && name.form == Form::Acronym {
        return None;
    }
    let key = layer.key(&name.text);
    let long_enough = match layer {
        Layer::Skeleton => key.len() >= crate::resolve::MIN_SKELETON_LEN,
        _ => !key.is_empty(),
    };
    long_enough.then_some(key)
}

/// Builds `lexicon` and writes the index to `path` atomically: the bytes go to a temporary
/// file beside it, which is renamed over `path` only when complete, so a failed build leaves
/// no half-written index.
pub fn write_file(lexicon: &Lexicon, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let bytes = build(lexicon)?;
    let temp = temp_path(path);
    let written = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(err) = written {
        let _ = fs::remove_file(&temp);
        return Err(Error::io(path, err));
    }
    Ok(())
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Lays out header, section table and sections, then seals the file with its checksum.
fn assemble(sections: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let table_len = sections.len() * SECTION_ENTRY_LEN;
    let total = HEADER_LEN + table_len + sections.iter().map(|(_, s)| s.len()).sum::<usize>();
    let mut file = Vec::with_capacity(total);
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    file.extend_from_slice(&NORMALIZER_VERSION.to_le_bytes());
    file.extend_from_slice(&(total as u64).to_le_bytes());
    file.extend_from_slice(&0u32.to_le_bytes()); // checksum, filled in below
    file.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    file.extend_from_slice(&0u64.to_le_bytes());
    let mut offset = HEADER_LEN + table_len;
    for (id, bytes) in sections {
        file.extend_from_slice(&id.to_le_bytes());
        file.extend_from_slice(&0u32.to_le_bytes());
        file.extend_from_slice(&(offset as u64).to_le_bytes());
        file.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        offset += bytes.len();
    }
    for (_, bytes) in sections {
        file.extend_from_slice(bytes);
    }
    let sum = checksum(&file);
    file[CHECKSUM_AT..CHECKSUM_AT + 4].copy_from_slice(&sum.to_le_bytes());
    file
}

/// The string pool: each distinct string stored once, in order of first use.
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    seen: HashMap<String, (u32, u32)>,
}

impl Strings {
    fn add(&mut self, s: &str) -> Result<(u32, u32)> {
        if let Some(&r) = self.seen.get(s) {
            return Ok(r);
        }
        let r = (
            to_u32(self.bytes.len(), "strings")?,
            to_u32(s.len(), "strings")?,
        );
        self.bytes.extend_from_slice(s.as_bytes());
        to_u32(self.bytes.len(), "strings")?;
        self.seen.insert(s.to_string(), r);
        Ok(r)
    }
}

fn put_str(out: &mut Vec<u8>, (offset, len): (u32, u32)) {
    out.extend_from_slice(&offset.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
}

fn to_u32(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| too_large(what))
}

fn too_large(what: &str) -> Error {
    Error::new(crate::error::ErrorKind::TooLarge(format!(
        "its {what} overflow 32-bit offsets"
    )))
}
