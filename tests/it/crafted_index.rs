//! Crafted index bytes, whose checksums are recomputed after the damage so that the reader
//! gets past them to the structure: every `Index` method ends with `Ok` or an error, never a
//! panic and never a hang.

use std::sync::mpsc;
use std::time::Duration;

use canonym::{default_index, Index, Resolver, Tagger};

pub(crate) use super::reseal::{reseal, sections};

/// The names FST's section id (0x100 + the folded layer's code).
const NAMES_FST: u32 = 0x101;

/// Everything a user can ask of an index, on `bytes`, in a thread that must end within a
/// few seconds: a panic fails the test, and so does a hang.
fn use_every_way(bytes: Vec<u8>, what: &str) {
    // The panics inside the `fst` crate that the reader contains would each print a message.
    canonym::index::quiet_contained_panics();
    let (done, finished) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        if let Ok(index) = Index::new(bytes.as_slice()) {
            let _ = index.verify();
            let resolver = Resolver::new(&index);
            for name in ["Gao", "JNIM", "Tombuctuo", "Ansar Dine", "Kidalu", "Mali"] {
                let _ = resolver.resolve(name);
            }
            let _ = Tagger::new(&index).tag("Le JNIM a attaqué Gao et Tombouctou, au Mali.");
            let _ = canonym::stats::Stats::of(&index);
            let _ = canonym::stats::collisions(&index);
        }
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(20)) {
        Ok(()) => worker.join().unwrap(),
        Err(_) => {
            if worker.is_finished() {
                // The thread ended without sending: it panicked.
                let panic = worker.join().unwrap_err();
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
                panic!("{what}: a panic: {message:?}");
            }
            panic!("{what}: still running after 20 s");
        }
    }
}

fn good_bytes() -> Vec<u8> {
    default_index().unwrap().as_bytes().to_vec()
}

/// A pseudo-random sequence, the same on every run.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

#[test]
fn a_names_fst_root_address_off_by_one_is_an_error() {
    let mut bytes = good_bytes();
    let (_, offset, len) = sections(&bytes)
        .into_iter()
        .find(|s| s.0 == NAMES_FST)
        .unwrap();
    // The root address is the u64 before the FST's own checksum.
    let at = offset + len - 12;
    bytes[at] ^= 0x01;
    reseal(&mut bytes);
    use_every_way(bytes.clone(), "root address");
    assert!(Index::new(bytes.as_slice()).is_err());
}

#[test]
fn flips_in_the_fsts_with_checksums_recomputed_never_panic_nor_hang() {
    let good = good_bytes();
    let fsts: Vec<(usize, usize)> = sections(&good)
        .into_iter()
        .filter(|&(_, offset, len)| len >= 36 && good[offset..offset + 8] == 3u64.to_le_bytes())
        .map(|(_, offset, len)| (offset, len))
        .collect();
    let mut random = Lcg(16);
    for round in 0..80 {
        let mut bytes = good.clone();
        let (offset, len) = fsts[random.below(fsts.len())];
        for _ in 0..1 + random.below(3) {
            let at = offset + random.below(len);
            bytes[at] ^= 1 << random.below(8);
        }
        reseal(&mut bytes);
        use_every_way(bytes, &format!("round {round}"));
    }
}

#[test]
fn flips_anywhere_with_checksums_recomputed_never_panic_nor_hang() {
    let good = good_bytes();
    let mut random = Lcg(19);
    for round in 0..60 {
        let mut bytes = good.clone();
        for _ in 0..1 + random.below(4) {
            let at = 40 + random.below(good.len() - 40);
            bytes[at] ^= 1 << random.below(8);
        }
        reseal(&mut bytes);
        use_every_way(bytes, &format!("round {round}"));
    }
}

#[test]
fn resealing_good_bytes_changes_nothing() {
    let good = good_bytes();
    let mut bytes = good.clone();
    reseal(&mut bytes);
    assert!(bytes == good, "the test's checksums are not the reader's");
}

/// What a set of look-ups answers: the IDs, or that it failed.
fn answers(index: &Index<&[u8]>) -> Vec<Option<Vec<String>>> {
    let resolver = Resolver::new(index);
    let mut answers: Vec<Option<Vec<String>>> = ["Gao", "JNIM", "Tombuctuo", "Ansar Dine", "Mali"]
        .iter()
        .map(|name| {
            let candidates = resolver.resolve(name).ok()?;
            Some(
                candidates
                    .iter()
                    .map(|c| format!("{} {}", c.id, c.label))
                    .collect(),
            )
        })
        .collect();
    let mentions = Tagger::new(index).tag("Le JNIM a attaqué Gao et Tombouctou, au Mali.");
    answers.push(mentions.ok().map(|ms| {
        ms.iter()
            .map(|m| format!("{} {}", m.best().id, m.best().label))
            .collect()
    }));
    answers
}

/// A bit flipped on disk (no checksum recomputed) in the strings, records or postings of an
/// index that was not verified at open (as a large one is not): every answer is the right one
/// or an error, never another ID. (The FSTs are checked by `verify` only: see the `blocks`
/// module of the index.)
#[test]
fn a_flipped_bit_is_an_error_before_it_is_an_answer() {
    let good = good_bytes();
    let right = answers(&Index::new(good.as_slice()).unwrap());
    assert!(right.iter().all(Option::is_some));
    let not_fsts: Vec<(usize, usize)> = sections(&good)
        .into_iter()
        .filter(|&(_, offset, len)| len < 36 || good[offset..offset + 8] != 3u64.to_le_bytes())
        .map(|(_, offset, len)| (offset, len))
        .collect();
    // An ID's bytes in the string pool: the flip would rename the entity.
    let gao = good.windows(9).position(|w| w == b"place/gao").unwrap();
    let mut random = Lcg(7);
    for round in 0..300 {
        let at = match round {
            0 => gao + 6,
            _ => {
                let (offset, len) = not_fsts[random.below(not_fsts.len())];
                offset + random.below(len.max(1))
            }
        };
        let mut bytes = good.clone();
        bytes[at] ^= 1 << random.below(8);
        let Ok(index) = Index::new(bytes.as_slice()) else {
            continue;
        };
        for (got, want) in answers(&index).iter().zip(&right) {
            assert!(
                got.is_none() || got == want,
                "a flip at byte {at} answered {got:?}, not {want:?}"
            );
        }
    }
}

/// The inputs that made the `index_resealed` fuzz target fail (tests/data/fuzz/), applied as
/// it applies them: each 5 bytes, an offset past the section table (u32, modulo the rest of
/// the file) and a byte to xor there. On another lexicon the offsets land elsewhere; the
/// bytes still get the same treatment.
#[test]
fn fuzz_findings_on_resealed_bytes_stay_fixed() {
    let good = good_bytes();
    let table_end = 40 + 24 * sections(&good).len();
    let mut found = 0;
    for entry in std::fs::read_dir("tests/data/fuzz/index_resealed").unwrap() {
        let input = std::fs::read(entry.unwrap().path()).unwrap();
        let mut bytes = good.clone();
        for change in input.chunks_exact(5) {
            let at = u32::from_le_bytes([change[0], change[1], change[2], change[3]]) as usize;
            bytes[table_end + at % (good.len() - table_end)] ^= change[4];
        }
        reseal(&mut bytes);
        use_every_way(bytes, "a fuzz finding");
        found += 1;
    }
    assert!(found > 0);
}
