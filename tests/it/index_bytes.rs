//! Damaged index bytes give errors, never panics, and never pass verification.

use canonym::{default_index, Index};

fn good_bytes() -> Vec<u8> {
    default_index().unwrap().as_bytes().to_vec()
}

#[test]
fn every_truncation_is_refused() {
    let bytes = good_bytes();
    for len in 0..bytes.len() {
        let result = Index::new(&bytes[..len]);
        assert!(result.is_err(), "truncated to {len} bytes was accepted");
        assert!(result.unwrap_err().is_index_error());
    }
}

#[test]
fn bit_flips_fail_to_open_or_to_verify() {
    let bytes = good_bytes();
    let positions = (0..64)
        .chain((64..bytes.len()).step_by(97))
        .chain([bytes.len() - 1]);
    for at in positions {
        for bit in [0x01, 0x80] {
            let mut damaged = bytes.clone();
            damaged[at] ^= bit;
            let outcome = Index::new(damaged.as_slice()).and_then(|index| index.verify());
            assert!(
                outcome.is_err(),
                "flipping bit {bit:#x} of byte {at} went unnoticed"
            );
        }
    }
}

#[test]
fn foreign_and_empty_bytes_are_not_an_index() {
    for bytes in [
        &b""[..],
        b"CANONYM",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
        &[0u8; 4096],
    ] {
        let err = Index::new(bytes).unwrap_err();
        assert!(err.is_index_error(), "{err}");
    }
}

#[test]
fn other_versions_are_refused_with_advice() {
    let mut bytes = good_bytes();
    bytes[8] = 99; // the format version
    let message = Index::new(bytes.as_slice()).unwrap_err().to_string();
    assert!(
        message.contains("format version 99") && message.contains("rebuild"),
        "{message}"
    );
    let mut bytes = good_bytes();
    bytes[12] = 99; // the normalizer version
    let message = Index::new(bytes.as_slice()).unwrap_err().to_string();
    assert!(
        message.contains("normalizer version 99") && message.contains("rebuild"),
        "{message}"
    );
}

#[test]
fn index_files_open_by_memory_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sahel.canonym");
    canonym::index::write_file(&canonym::default_lexicon().unwrap(), &path).unwrap();
    let index = Index::open(&path).unwrap();
    index.verify().unwrap();
    assert_eq!(index.as_bytes(), good_bytes().as_slice());
    assert_eq!(index.resolve("GSIM").unwrap()[0].id, "group/jnim");

    std::fs::write(&path, b"").unwrap();
    let err = Index::open(&path).unwrap_err();
    assert_eq!(err.path(), Some(path.as_path()));
}
