//! Compiles the default lexicon under lexicon/ into index bytes at build time, so the binary
//! and the library carry a ready index (no TOML parsing at start-up), and embeds the sources
//! too (`canonym export` and the server's previews read them).
//!
//! The index is built by the library's own code: the modules that parse and check a lexicon,
//! normalize names and write an index are compiled into this script from their files under
//! src/ (the `#[path]` modules below), so there is one normalizer and one index writer. They
//! need only std and the crates listed under `[build-dependencies]`; nothing here uses the
//! network.

// The script uses only the build path of these modules; the rest of them is the library's.
#![allow(dead_code, unused_imports)]

#[path = "src/atomic.rs"]
mod atomic;
#[path = "src/error.rs"]
mod error;
#[path = "src/lexicon/mod.rs"]
mod lexicon;
#[path = "src/normalize/mod.rs"]
mod normalize;
#[path = "src/printable.rs"]
mod printable;

/// The writing half of the library's `index` module.
#[path = "src/index"]
mod index {
    mod blocks;
    mod build;
    mod format;

    pub use build::build;
}

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, process};

use atomic::write_atomically;

/// The library files this script compiles: a change to any of them rebuilds the index.
const LIBRARY_FILES: &[&str] = &[
    "src/atomic.rs",
    "src/error.rs",
    "src/lexicon",
    "src/normalize",
    "src/printable.rs",
    "src/index/blocks.rs",
    "src/index/build.rs",
    "src/index/format.rs",
];

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-changed=lexicon");
    for file in LIBRARY_FILES {
        println!("cargo:rerun-if-changed={file}");
    }
    let mut files = Vec::new();
    collect(&root.join("lexicon"), &mut files);
    files.sort();

    let mut code = String::from("&[\n");
    let mut sources = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&root).expect("under the crate root");
        let name = relative.to_string_lossy().replace('\\', "/");
        writeln!(code, "    ({name:?}, include_str!({:?})),", file.display()).unwrap();
        let text = fs::read_to_string(file).unwrap_or_else(|e| fail(&file.display(), &e));
        sources.push((name, text));
    }
    code.push(']');
    fs::write(out.join("embedded_lexicon.rs"), code).expect("OUT_DIR is writable");

    // The same sources, under the same names, as `canonym::default_lexicon` reads them.
    let built = lexicon::Lexicon::from_sources(sources).and_then(|l| index::build(&l));
    let bytes = built.unwrap_or_else(|e| fail(&"lexicon/", &e));
    write_atomically(&out.join("embedded.canonym"), &bytes).expect("OUT_DIR is writable");
}

/// Ends the build with the lexicon's problems, each at its file, line and column.
fn fail(what: &dyn std::fmt::Display, error: &dyn std::fmt::Display) -> ! {
    eprintln!("error: the embedded lexicon ({what}) does not compile:\n{error}");
    process::exit(1);
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}
