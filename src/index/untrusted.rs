//! The one boundary where the `fst` crate reads bytes from a file.
//!
//! fst 0.4.7 trusts its bytes. `Fst::new` does not check a non-empty FST's root address,
//! a node decoded at a wrong address indexes past its slice and panics, and a stream of the
//! keys follows whatever addresses it finds, so that a crafted FST with a cycle, or one that
//! claims 2^64 keys, streams for ever. A checksum does not help against bytes crafted with
//! valid ones. So, here:
//!
//! - [`open`] checks what `Fst::new` does not: the version, the root address, and that the
//!   FST claims no more keys than its postings section has room for;
//! - every call into fst on a file's bytes runs inside [`contain`], which turns a panic into
//!   a "damaged index" error (the reader then refuses the FSTs of that index: see
//!   `Index::damaged`);
//! - [`for_each_key`] walks every key itself instead of fst's stream, stopping at the number
//!   of keys the FST declares and refusing a transition that does not lead back towards the
//!   start of the FST (every FST the builder writes has its nodes after their children), so
//!   that it ends on any bytes.
//!
//! A contained panic still runs the panic hook, which prints a message by default; a program
//! that wants none for contained panics calls [`quiet_contained_panics`] once (the CLI does).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use fst::raw::{Fst, Node, Output};

use super::format::MAX_KEY_LEN;
use crate::error::{Error, Result};

/// The FST format version that fst 0.4 writes: the only one with a checksum of its own.
const FST_VERSION: u64 = 3;
/// The bytes of an FST that holds no key: version, type, key count, root address, checksum.
const EMPTY_FST_LEN: usize = 36;
/// The bytes after a non-empty FST's root address: its last byte (the address points at
/// it), the key count, the root address and the checksum.
const AFTER_ROOT: usize = 1 + 8 + 8 + 4;

thread_local! {
    /// Whether this thread is inside [`contain`], whose panics are expected and handled.
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
}

/// The FST in `bytes`, once what fst does not check is checked: an error names `what`.
/// `max_keys` is how many keys the FST can have at most (one per postings list).
pub(crate) fn open<'b>(bytes: &'b [u8], what: &str, max_keys: usize) -> Result<Fst<&'b [u8]>> {
    let bad = |why: &str| Error::corrupt(format!("the {what} FST is damaged: {why}"));
    let u64_at = |at: usize| -> u64 {
        bytes
            .get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    let len = bytes.len();
    if len < EMPTY_FST_LEN {
        return Err(bad("shorter than an empty FST"));
    }
    if u64_at(0) != FST_VERSION {
        return Err(bad("not an FST of version 3"));
    }
    let root = u64_at(len - 12);
    let keys = u64_at(len - 20);
    let root_is_right = match root {
        0 => len == EMPTY_FST_LEN,
        root => usize::try_from(root)
            .ok()
            .and_then(|r| r.checked_add(AFTER_ROOT))
            .is_some_and(|end| end == len),
    };
    if !root_is_right {
        return Err(bad("its root address is wrong"));
    }
    if usize::try_from(keys).map_or(true, |keys| keys > max_keys) {
        return Err(bad("it claims more keys than it has postings lists"));
    }
    let fst = contain(what, || Fst::new(bytes))?;
    fst.map_err(|e| bad(&e.to_string()))
}

/// Runs `read`, a call into fst on a file's bytes: a panic in it is an error that names
/// `what`, not a panic of the caller.
pub(crate) fn contain<T>(what: &str, read: impl FnOnce() -> T) -> Result<T> {
    let outer = CONTAINING.with(|c| c.replace(true));
    let outcome = panic::catch_unwind(AssertUnwindSafe(read));
    CONTAINING.with(|c| c.set(outer));
    outcome.map_err(|_| Error::corrupt(format!("the {what} FST is damaged (its reader failed)")))
}

/// Calls `found(key, output)` for every key of `fst`, in key order. An error when the walk
/// finds what no builder writes: a transition to a node that is not before its own, a node
/// without transitions that ends no key, keys out of order, more or fewer keys than the FST
/// declares, a key longer than [`MAX_KEY_LEN`]. So it ends on any bytes, after at most as
/// many keys as declared, in memory for two keys. Runs inside [`contain`].
pub(crate) fn for_each_key(
    fst: &Fst<&[u8]>,
    what: &str,
    mut found: impl FnMut(&[u8], u64) -> Result<()>,
) -> Result<()> {
    contain(what, || {
        let bad = |why: &str| Error::corrupt(format!("the {what} FST is damaged: {why}"));
        let declared = fst.len();
        let mut keys = 0usize;
        let mut key = Vec::new();
        let mut previous: Vec<u8> = Vec::new();
        let mut emit = |key: &[u8], node: &Node<'_>, output: Output| {
            keys += 1;
            if keys > declared {
                return Err(bad("it holds more keys than it declares"));
            }
            if keys > 1 && key <= previous.as_slice() {
                return Err(bad("its keys are out of order"));
            }
            previous.clear();
            previous.extend_from_slice(key);
            found(key, output.cat(node.final_output()).value())
        };
        let root = fst.root();
        if root.is_final() {
            emit(&key, &root, Output::zero())?;
        }
        // Each frame: a node, the output down to it, and its next transition to follow.
        let mut stack: Vec<(Node<'_>, Output, usize)> = vec![(root, Output::zero(), 0)];
        while let Some(frame) = stack.last_mut() {
            let (node, output, next) = *frame;
            if next == node.len() {
                stack.pop();
                key.pop();
                continue;
            }
            frame.2 += 1;
            let transition = node.transition(next);
            if transition.addr >= node.addr() {
                return Err(bad("a transition does not lead to an earlier node"));
            }
            if key.len() == MAX_KEY_LEN {
                return Err(bad("a key is longer than any name's"));
            }
            let child = fst.node(transition.addr);
            let output = output.cat(transition.out);
            key.push(transition.inp);
            if child.is_final() {
                emit(&key, &child, output)?;
            } else if child.is_empty() {
                return Err(bad("a node ends no key and leads nowhere"));
            }
            stack.push((child, output, 0));
        }
        match keys == declared {
            true => Ok(()),
            false => Err(bad("it holds fewer keys than it declares")),
        }
    })?
}

/// Makes the panic hook silent for panics that [`contain`] turns into errors, and leaves it
/// as it was for every other panic. For programs that print their own errors (the CLI, a
/// server); calling it more than once is harmless.
pub fn quiet_contained_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONTAINING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fst_of(keys: &[&str]) -> Vec<u8> {
        let mut builder = fst::raw::Builder::memory();
        for (value, key) in keys.iter().enumerate() {
            builder.insert(key, value as u64).unwrap();
        }
        builder.into_inner().unwrap()
    }

    #[test]
    fn every_key_is_walked_in_order() {
        let keys = ["", "gao", "gaó", "kidal", "kidal ville", "mali"];
        let bytes = fst_of(&keys);
        let fst = open(&bytes, "test", 10).unwrap();
        let mut walked = Vec::new();
        for_each_key(&fst, "test", |key, value| {
            walked.push((String::from_utf8(key.to_vec()).unwrap(), value));
            Ok(())
        })
        .unwrap();
        let expected: Vec<(String, u64)> = keys
            .iter()
            .enumerate()
            .map(|(v, k)| (k.to_string(), v as u64))
            .collect();
        assert_eq!(walked, expected);
        let empty = fst_of(&[]);
        let fst = open(&empty, "test", 0).unwrap();
        for_each_key(&fst, "test", |_, _| panic!("no key")).unwrap();
    }

    #[test]
    fn a_key_longer_than_any_name_is_damage() {
        let longest = "k".repeat(MAX_KEY_LEN);
        let bytes = fst_of(&["gao", &longest]);
        let fst = open(&bytes, "test", 10).unwrap();
        let mut walked = 0;
        for_each_key(&fst, "test", |_, _| {
            walked += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(walked, 2);

        let longer = "k".repeat(MAX_KEY_LEN + 1);
        let bytes = fst_of(&["gao", &longer]);
        let fst = open(&bytes, "test", 10).unwrap();
        let err = for_each_key(&fst, "test", |_, _| Ok(())).unwrap_err();
        assert!(err.to_string().contains("longer than any name"), "{err}");
    }

    #[test]
    fn what_fst_does_not_check_is_refused() {
        let good = fst_of(&["gao", "kidal", "mali"]);
        assert!(open(&good, "test", 2).is_err(), "more keys than lists");
        let len = good.len();
        for at in [len - 12, len - 11, len - 5] {
            let mut root = good.clone();
            root[at] ^= 1;
            assert!(open(&root, "test", 10).is_err(), "root byte {at}");
        }
        let mut version = good.clone();
        version[0] = 2;
        assert!(open(&version, "test", 10).is_err());
        assert!(open(&good[..35], "test", 10).is_err());
    }

    #[test]
    fn a_panic_is_an_error() {
        quiet_contained_panics();
        let err = contain("test", || -> () { panic!("inside fst") }).unwrap_err();
        assert!(err.is_index_error(), "{err}");
        assert!(!CONTAINING.with(Cell::get));
        assert_eq!(contain("test", || 7).unwrap(), 7);
    }

    /// Every key of `letters` letters `a` or `b`, with no output: the minimal FST has one
    /// node per length, each with two transitions to the next.
    fn all_words(letters: u32) -> Vec<u8> {
        let mut builder = fst::raw::Builder::memory();
        for n in 0..1u64 << letters {
            let word: Vec<u8> = (0..letters)
                .rev()
                .map(|bit| if n >> bit & 1 == 0 { b'a' } else { b'b' })
                .collect();
            builder.add(word).unwrap();
        }
        builder.into_inner().unwrap()
    }

    /// The FST of every word of 64 letters `a` or `b`, 2^64 keys in a few hundred bytes: the
    /// nodes of each length are alike, so the FST of four letters is that of three with one
    /// more node, which is repeated. It declares `declared` keys.
    fn two_to_the_64(declared: u64) -> Vec<u8> {
        let (three, four) = (all_words(3), all_words(4));
        let footer = 20;
        let node = four.len() - three.len();
        let body = &four[..four.len() - footer];
        assert_eq!(&body[..body.len() - node], &three[..three.len() - footer]);
        let mut bytes = body.to_vec();
        for _ in 4..64 {
            bytes.extend_from_slice(&body[body.len() - node..]);
        }
        let root = bytes.len() as u64 - 1;
        bytes.extend_from_slice(&declared.to_le_bytes());
        bytes.extend_from_slice(&root.to_le_bytes());
        bytes.extend_from_slice(&[0; 4]); // the checksum, which nothing here reads
        bytes
    }

    #[test]
    fn a_walk_ends_at_the_keys_declared() {
        let bytes = two_to_the_64(1000);
        assert!(bytes.len() < 1000, "{} bytes", bytes.len());
        let fst = open(&bytes, "test", 1000).unwrap();
        let mut seen = 0;
        let err = for_each_key(&fst, "test", |key, _| {
            assert_eq!(key.len(), 64);
            seen += 1;
            Ok(())
        })
        .unwrap_err();
        assert_eq!(seen, 1000);
        assert!(
            err.to_string().contains("more keys than it declares"),
            "{err}"
        );
        let claims_all = two_to_the_64(u64::MAX);
        assert!(open(&claims_all, "test", usize::MAX / 2).is_err());
    }
}
