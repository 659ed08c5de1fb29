//! Any text as a lexicon source file: loading reports errors; what loads builds an index
//! that answers.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(lexicon) = canonym::Lexicon::from_sources([("fuzz.toml", text)]) else {
        return;
    };
    let _ = canonym::lexicon::format_file(&lexicon, std::path::Path::new("fuzz.toml"), text);
    if let Ok(bytes) = canonym::index::build(&lexicon) {
        let index = canonym::Index::new(bytes).expect("a fresh build opens");
        index.verify().expect("a fresh build verifies");
        common::use_every_way(&index, text);
    }
});
