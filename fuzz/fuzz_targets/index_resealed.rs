//! The embedded index with bytes changed by the input, every checksum then recomputed, so
//! that the damage reaches the records and the FSTs behind the checksums. The input is a list
//! of (offset: u32, xor: u8) changes.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;
#[path = "../../tests/it/reseal.rs"]
mod reseal;

fuzz_target!(|data: &[u8]| {
    let good = canonym::default_index().unwrap().as_bytes();
    let mut bytes = good.to_vec();
    // Past the header and the section table, which the resealing reads.
    let table_end = 40 + 24 * reseal::sections(good).len();
    for change in data.chunks_exact(5) {
        let at = u32::from_le_bytes([change[0], change[1], change[2], change[3]]) as usize;
        let at = table_end + at % (bytes.len() - table_end);
        bytes[at] ^= change[4];
    }
    reseal::reseal(&mut bytes);
    if let Ok(index) = canonym::Index::new(bytes.as_slice()) {
        common::use_every_way(&index, "Gao");
    }
});
