//! Makes the checksums of damaged index bytes right again, so that a test or a fuzz target
//! reaches the structure behind them: it knows the file layout of `src/index/format.rs` (format
//! 5) and the FST checksum of the `fst` crate. Shared by `tests/it` and `fuzz/` (by path).

/// The sections of an index file: (id, offset, length), read from its section table.
pub fn sections(bytes: &[u8]) -> Vec<(u32, usize, usize)> {
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    (0..u32_at(28) as usize)
        .map(|i| 40 + i * 24)
        .map(|at| (u32_at(at), u64_at(at + 8), u64_at(at + 16)))
        .collect()
}

/// CRC-32C, as the `fst` crate checksums an FST (masked as it writes it).
fn fst_checksum(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0x82F6_3B78
            } else {
                crc >> 1
            };
        }
    }
    let crc = !crc;
    (crc.rotate_right(15)).wrapping_add(0xA282_EAD8)
}

/// The block sums' section id, the last section.
const BLOCK_SUMS: u32 = 9;
const BLOCK_LEN: usize = 1 << 14;

/// Makes every checksum of `bytes` right again: each FST's own, the block sums, the meta
/// checksum (header, table and sums), then the file's. Any section that is a (version 3)
/// FST is recognised by its first eight bytes.
pub fn reseal(bytes: &mut [u8]) {
    let sections = sections(bytes);
    for &(_, offset, len) in &sections {
        let section = &mut bytes[offset..offset + len];
        if len >= 36 && section[..8] == 3u64.to_le_bytes() {
            let sum = fst_checksum(&section[..len - 4]);
            section[len - 4..].copy_from_slice(&sum.to_le_bytes());
        }
    }
    let table_end = 40 + sections.len() * 24;
    let (_, sums_at, _) = *sections.iter().find(|s| s.0 == BLOCK_SUMS).unwrap();
    let sums: Vec<u8> = bytes[table_end..sums_at]
        .chunks(BLOCK_LEN)
        .flat_map(|block| crc32fast::hash(block).to_le_bytes())
        .collect();
    bytes[sums_at..sums_at + sums.len()].copy_from_slice(&sums);
    let mut meta = crc32fast::Hasher::new();
    meta.update(&bytes[..24]);
    meta.update(&bytes[28..32]);
    meta.update(&bytes[36..table_end]);
    meta.update(&sums);
    let meta = meta.finalize();
    bytes[32..36].copy_from_slice(&meta.to_le_bytes());
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&bytes[..24]);
    hasher.update(&bytes[28..]);
    let sum = hasher.finalize();
    bytes[24..28].copy_from_slice(&sum.to_le_bytes());
}
