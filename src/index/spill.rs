//! Sorting more than memory holds: items are gathered up to a budget, sorted, and spilled to
//! a file as a sorted run; the runs are merged back, k ways, into one sorted stream. What
//! fits the budget is never written at all.
//!
//! The runs live in a [`TempDir`] beside the file being built (the same disk, so the space
//! it needs is where the output goes), removed when the build ends, whether it succeeded or
//! not. A failed write or read (a full disk) is an error, never a panic.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};

/// The most runs merged at once: more are merged in rounds, so that a tiny budget never
/// opens thousands of files.
const FAN_IN: usize = 64;

/// An item that can be spilled to a run file and read back.
pub(crate) trait Spill: Ord + Sized {
    /// About how many bytes it takes in memory, its heap included.
    fn memory(&self) -> usize;
    /// Writes its bytes.
    fn write_to(&self, out: &mut impl Write) -> io::Result<()>;
    /// Reads the next item written by `write_to`; `None` at the end of the run.
    fn read_from(input: &mut impl BufRead) -> io::Result<Option<Self>>;
}

/// A folder for the temporary files of one build, removed with everything in it when
/// dropped.
#[derive(Debug)]
pub(crate) struct TempDir {
    path: PathBuf,
    files: AtomicUsize,
}

impl TempDir {
    /// A new folder beside `output`, named after it and `what` it is for.
    pub(crate) fn beside(output: &Path, what: &str) -> Result<TempDir> {
        let name = output
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let folder = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let path = folder.join(format!(".{name}.{}.{what}", std::process::id()));
        // A folder left by a killed build of the same process id is stale.
        let _ = fs::remove_dir_all(&path);
        fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
        Ok(TempDir {
            path,
            files: AtomicUsize::new(0),
        })
    }

    /// A new file in the folder, open for writing, and its path.
    pub(crate) fn create(&self, what: &str) -> Result<(PathBuf, BufWriter<File>)> {
        let n = self.files.fetch_add(1, Ordering::Relaxed);
        let path = self.path.join(format!("{n:05}-{what}"));
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        Ok((path, BufWriter::with_capacity(1 << 20, file)))
    }
}

impl TempDir {
    /// How many files were made in it.
    #[cfg(test)]
    pub(crate) fn files_made(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// Items gathered, sorted and spilled as runs when they outgrow their budget, or when
/// `spill` is called.
pub(crate) struct Sorter<T> {
    items: Vec<T>,
    memory: usize,
    budget: usize,
    /// Where runs go; without one, everything stays in memory.
    dir: Option<Arc<TempDir>>,
    what: &'static str,
    runs: Vec<PathBuf>,
}

impl<T: Spill> Sorter<T> {
    /// A sorter spilling into `dir` (its files named after `what`), or never without one.
    pub(crate) fn new(dir: Option<Arc<TempDir>>, what: &'static str) -> Sorter<T> {
        Sorter {
            items: Vec::new(),
            memory: 0,
            budget: usize::MAX,
            dir,
            what,
            runs: Vec::new(),
        }
    }

    /// The sorter spilling whenever its items take more than `budget` bytes (without a
    /// budget, only when `spill` is called).
    pub(crate) fn within(self, budget: usize) -> Sorter<T> {
        Sorter { budget, ..self }
    }

    pub(crate) fn push(&mut self, item: T) -> Result<()> {
        self.memory += item.memory();
        self.items.push(item);
        if self.memory() > self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// The memory its items take, about.
    pub(crate) fn memory(&self) -> usize {
        self.memory + self.items.capacity() * std::mem::size_of::<T>()
    }

    /// Sorts the items held and writes them out as a run, freeing their memory (nothing
    /// without a folder).
    pub(crate) fn spill(&mut self) -> Result<()> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        if self.items.is_empty() {
            return Ok(());
        }
        self.items.sort_unstable();
        let run = write_run(dir, self.what, &self.items)?;
        // The room stays, for the next run: growing it again would copy every item.
        self.items.clear();
        self.memory = 0;
        self.runs.push(run);
        Ok(())
    }

    /// Every item pushed, in order: the runs merged with what is still in memory.
    pub(crate) fn sorted(mut self) -> Result<Merged<T>> {
        self.items.sort_unstable();
        let (Some(dir), false) = (&self.dir, self.runs.is_empty()) else {
            return Ok(Merged::new(Vec::new(), self.items));
        };
        // Merge in rounds until few enough runs are left for one last merge.
        while self.runs.len() > FAN_IN {
            let round: Vec<PathBuf> = self.runs.drain(..FAN_IN).collect();
            let merged: Merged<T> = Merged::new(open_runs(&round)?, Vec::new());
            let (path, mut out) = dir.create(self.what)?;
            for item in merged {
                item?.write_to(&mut out).map_err(|e| Error::io(&path, e))?;
            }
            out.flush().map_err(|e| Error::io(&path, e))?;
            remove(&round);
            self.runs.push(path);
        }
        let runs = open_runs(&self.runs)?;
        // The files stay open, the names go: nothing is left behind on disk but what is read.
        remove(&self.runs);
        Ok(Merged::new(runs, std::mem::take(&mut self.items)))
    }
}

fn write_run<T: Spill>(dir: &TempDir, what: &str, items: &[T]) -> Result<PathBuf> {
    let (path, mut out) = dir.create(what)?;
    let written = items
        .iter()
        .try_for_each(|item| item.write_to(&mut out))
        .and_then(|()| out.flush());
    written.map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

fn remove(paths: &[PathBuf]) {
    for path in paths {
        let _ = fs::remove_file(path);
    }
}

/// A run being read back.
struct Run {
    path: PathBuf,
    input: BufReader<File>,
}

fn open_runs(paths: &[PathBuf]) -> Result<Vec<Run>> {
    paths
        .iter()
        .map(|path| {
            let file = File::open(path).map_err(|e| Error::io(path, e))?;
            Ok(Run {
                path: path.clone(),
                input: BufReader::with_capacity(1 << 16, file),
            })
        })
        .collect()
}

/// The items of several sorted runs, and of one sorted list in memory, in order.
pub(crate) struct Merged<T> {
    runs: Vec<Run>,
    /// The head of each run (and of the list in memory, numbered after the runs).
    heads: BinaryHeap<Reverse<(T, usize)>>,
    memory: std::vec::IntoIter<T>,
    /// A read error, given once in place of the rest.
    failed: Option<Error>,
}

impl<T: Spill> Merged<T> {
    fn new(runs: Vec<Run>, memory: Vec<T>) -> Merged<T> {
        let mut merged = Merged {
            heads: BinaryHeap::with_capacity(runs.len() + 1),
            runs,
            memory: memory.into_iter(),
            failed: None,
        };
        for source in 0..=merged.runs.len() {
            merged.refill(source);
        }
        merged
    }

    /// Reads the next item of `source` into the heads.
    fn refill(&mut self, source: usize) {
        let next = match self.runs.get_mut(source) {
            Some(run) => T::read_from(&mut run.input).map_err(|e| Error::io(&run.path, e)),
            None => Ok(self.memory.next()),
        };
        match next {
            Ok(Some(item)) => self.heads.push(Reverse((item, source))),
            Ok(None) => {}
            Err(e) => self.failed = Some(e),
        }
    }
}

impl<T: Spill> Iterator for Merged<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        if let Some(e) = self.failed.take() {
            self.heads.clear();
            return Some(Err(e));
        }
        let Reverse((item, source)) = self.heads.pop()?;
        self.refill(source);
        Some(Ok(item))
    }
}

/// Writes a length-prefixed byte string.
pub(crate) fn write_bytes(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "an item over 4 GB"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(bytes)
}

/// Reads a byte string written by [`write_bytes`]; `None` at the end of the input.
pub(crate) fn read_bytes(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    if input.fill_buf()?.is_empty() {
        return Ok(None);
    }
    let len = read_u32(input)? as usize;
    let mut bytes = vec![0; len];
    input.read_exact(&mut bytes)?;
    Ok(Some(bytes))
}

pub(crate) fn read_u32(input: &mut impl Read) -> io::Result<u32> {
    let mut word = [0; 4];
    input.read_exact(&mut word)?;
    Ok(u32::from_le_bytes(word))
}

/// The heap bytes of a vector or string and what an allocation costs beside them.
pub(crate) fn heap(capacity: usize) -> usize {
    capacity + 16
}

impl Spill for (Vec<u8>, u64) {
    fn memory(&self) -> usize {
        std::mem::size_of::<Self>() + heap(self.0.capacity())
    }

    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        write_bytes(out, &self.0)?;
        out.write_all(&self.1.to_le_bytes())
    }

    fn read_from(input: &mut impl BufRead) -> io::Result<Option<Self>> {
        let Some(bytes) = read_bytes(input)? else {
            return Ok(None);
        };
        let mut value = [0; 8];
        input.read_exact(&mut value)?;
        Ok(Some((bytes, u64::from_le_bytes(value))))
    }
}

impl Spill for (Vec<u8>, Vec<u8>) {
    fn memory(&self) -> usize {
        std::mem::size_of::<Self>() + heap(self.0.capacity()) + heap(self.1.capacity())
    }

    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        write_bytes(out, &self.0)?;
        write_bytes(out, &self.1)
    }

    fn read_from(input: &mut impl BufRead) -> io::Result<Option<Self>> {
        let Some(key) = read_bytes(input)? else {
            return Ok(None);
        };
        let value = read_bytes(input)?.ok_or_else(|| {
            io::Error::new(io::ErrorKind::UnexpectedEof, "a run ends inside an item")
        })?;
        Ok(Some((key, value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted_through(items: &[(Vec<u8>, u64)], budget: usize) -> (Vec<(Vec<u8>, u64)>, usize) {
        let root = tempfile::tempdir().unwrap();
        let dir = Arc::new(TempDir::beside(&root.path().join("out"), "test").unwrap());
        let mut sorter = Sorter::new(Some(dir.clone()), "test").within(budget);
        for item in items {
            sorter.push(item.clone()).unwrap();
        }
        let runs = sorter.runs.len();
        let out = sorter
            .sorted()
            .unwrap()
            .collect::<Result<Vec<_>>>()
            .unwrap();
        drop(dir);
        let left: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
        assert!(left.is_empty(), "the folder is removed: {left:?}");
        (out, runs)
    }

    #[test]
    fn runs_merge_into_the_order_of_one_sort() {
        // Deterministic pseudo-random keys, with repeats.
        let mut x = 12345u64;
        let items: Vec<(Vec<u8>, u64)> = (0..5000)
            .map(|i| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (format!("{}", x >> 50).into_bytes(), i % 7)
            })
            .collect();
        let mut expected = items.clone();
        expected.sort_unstable();
        for budget in [usize::MAX, 100_000, 2_000, 1] {
            let (out, runs) = sorted_through(&items, budget);
            assert_eq!(out, expected, "budget {budget}");
            if budget == 1 {
                assert!(runs > FAN_IN, "merged in rounds: {runs} runs");
            }
        }
    }

    #[test]
    fn a_cut_run_is_an_error() {
        let mut bytes = Vec::new();
        (b"key".to_vec(), b"value".to_vec())
            .write_to(&mut bytes)
            .unwrap();
        bytes.truncate(bytes.len() - 2);
        let read = <(Vec<u8>, Vec<u8>)>::read_from(&mut &bytes[..]);
        assert!(read.is_err());
    }
}
