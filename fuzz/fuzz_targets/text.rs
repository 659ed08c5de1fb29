//! Any text to resolve and to tag with the embedded index; mentions lie inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::contained_panics_are_not_crashes();
    let text = String::from_utf8_lossy(data);
    let index = canonym::default_index().unwrap();
    let _ = canonym::Resolver::new(index).resolve(&text);
    let mentions = canonym::Tagger::new(index).tag(&text).unwrap();
    for mention in mentions {
        assert_eq!(&text[mention.start..mention.end], mention.text);
    }
});
