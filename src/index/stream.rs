//! Building an index file in bounded memory, from entities that come one at a time.
//!
//! [`Builder`] writes the records and strings of each entity as it comes, keys its names in
//! batches (on a thread of their own, the batch split between the cores), and gathers the
//! keys of each FST in a [`Sorter`], which spills sorted runs to a folder beside the output
//! whenever the keys held outgrow their share of the budget. At the end the runs are merged,
//! one FST per thread, straight into the postings and the FST builders, which write to files
//! too; the sections are then copied into the index file, summed block by block as they go.
//!
//! The bytes are those [`build`](super::build) gives for the same entities: the records and
//! the layout of the postings are the same code, and a merge of sorted runs gives the order
//! of one sort (see the tests).

use std::fs::File;
use std::io::{self, BufRead, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::blocks::BLOCK_LEN;
use super::build::{backwards_key, lay_out_sorted, name_keys, Posted, Postings, Records, Shares};
use super::format::*;
use super::spill::{self, Sorter, Spill, TempDir};
use crate::error::{Error, Result};
use crate::lexicon::{Entity, Form, Lexicon};
use crate::normalize::NORMALIZER_VERSION;

/// The memory budget of a build when none is given: 1 GiB.
pub const DEFAULT_MEMORY: usize = 1 << 30;

/// Names keyed at a time.
const BATCH: usize = 1 << 15;

/// Bytes of records or postings held before they are written out.
const CHUNK: usize = 1 << 20;

/// Builds `lexicon` into an index file at `path` (written atomically) within about `memory`
/// bytes beside the lexicon itself: the same bytes as [`write_file`](super::write_file).
pub fn write_file_within(lexicon: &Lexicon, path: impl AsRef<Path>, memory: usize) -> Result<()> {
    let mut builder = Builder::new(path.as_ref(), memory)?;
    for entity in lexicon.entities() {
        builder.add(entity)?;
    }
    builder.finish()
}

/// An index file being built from entities given one at a time, in ID order.
///
/// ```
/// use canonym::{index, Index};
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("default.canonym");
/// let lexicon = canonym::default_lexicon()?;
/// let mut builder = index::Builder::new(&path, 64 << 20)?;
/// for entity in lexicon.entities() {
///     builder.add(entity)?;
/// }
/// builder.finish()?;
/// assert_eq!(std::fs::read(&path)?, index::build(&lexicon)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Builder {
    output: PathBuf,
    dir: Arc<TempDir>,
    /// The bytes the keys may take before they are spilled.
    keys_budget: usize,
    /// The bytes the backwards latin keys may take.
    backwards_budget: usize,
    records: Records,
    /// The files of the string pool and of the entity, label, variant and cue records.
    record_files: Vec<(u32, PathBuf, BufWriter<File>)>,
    /// Names not keyed yet, the first of them variant number `batch_first`.
    batch: Vec<(String, Form)>,
    batch_first: usize,
    /// The names of a batch: fewer under a small budget.
    batch_len: usize,
    /// The batch being keyed.
    keying: Option<JoinHandle<Vec<Shares>>>,
    /// The keys of each FST, in [`FstId::ALL`] order.
    sorters: Vec<Sorter<Posted>>,
    last_id: Option<String>,
    variants: usize,
}

impl Builder {
    /// A build of the index file `output`, its keys held within about `memory` bytes; its
    /// temporary files go to a folder beside `output`, removed when the build ends.
    pub fn new(output: &Path, memory: usize) -> Result<Builder> {
        // Before the work: what is at `output` must be a file to replace.
        crate::atomic::refuse_all_but_a_file(output)?;
        let dir = Arc::new(TempDir::beside(output, "build")?);
        let record_files = [
            SECTION_STRINGS,
            SECTION_ENTITIES,
            SECTION_LABELS,
            SECTION_VARIANTS,
            SECTION_CUES,
        ]
        .into_iter()
        .map(|id| {
            let (path, file) = dir.create("records")?;
            Ok((id, path, file))
        })
        .collect::<Result<_>>()?;
        Ok(Builder {
            output: output.to_path_buf(),
            keys_budget: memory / 2,
            backwards_budget: memory / 4,
            records: Records::default(),
            record_files,
            batch: Vec::new(),
            batch_first: 0,
            // A name has a few hundred bytes of keys.
            batch_len: (memory / 2 / 1024).clamp(16, BATCH),
            keying: None,
            sorters: FstId::ALL
                .iter()
                .map(|id| Sorter::new(Some(dir.clone()), id.name()))
                .collect(),
            dir,
            last_id: None,
            variants: 0,
        })
    }

    /// Adds the next entity: its ID must sort after the last one's.
    pub fn add(&mut self, entity: &Entity) -> Result<()> {
        if self
            .last_id
            .as_deref()
            .is_some_and(|last| last >= entity.id.as_str())
        {
            return Err(Error::bug(format!(
                "the entities of an index build come in ID order: {} after {}",
                entity.id,
                self.last_id.as_deref().unwrap_or_default()
            )));
        }
        self.last_id = Some(entity.id.clone());
        self.records.add(entity)?;
        if self.records.held() >= CHUNK {
            self.write_records()?;
        }
        self.variants += entity.names.len();
        if self.variants >= PostingsEntry::VARIANT_LIMIT {
            return Err(Error::new(crate::error::ErrorKind::TooLarge(
                "its variants overflow 32-bit offsets".into(),
            )));
        }
        for name in &entity.names {
            self.batch.push((name.text.clone(), name.form));
        }
        if self.batch.len() >= self.batch_len {
            self.key_batch()?;
        }
        Ok(())
    }

    /// Writes out the records held.
    fn write_records(&mut self) -> Result<()> {
        for ((_, bytes), (_, path, file)) in self
            .records
            .take_sections()
            .iter()
            .zip(&mut self.record_files)
        {
            file.write_all(bytes).map_err(|e| Error::io(path, e))?;
        }
        Ok(())
    }

    /// Hands the batch to a thread that keys it, after taking the keys of the one before.
    fn key_batch(&mut self) -> Result<()> {
        self.take_keys()?;
        let batch = std::mem::take(&mut self.batch);
        let first = self.batch_first;
        self.batch_first += batch.len();
        self.keying = Some(std::thread::spawn(move || key_names(&batch, first)));
        Ok(())
    }

    /// Takes the keys of the batch being keyed into the sorters, and spills them all when
    /// they take more than their budget.
    fn take_keys(&mut self) -> Result<()> {
        let Some(keying) = self.keying.take() else {
            return Ok(());
        };
        let shares = keying.join().map_err(|_| thread_panicked())?;
        for share in shares {
            for (sorter, keys) in self.sorters.iter_mut().zip(share) {
                for posted in keys {
                    sorter.push(posted)?;
                }
            }
        }
        let held: usize = self.sorters.iter().map(Sorter::memory).sum();
        // The strings seen take memory too, and cannot be spilled.
        if held + self.records.index_memory() > self.keys_budget {
            std::thread::scope(|scope| {
                let spills: Vec<_> = self
                    .sorters
                    .iter_mut()
                    .map(|sorter| scope.spawn(move || sorter.spill()))
                    .collect();
                spills
                    .into_iter()
                    .try_for_each(|s| s.join().map_err(|_| thread_panicked())?)
            })?;
        }
        Ok(())
    }

    /// Merges the keys into the FSTs and writes the index file.
    pub fn finish(mut self) -> Result<()> {
        if !self.batch.is_empty() {
            self.key_batch()?;
        }
        self.take_keys()?;
        self.write_records()?;
        let mut sections: Vec<(u32, Section)> = Vec::new();
        for (id, path, mut file) in std::mem::take(&mut self.record_files) {
            file.flush().map_err(|e| Error::io(&path, e))?;
            sections.push((id, Section::File(path)));
        }
        let (dir, backwards_budget) = (&self.dir, self.backwards_budget);
        let built: Vec<FstFiles> = std::thread::scope(|scope| {
            let workers: Vec<_> = std::mem::take(&mut self.sorters)
                .into_iter()
                .zip(FstId::ALL)
                .map(|(sorter, id)| {
                    scope.spawn(move || {
                        let backwards = (id == FstId::Names).then_some(backwards_budget);
                        fst_files(dir, sorter, backwards)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().map_err(|_| thread_panicked())?)
                .collect::<Result<_>>()
        })?;
        let mut key_counts = KeyCounts::default();
        for (id, files) in FstId::ALL.into_iter().zip(built) {
            super::build::count_keys(&mut key_counts, id, files.keys_flagged);
            let (fst, postings) = id.sections();
            sections.push((fst, Section::File(files.fst)));
            sections.push((postings, Section::File(files.postings)));
            if let Some(reversed) = files.reversed {
                sections.push((SECTION_REVERSED_LATIN, Section::File(reversed)));
            }
        }
        let mut counts = Vec::new();
        key_counts.write(&mut counts);
        sections.push((SECTION_KEY_COUNTS, Section::Bytes(counts)));
        assemble(&self.output, &sections)
    }
}

/// The keys of a batch of names, the first numbered `first`, split between the cores.
fn key_names(batch: &[(String, Form)], first: usize) -> Vec<Shares> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = batch.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = batch
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                scope.spawn(move || {
                    let mut shares = Shares::default();
                    for (i, (text, form)) in part.iter().enumerate() {
                        name_keys(text, *form, (first + c * chunk + i) as u32, &mut shares);
                    }
                    shares
                })
            })
            .collect();
        // A panic here is a bug; it surfaces when the batch's keys are taken.
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn thread_panicked() -> Error {
    Error::bug("a thread of the index build panicked")
}

/// A section of the file being assembled.
enum Section {
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// The files of an FST, its postings and (for the names FST) the reversed latin FST.
struct FstFiles {
    fst: PathBuf,
    postings: PathBuf,
    reversed: Option<PathBuf>,
    keys_flagged: [u64; 2],
}

/// Merges the keys of one FST into its postings and FST files; with `backwards` (a budget),
/// also the FST of its latin keys spelled backwards.
fn fst_files(
    dir: &Arc<TempDir>,
    keys: Sorter<Posted>,
    backwards: Option<usize>,
) -> Result<FstFiles> {
    let (postings_path, mut postings_file) = dir.create("postings")?;
    let (fst_path, fst_file) = dir.create("fst")?;
    let mut fst = FstWriter::new(&fst_path, fst_file)?;
    let mut reversed = backwards
        .map(|budget| Sorter::<(Vec<u8>, u64)>::new(Some(dir.clone()), "reversed").within(budget));
    let mut postings = Postings::default();
    let keys_flagged = lay_out_sorted(
        keys.sorted()?,
        &mut postings,
        |key, offset, layers, postings| {
            if let Some(sorter) = &mut reversed {
                if layers & PostingsEntry::LATIN != 0 {
                    sorter.push((backwards_key(&key), offset))?;
                }
            }
            fst.insert(key.as_bytes(), offset)?;
            if postings.bytes.len() >= CHUNK {
                take_postings(postings, &mut postings_file, &postings_path)?;
            }
            Ok(())
        },
    )?;
    take_postings(&mut postings, &mut postings_file, &postings_path)?;
    postings_file
        .flush()
        .map_err(|e| Error::io(&postings_path, e))?;
    fst.finish()?;
    let reversed = match reversed {
        Some(sorter) => {
            let (path, file) = dir.create("reversed-fst")?;
            let mut fst = FstWriter::new(&path, file)?;
            for item in sorter.sorted()? {
                let (key, offset) = item?;
                fst.insert(&key, offset)?;
            }
            fst.finish()?;
            Some(path)
        }
        None => None,
    };
    Ok(FstFiles {
        fst: fst_path,
        postings: postings_path,
        reversed,
        keys_flagged,
    })
}

fn take_postings(postings: &mut Postings, file: &mut impl Write, path: &Path) -> Result<()> {
    file.write_all(&postings.bytes)
        .map_err(|e| Error::io(path, e))?;
    postings.taken += postings.bytes.len() as u64;
    postings.bytes.clear();
    Ok(())
}

/// An FST written to a file as its keys come, in order.
struct FstWriter<'a> {
    path: &'a Path,
    builder: fst::MapBuilder<BufWriter<File>>,
}

impl<'a> FstWriter<'a> {
    fn new(path: &'a Path, file: BufWriter<File>) -> Result<FstWriter<'a>> {
        let builder = fst::MapBuilder::new(file).map_err(|e| fst_error(path, e))?;
        Ok(FstWriter { path, builder })
    }

    fn insert(&mut self, key: &[u8], value: u64) -> Result<()> {
        self.builder
            .insert(key, value)
            .map_err(|e| fst_error(self.path, e))
    }

    fn finish(self) -> Result<()> {
        let mut file = self
            .builder
            .into_inner()
            .map_err(|e| fst_error(self.path, e))?;
        file.flush().map_err(|e| Error::io(self.path, e))
    }
}

fn fst_error(path: &Path, e: fst::Error) -> Error {
    match e {
        fst::Error::Io(e) => Error::io(path, e),
        e => Error::corrupt(format!("building the FST: {e}")),
    }
}

/// Writes the index file at `output` (atomically) from its sections: the header and the
/// section table, the sections copied from their files as the block sums and the checksum
/// are computed over them, the block sums, and last the header again, now with its sums.
fn assemble(output: &Path, sections: &[(u32, Section)]) -> Result<()> {
    let lens = sections
        .iter()
        .map(|(_, section)| match section {
            Section::File(path) => std::fs::metadata(path)
                .map(|m| m.len())
                .map_err(|e| Error::io(path, e)),
            Section::Bytes(bytes) => Ok(bytes.len() as u64),
        })
        .collect::<Result<Vec<u64>>>()?;
    let table_end = (Header::LEN + (sections.len() + 1) * SectionEntry::LEN) as u64;
    let data_len: u64 = lens.iter().sum();
    let sums_len = data_len.div_ceil(BLOCK_LEN as u64) * 4;
    let total = table_end + data_len + sums_len;
    let mut header = Header {
        format: FORMAT_VERSION,
        normalizer: NORMALIZER_VERSION,
        file_len: total,
        checksum: 0,
        section_count: sections.len() as u32 + 1,
        meta_checksum: 0,
    };
    let mut table = Vec::new();
    let mut offset = table_end;
    for (id, len) in sections
        .iter()
        .map(|(id, _)| *id)
        .zip(lens.iter().copied())
        .chain([(SECTION_BLOCK_SUMS, sums_len)])
    {
        SectionEntry { id, offset, len }.write(&mut table);
        offset += len;
    }
    let head = |header: &Header| {
        let mut head = Vec::with_capacity(Header::LEN + table.len());
        header.write(&mut head);
        head.extend_from_slice(&table);
        head
    };
    crate::atomic::write_atomically_with(output, |file| {
        let failed = |e| Error::io(output, e);
        let mut out = BufWriter::with_capacity(1 << 20, &mut *file);
        out.write_all(&head(&header)).map_err(failed)?;
        let mut sums = BlockSums::default();
        let mut buffer = vec![0; 1 << 20];
        for (_, section) in sections {
            match section {
                Section::Bytes(bytes) => {
                    sums.update(bytes);
                    out.write_all(bytes).map_err(failed)?;
                }
                Section::File(path) => {
                    let mut input = File::open(path).map_err(|e| Error::io(path, e))?;
                    loop {
                        let read = input.read(&mut buffer).map_err(|e| Error::io(path, e))?;
                        if read == 0 {
                            break;
                        }
                        sums.update(&buffer[..read]);
                        out.write_all(&buffer[..read]).map_err(failed)?;
                    }
                }
            }
        }
        let (sums, mut data) = sums.finish();
        data.update(&sums);
        out.write_all(&sums).map_err(failed)?;
        out.flush().map_err(failed)?;
        drop(out);
        let unsealed = head(&header);
        header.meta_checksum = meta_checksum(&unsealed, unsealed.len(), &sums);
        // The whole file's checksum: the head but the checksum itself, then the data and
        // the sums, whose sum was kept as they were written.
        let sealed = head(&header);
        let mut whole = crc32fast::Hasher::new();
        whole.update(&sealed[..Header::CHECKSUM_AT]);
        whole.update(&sealed[Header::CHECKSUM_AT + 4..]);
        whole.combine(&data);
        header.checksum = whole.finalize();
        file.rewind().map_err(failed)?;
        file.write_all(&head(&header)).map_err(failed)
    })
}

/// The CRC-32 of each block of the data as it streams by, and of all of it.
#[derive(Default)]
struct BlockSums {
    block: crc32fast::Hasher,
    in_block: usize,
    sums: Vec<u8>,
    all: crc32fast::Hasher,
}

impl BlockSums {
    fn update(&mut self, mut bytes: &[u8]) {
        self.all.update(bytes);
        while !bytes.is_empty() {
            let take = (BLOCK_LEN - self.in_block).min(bytes.len());
            self.block.update(&bytes[..take]);
            self.in_block += take;
            bytes = &bytes[take..];
            if self.in_block == BLOCK_LEN {
                let block = std::mem::take(&mut self.block);
                self.sums.extend_from_slice(&block.finalize().to_le_bytes());
                self.in_block = 0;
            }
        }
    }

    /// The block sums, and the hasher of all the data.
    fn finish(mut self) -> (Vec<u8>, crc32fast::Hasher) {
        if self.in_block > 0 {
            self.sums
                .extend_from_slice(&self.block.finalize().to_le_bytes());
        }
        (self.sums, self.all)
    }
}

impl Spill for Posted {
    fn memory(&self) -> usize {
        std::mem::size_of::<Self>() + spill::heap(self.0.capacity())
    }

    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        spill::write_bytes(out, self.0.as_bytes())?;
        out.write_all(&self.1.word().to_le_bytes())
    }

    fn read_from(input: &mut impl BufRead) -> io::Result<Option<Self>> {
        let Some(bytes) = spill::read_bytes(input)? else {
            return Ok(None);
        };
        let key = String::from_utf8(bytes)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "a key is not UTF-8"))?;
        let word = spill::read_u32(input)?;
        Ok(Some((key, PostingsEntry::from_word(word))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded lexicon, built with budgets that spill every few names, gives the bytes
    /// of the build in memory.
    #[test]
    fn a_build_in_runs_gives_the_bytes_of_one_in_memory() {
        let lexicon = crate::default_lexicon().unwrap();
        let expected = super::super::build(&lexicon).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.canonym");
        for (memory, files) in [
            (DEFAULT_MEMORY, 5..6),
            (64 << 10, 100..5000),
            (2 << 10, 500..100_000),
        ] {
            let mut builder = Builder::new(&path, memory).unwrap();
            for entity in lexicon.entities() {
                builder.add(entity).unwrap();
            }
            let made = builder.dir.files_made();
            builder.finish().unwrap();
            // Five record files; the rest are runs.
            assert!(files.contains(&made), "memory {memory}: {made} files");
            let built = std::fs::read(&path).unwrap();
            assert!(built == expected, "memory {memory}: the bytes differ");
            let left: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(left, ["default.canonym"], "no temporary file is left");
        }
    }

    #[test]
    fn entities_out_of_order_are_an_error_and_leave_nothing() {
        let lexicon = crate::default_lexicon().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.canonym");
        let mut builder = Builder::new(&path, DEFAULT_MEMORY).unwrap();
        let [a, b, ..] = lexicon.entities() else {
            panic!("the default lexicon has entities");
        };
        builder.add(b).unwrap();
        assert!(builder.add(a).is_err());
        drop(builder);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/x.canonym");
        assert!(Builder::new(&path, DEFAULT_MEMORY).is_err());
    }
}
