//! Compiling a checked lexicon into index bytes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::format::*;
use crate::error::{Error, Result};
use crate::lexicon::{Form, Lexicon, Name};
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
    let mut strings = Strings::default();
    let mut entities = Vec::with_capacity(lexicon.entities().len() * ENTITY_LEN);
    let mut labels = Vec::new();
    let mut variants = Vec::with_capacity(lexicon.name_count() * VARIANT_LEN);
    let mut cues = Vec::with_capacity(lexicon.entities().len() * CUES_LEN);
    let mut names: Vec<&Name> = Vec::with_capacity(lexicon.name_count());

    for (entity_number, entity) in lexicon.entities().iter().enumerate() {
        let entity_number = to_u32(entity_number, "entities")?;
        let first_label = to_u32(labels.len() / LABEL_LEN, "labels")?;
        for label in &entity.labels {
            put_str(&mut labels, strings.add(&label.lang)?);
            put_str(&mut labels, strings.add(&label.text)?);
        }
        let first_variant = to_u32(names.len(), "variants")?;
        for name in &entity.names {
            variants.extend_from_slice(&entity_number.to_le_bytes());
            put_str(&mut variants, strings.add_unique(&name.text)?);
            put_str(&mut variants, strings.add(&name.lang)?);
            put_str(
                &mut variants,
                strings.add(name.script.as_deref().unwrap_or(""))?,
            );
            put_str(&mut variants, strings.add(&name.source)?);
            let mut flags = 0;
            if entity.is_label(name) {
                flags |= VARIANT_IS_LABEL;
            }
            if !name.text.is_ascii() && normalize::exact(&name.text) != name.text {
                flags |= VARIANT_NOT_NFC;
            }
            variants.extend_from_slice(&[name.form.code(), flags, 0, 0]);
            names.push(name);
        }
        let variant_count = to_u32(names.len(), "variants")?;
        for words in [&entity.cues.favour, &entity.cues.exclude] {
            let folded: Vec<String> = words.iter().map(|w| crate::normalize::folded(w)).collect();
            put_str(&mut cues, strings.add_owned(folded.join("\n"))?);
        }
        put_str(&mut entities, strings.add_unique(&entity.id)?);
        put_str(
            &mut entities,
            strings.add(entity.category.as_deref().unwrap_or(""))?,
        );
        put_str(
            &mut entities,
            strings.add(entity.wikidata.as_deref().unwrap_or(""))?,
        );
        put_str(
            &mut entities,
            strings.add_owned(entity.countries.join(","))?,
        );
        entities.extend_from_slice(&first_label.to_le_bytes());
        entities.extend_from_slice(&to_u32(entity.labels.len(), "labels")?.to_le_bytes());
        entities.extend_from_slice(&first_variant.to_le_bytes());
        entities.extend_from_slice(&(variant_count - first_variant).to_le_bytes());
        let prior = (entity.prior.clamp(0.0, 1.0) * 100.0).round() as u8;
        entities.extend_from_slice(&[entity.kind.code(), prior, 0, 0]);
        entities.extend_from_slice(&entity.geonames.unwrap_or(0).to_le_bytes());
    }

    let mut sections = vec![
        (SECTION_STRINGS, strings.bytes),
        (SECTION_ENTITIES, entities),
        (SECTION_LABELS, labels),
        (SECTION_VARIANTS, variants),
        (SECTION_CUES, cues),
    ];
    for (layer, built) in STORED_LAYERS.iter().zip(layer_sections(&names)?) {
        sections.push((SECTION_FST_BASE + layer.code(), built.fst));
        sections.push((SECTION_POSTINGS_BASE + layer.code(), built.postings));
        if let Some(reversed) = built.reversed {
            sections.push((SECTION_REVERSED_LATIN, reversed));
        }
    }
    Ok(assemble(&sections))
}

/// The sections of one layer.
struct LayerBuilt {
    fst: Vec<u8>,
    postings: Vec<u8>,
    /// The FST of the keys reversed (the latin layer only).
    reversed: Option<Vec<u8>>,
}

/// For each stored layer, its FST and postings sections. Normalizing every name is most of the
/// work of a build, so the names are split between the cores, and so are the layers.
fn layer_sections(names: &[&Name]) -> Result<Vec<LayerBuilt>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(1);
    let chunk = names.len().div_ceil(threads).max(1);
    let per_chunk: Vec<[Vec<(String, u32)>; 3]> = std::thread::scope(|scope| {
        let workers: Vec<_> = names
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                scope.spawn(move || {
                    let mut keys: [Vec<(String, u32)>; 3] = Default::default();
                    for (i, name) in part.iter().enumerate() {
                        let variant = (c * chunk + i) as u32;
                        let by_layer = normalize::stored_keys(&name.text);
                        for ((layer, key), out) in
                            STORED_LAYERS.iter().zip(by_layer).zip(keys.iter_mut())
                        {
                            if is_indexed(*layer, name, &key) {
                                out.push((key, variant));
                            }
                        }
                    }
                    keys
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut by_layer: Vec<Vec<(String, u32)>> = vec![Vec::new(); STORED_LAYERS.len()];
    for chunk_keys in per_chunk {
        for (all, part) in by_layer.iter_mut().zip(chunk_keys) {
            all.extend(part);
        }
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = STORED_LAYERS
            .into_iter()
            .zip(by_layer)
            .map(|(layer, keys)| scope.spawn(move || layer_section(keys, layer == Layer::Latin)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err(Error::corrupt("a build thread failed")))
            })
            .collect()
    })
}

/// One layer's FST, mapping each key to the word offset of its postings list, and the lists;
/// with `reversed`, also the FST of the keys spelled backwards, to the same lists.
fn layer_section(mut keys: Vec<(String, u32)>, reversed: bool) -> Result<LayerBuilt> {
    keys.sort_unstable();
    keys.dedup();
    let mut fst = fst::MapBuilder::memory();
    let mut postings: Vec<u8> = Vec::with_capacity(keys.len() * 8);
    let mut backwards: Vec<(Vec<u8>, u64)> = Vec::new();
    let mut start = 0;
    while start < keys.len() {
        let key = &keys[start].0;
        let end = start + keys[start..].iter().take_while(|(k, _)| k == key).count();
        let offset = postings.len() / 4;
        postings.extend_from_slice(&to_u32(end - start, "postings")?.to_le_bytes());
        for (_, variant) in &keys[start..end] {
            postings.extend_from_slice(&variant.to_le_bytes());
        }
        fst.insert(key.as_bytes(), offset as u64)
            .map_err(|e| Error::corrupt(format!("building the FST: {e}")))?;
        if reversed {
            // Latin keys are ASCII, so reversing the bytes reverses the letters.
            backwards.push((key.bytes().rev().collect(), offset as u64));
        }
        start = end;
    }
    to_u32(postings.len() / 4, "postings")?;
    let building = |e: fst::Error| Error::corrupt(format!("building the FST: {e}"));
    let fst = fst.into_inner().map_err(building)?;
    let reversed = match reversed {
        true => {
            backwards.sort_unstable();
            let mut builder = fst::MapBuilder::memory();
            for (key, offset) in &backwards {
                builder.insert(key, *offset).map_err(building)?;
            }
            Some(builder.into_inner().map_err(building)?)
        }
        false => None,
    };
    Ok(LayerBuilt {
        fst,
        postings,
        reversed,
    })
}

/// Whether a name is stored under its `key` on `layer`. Acronyms get no skeleton: with their
/// vowels gone, short letter sequences would meet far too many words.
pub(crate) fn is_indexed(layer: Layer, name: &Name, key: &str) -> bool {
    match layer {
        Layer::Skeleton => {
            name.form != Form::Acronym && key.len() >= crate::resolve::MIN_SKELETON_LEN
        }
        _ => !key.is_empty(),
    }
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
struct Strings<'a> {
    bytes: Vec<u8>,
    seen: HashMap<Cow<'a, str>, (u32, u32)>,
}

impl<'a> Strings<'a> {
    fn add(&mut self, s: &'a str) -> Result<(u32, u32)> {
        self.add_cow(Cow::Borrowed(s))
    }

    /// Stores a string that is seldom repeated (IDs, name texts) without looking it up:
    /// hashing a million names costs more than the bytes it would save.
    fn add_unique(&mut self, s: &str) -> Result<(u32, u32)> {
        let r = (
            to_u32(self.bytes.len(), "strings")?,
            to_u32(s.len(), "strings")?,
        );
        self.bytes.extend_from_slice(s.as_bytes());
        to_u32(self.bytes.len(), "strings")?;
        Ok(r)
    }

    fn add_owned(&mut self, s: String) -> Result<(u32, u32)> {
        self.add_cow(Cow::Owned(s))
    }

    fn add_cow(&mut self, s: Cow<'a, str>) -> Result<(u32, u32)> {
        if let Some(&r) = self.seen.get(&s) {
            return Ok(r);
        }
        let r = (
            to_u32(self.bytes.len(), "strings")?,
            to_u32(s.len(), "strings")?,
        );
        self.bytes.extend_from_slice(s.as_bytes());
        to_u32(self.bytes.len(), "strings")?;
        self.seen.insert(s, r);
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
