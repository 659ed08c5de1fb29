//! Any text to resolve and to tag with the embedded index; mentions lie inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // As in common.rs: a panic the index reader contains is not a crash.
    canonym::index::quiet_contained_panics();
    let text = String::from_utf8_lossy(data);
    let index = canonym::default_index().unwrap();
    let _ = canonym::Resolver::new(index).resolve(&text);
    let mentions = canonym::Tagger::new(index).tag(&text).unwrap();
    for mention in mentions {
        assert_eq!(&text[mention.start..mention.end], mention.text);
    }
});
