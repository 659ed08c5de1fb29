//! Writing a file so that it is either wholly new or as it was, and a set of new files into a
//! folder so that all of them are there or none: no reader, and no crash, ever sees half.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder (a rename
/// is atomic only within one file system), flushed to disk, renamed over `path`, and the
/// folder flushed so that the rename itself survives a crash. On failure the temporary file
/// is removed and `path` is as it was. What is at `path` already must be a regular file: a
/// symbolic link, a device or a FIFO is refused rather than replaced by a file.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out.txt");
/// canonym::write_atomically(&path, b"new")?;
/// assert_eq!(std::fs::read(&path)?, b"new");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    refuse_all_but_a_file(path)?;
    let temp = temp_path(path);
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        sync_folder(path)
    })();
    if let Err(err) = written {
        let _ = fs::remove_file(&temp);
        return Err(Error::io(path, err));
    }
    Ok(())
}

/// Writes the file at `path` atomically, as [`write_atomically`] does, with its bytes
/// written by `write` into the temporary file (which it may seek in): for a file too large
/// to hold in memory.
pub(crate) fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<()>,
) -> Result<()> {
    refuse_all_but_a_file(path)?;
    let temp = temp_path(path);
    let mut file = match File::create(&temp) {
        Ok(file) => file,
        Err(err) => return Err(Error::io(path, err)),
    };
    let written = write(&mut file).and_then(|()| {
        (|| {
            file.sync_all()?;
            drop(file);
            fs::rename(&temp, path)?;
            sync_folder(path)
        })()
        .map_err(|e| Error::io(path, e))
    });
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// An error when something other than a regular file is at `path`.
pub(crate) fn refuse_all_but_a_file(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "is not a regular file (a link, a folder or a device); not replaced",
            ),
        )),
        _ => Ok(()),
    }
}

/// Writes new files, each a name and its bytes, into the folder `dir`, all or none: into a
/// temporary folder beside it first, which is renamed into place when `dir` does not exist,
/// or whose files are linked in one by one (never over a file, and taken back on failure)
/// when it does. A file that exists already is an error, and nothing is written.
pub fn write_new_files(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<()> {
    for (name, _) in files {
        let path = dir.join(name);
        if fs::symlink_metadata(&path).is_ok() {
            return Err(Error::io(
                &path,
                std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "already exists; import into a new folder",
                ),
            ));
        }
    }
    let temp = temp_path(dir);
    let written = (|| {
        fs::create_dir(&temp)?;
        for (name, bytes) in files {
            let mut file = File::create(temp.join(name))?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
        File::open(&temp)?.sync_all()?;
        if fs::symlink_metadata(dir).is_err() {
            fs::rename(&temp, dir)?;
            return sync_folder(dir);
        }
        let mut moved = Vec::new();
        for (name, _) in files {
            let (from, to) = (temp.join(name), dir.join(name));
            if let Err(err) = fs::hard_link(&from, &to) {
                for path in &moved {
                    let _ = fs::remove_file(path);
                }
                return Err(err);
            }
            moved.push(to);
        }
        fs::remove_dir_all(&temp)?;
        File::open(dir)?.sync_all()
    })();
    if let Err(err) = written {
        let _ = fs::remove_dir_all(&temp);
        return Err(Error::io(dir, err));
    }
    Ok(())
}

/// A name beside `path` that no other process writing the same file would choose.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Flushes the folder holding `path`, so that a rename into it is on disk.
fn sync_folder(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.canonym");
        write_atomically(&path, b"old").unwrap();
        // A folder where the file should go: the rename fails.
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("x"), b"x").unwrap();
        assert!(write_atomically(&blocked, b"new").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(left.iter().all(|n| !n.ends_with(".tmp")), "{left:?}");
    }

    /// A write that fails after some files are written leaves no folder and no file.
    #[test]
    fn new_files_are_all_written_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("imported");
        let good = ("a.toml", b"a".to_vec());
        // A name that cannot be created in the temporary folder, after one that can.
        let bad = ("missing/b.toml", b"b".to_vec());
        assert!(write_new_files(&out, &[good.clone(), bad.clone()]).is_err());
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");

        // Into a folder that exists: nothing of a failed write is linked in.
        fs::create_dir(&out).unwrap();
        fs::write(out.join("mine.txt"), b"mine").unwrap();
        let other = ("c.toml", b"c".to_vec());
        assert!(write_new_files(&out, &[good.clone(), bad, other.clone()]).is_err());
        let names = |dir: &Path| -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        assert_eq!(names(&out), ["mine.txt"]);
        assert_eq!(names(dir.path()), ["imported"]);

        write_new_files(&out, &[good.clone(), other]).unwrap();
        assert_eq!(names(&out), ["a.toml", "c.toml", "mine.txt"]);
        assert!(write_new_files(&out, &[good]).is_err(), "never over a file");
        assert_eq!(fs::read(out.join("a.toml")).unwrap(), b"a");
    }
}
