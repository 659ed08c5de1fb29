//! Checking an index file block by block, as it is read: damage in what a look-up reads is
//! found before it becomes an answer, at the cost of the blocks the look-up touches, not of
//! the whole file.
//!
//! The sections (all but the block sums, which come last) are cut into blocks of
//! [`BLOCK_LEN`] bytes, counted from the end of the section table; the block sums section
//! holds the CRC-32 of each. The header, the section table and the block sums are covered by
//! the header's meta checksum, checked at open (26 kB of sums for the 143 MB GeoNames index). A block
//! of strings, records or postings is checked the first time any of its bytes is read, and
//! remembered as right by one bit; reads of a block already checked cost a bit test, and
//! nothing once every block is checked (`Index::verify`).
//!
//! The FSTs are not checked as they are read: the `fst` crate reads their nodes itself, so
//! only a whole FST could be, and checking the 11.5 MB names FST of the GeoNames index at its
//! first use made a one-shot `resolve` 2-3 ms slower than its whole run (7 ms against 2-3 ms,
//! 8.3 M instructions against 1.0 M). A damaged FST cannot make a reader panic or hang (see
//! the `untrusted` module); it can lead a key to another key's postings, which are checked,
//! and `verify` finds it.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::error::{Error, Result};

/// The bytes of a block: small enough that a look-up checks little more than the pages it
/// reads, large enough that the sums of a large index stay small (4 bytes a block).
pub(crate) const BLOCK_LEN: usize = 1 << 14;

/// The CRC-32 of each block of `data` (the bytes from the end of the section table to the
/// block sums), as the block sums section stores them.
pub(crate) fn sums_of(data: &[u8]) -> Vec<u8> {
    data.chunks(BLOCK_LEN)
        .flat_map(|block| crc32fast::hash(block).to_le_bytes())
        .collect()
}

/// The blocks of one file, with what has been checked of them.
#[derive(Debug)]
pub(crate) struct Blocks {
    /// The bytes the blocks cover, in the file: from the end of the section table to the
    /// block sums.
    data: Range<usize>,
    /// Where the block sums are, in the file.
    sums: Range<usize>,
    /// One bit per block: checked, and found right.
    checked: Vec<AtomicU64>,
    /// Every block is checked (after `verify`, or for bytes built here): a read checks
    /// nothing, not even a bit.
    all_checked: AtomicBool,
}

impl Blocks {
    /// The blocks of `data` (a range of the file), whose sums lie at `sums`: an error when
    /// there are not as many sums as blocks.
    pub(crate) fn new(data: Range<usize>, sums: Range<usize>) -> Result<Blocks> {
        let count = data.len().div_ceil(BLOCK_LEN);
        if sums.len() != count * 4 {
            return Err(Error::corrupt(
                "the block sums do not match the length of the file",
            ));
        }
        Ok(Blocks {
            data,
            sums,
            checked: (0..count.div_ceil(64)).map(|_| AtomicU64::new(0)).collect(),
            all_checked: AtomicBool::new(false),
        })
    }

    /// Checks the blocks of `file` that `range` (a range of the file, within the blocks)
    /// touches, the first time each is read.
    #[inline]
    pub(crate) fn check(&self, file: &[u8], range: Range<usize>) -> Result<()> {
        if range.is_empty() || self.all_checked.load(Ordering::Relaxed) {
            return Ok(());
        }
        let (Some(first), Some(last)) = (
            range.start.checked_sub(self.data.start),
            (range.end - 1).checked_sub(self.data.start),
        ) else {
            return Err(Error::corrupt("a read lies outside the checked blocks"));
        };
        for block in first / BLOCK_LEN..=last / BLOCK_LEN {
            if !self.is_checked(block) {
                self.check_block(file, block)?;
            }
        }
        Ok(())
    }

    /// Checks every block: what `verify` does, and what makes later reads check nothing.
    pub(crate) fn check_all(&self, file: &[u8]) -> Result<()> {
        (0..self.data.len().div_ceil(BLOCK_LEN))
            .try_for_each(|block| self.check_block(file, block))?;
        self.all_checked.store(true, Ordering::Relaxed);
        Ok(())
    }

    /// Takes every block as checked: for bytes built in this process.
    pub(crate) fn trust_all(&self) {
        self.all_checked.store(true, Ordering::Relaxed);
    }

    #[inline]
    fn is_checked(&self, block: usize) -> bool {
        self.checked
            .get(block / 64)
            .is_some_and(|bits| bits.load(Ordering::Relaxed) & 1 << (block % 64) != 0)
    }

    #[cold]
    fn check_block(&self, file: &[u8], block: usize) -> Result<()> {
        let start = self.data.start + block * BLOCK_LEN;
        let end = (start + BLOCK_LEN).min(self.data.end);
        let at = self.sums.start + block * 4;
        let (Some(bytes), Some(sum)) = (file.get(start..end), file.get(at..at + 4)) else {
            return Err(Error::corrupt("a read lies outside the checked blocks"));
        };
        if crc32fast::hash(bytes).to_le_bytes() != sum {
            return Err(Error::corrupt(format!(
                "damaged: the block at bytes {start}..{end} does not match its checksum"
            )));
        }
        // Relaxed: two threads that both check a block find the same; the bit only saves
        // the second check.
        self.checked[block / 64].fetch_or(1 << (block % 64), Ordering::Relaxed);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of a 10-byte "header", 3.5 blocks of data and their sums.
    fn file() -> (Vec<u8>, Blocks) {
        let data: Vec<u8> = (0..BLOCK_LEN * 7 / 2).map(|i| (i % 251) as u8).collect();
        let mut file = vec![0; 10];
        file.extend_from_slice(&data);
        let sums_at = file.len();
        file.extend_from_slice(&sums_of(&data));
        let blocks = Blocks::new(10..sums_at, sums_at..file.len()).unwrap();
        (file, blocks)
    }

    #[test]
    fn a_read_checks_the_blocks_it_touches_and_only_those() {
        let (mut file, blocks) = file();
        let in_block_2 = 10 + 2 * BLOCK_LEN + 5;
        file[in_block_2] ^= 1;
        blocks.check(&file, 10..20).unwrap();
        blocks
            .check(&file, 10 + BLOCK_LEN - 1..10 + BLOCK_LEN + 1)
            .unwrap();
        let err = blocks
            .check(&file, in_block_2 + 3..in_block_2 + 4)
            .unwrap_err();
        assert!(
            err.is_index_error() && err.to_string().contains("damaged"),
            "{err}"
        );
        // The last, partial block.
        let end = 10 + BLOCK_LEN * 7 / 2;
        blocks.check(&file, end - 1..end).unwrap();
        assert!(blocks.check_all(&file).is_err());
        assert!(
            blocks.check(&file, 0..10).is_err(),
            "the header is not in a block"
        );
    }

    #[test]
    fn a_block_once_right_is_not_read_again() {
        let (mut file, blocks) = file();
        blocks.check(&file, 11..12).unwrap();
        file[11] ^= 1;
        // Checked already: the damage done after it is not seen (a file must not change
        // while it is open), which is what makes a second read cost a bit test.
        blocks.check(&file, 11..12).unwrap();
        assert!(Blocks::new(10..20, 0..8).is_err(), "one block, two sums");
    }
}
