//! Any bytes as an index file: opening, verifying and reading end with an answer or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(index) = canonym::Index::new(data) {
        common::use_every_way(&index, "Gao");
    }
});
