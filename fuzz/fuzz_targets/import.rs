//! Any text in each import format: an import gives a lexicon or errors, and a lexicon it
//! gives exports.
#![no_main]

use libfuzzer_sys::fuzz_target;

use canonym::exchange::{self, Format};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = [Format::Jsonl, Format::Tsv, Format::Csv, Format::Tbx][usize::from(which % 4)];
    if let Ok(lexicon) = exchange::import(text, std::path::Path::new("fuzz.in"), format) {
        let mut out = Vec::new();
        exchange::export(&lexicon, format, &mut out).expect("an imported lexicon exports");
    }
});
