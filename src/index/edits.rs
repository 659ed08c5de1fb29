//! Finding the keys of an FST within one or two edits of a query.
//!
//! The walk goes down the FST depth first, keeping one row of the edit-distance table (the
//! optimal string alignment distance: insertions, deletions, substitutions and transpositions
//! of adjacent letters) per byte of the key so far, and leaves a branch as soon as no cell of
//! the row is within the bound. Only the band of cells within `MAX_EDITS` of the diagonal can
//! be, so a row is `BAND` cells whatever the length of the query.
//!
//! A bound on the whole query alone still lets the first byte or two be anything, which opens
//! most of the FST. So the edits within the query's first half (the *prefix*) are bounded too:
//! with at most one edit there, or none, the walk stays close to one path. Keys within `k`
//! edits are then the union of two such searches, forward over the keys and backward over the
//! reversed keys ([`within`]).
//!
//! The keys searched are latin keys, which are ASCII: a byte is a letter. (They share their
//! FST with the folded keys; the branches of other scripts are not walked.)

use fst::raw::{Fst, Node, Output};

/// The most edits a search allows.
const MAX_EDITS: u8 = 2;
const BAND: usize = 2 * MAX_EDITS as usize + 1;
/// A cell known to be beyond the bound.
const FAR: u8 = u8::MAX;

/// What a search accepts: keys within `edits` of the query, with at most `prefix_edits` of
/// them made before the alignment has consumed `prefix` bytes of the query (in the table,
/// the cells of the first `prefix` columns).
#[derive(Clone, Copy, Debug)]
struct Bound {
    edits: u8,
    prefix: usize,
    prefix_edits: u8,
}

/// The keys of `forward` within `edits` (at most [`MAX_EDITS`]) of `query`, with their
/// outputs and distances, in key order; `backward` holds the same keys spelled backwards, with
/// the same outputs.
///
/// An alignment within two edits spends at most one of them on the first half of the query,
/// or none on the rest: so the keys are those found by a forward search allowing one edit on
/// the first half, and those found by a backward search allowing none on the (reversed) rest.
/// Within one edit, none on either side. Each search stays near one path of its FST for half
/// the query, where a plain search within two edits would fan out over the first bytes of
/// every key.
pub(crate) fn within(
    forward: &Fst<&[u8]>,
    backward: &Fst<&[u8]>,
    query: &[u8],
    edits: u8,
) -> Vec<(Vec<u8>, u64, u8)> {
    let half = query.len() / 2;
    let edits = edits.min(MAX_EDITS);
    let mut found: Vec<(Vec<u8>, u64, u8)> = Vec::new();
    if edits > 0 {
        let bound = Bound {
            edits,
            prefix: half + 1,
            prefix_edits: edits - 1,
        };
        search(forward, query, bound, &mut |key, output, distance| {
            found.push((key.to_vec(), output, distance));
        });
    }
    // The forward bound covers the first half of the query and an insertion right after it;
    // the backward bound must not reach that far, or an edit counted on both sides would hide
    // a key from both. So it covers the rest but the query's byte `half`: an edit there
    // counts against neither bound, which loses nothing.
    let reversed: Vec<u8> = query.iter().rev().copied().collect();
    let bound = Bound {
        edits,
        prefix: query.len() - half,
        prefix_edits: 0,
    };
    search(backward, &reversed, bound, &mut |key, output, distance| {
        found.push((key.iter().rev().copied().collect(), output, distance));
    });
    // A key found by both searches keeps the smaller distance: each search reports the best
    // alignment within its own bound, and the best overall is within one of them.
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    found.dedup_by(|later, kept| later.0 == kept.0);
    found
}

/// Calls `found(key, output, distance)` for every key of `fst` within `bound` of `query`.
/// The distance given is the least over alignments that respect the bound, so it may exceed
/// the true distance when the best alignment spends more edits on the prefix.
fn search(fst: &Fst<&[u8]>, query: &[u8], bound: Bound, found: &mut dyn FnMut(&[u8], u64, u8)) {
    let bound = Bound {
        edits: bound.edits.min(MAX_EDITS),
        ..bound
    };
    let mut walk = Walk {
        fst,
        query,
        bound,
        key: Vec::new(),
        rows: Vec::new(),
        found,
    };
    let first = walk.first_row();
    walk.rows.push(first);
    walk.visit(fst.root(), Output::zero());
}

struct Walk<'a, 'f> {
    fst: &'a Fst<&'a [u8]>,
    query: &'a [u8],
    bound: Bound,
    /// The key bytes down to the current node.
    key: Vec<u8>,
    /// Row `i` holds the distances between the key's first `i` bytes and the query's first
    /// `j` bytes, for `j` from `i - MAX_EDITS` to `i + MAX_EDITS`.
    rows: Vec<[u8; BAND]>,
    found: &'f mut dyn FnMut(&[u8], u64, u8),
}

impl Walk<'_, '_> {
    fn visit(&mut self, node: Node<'_>, output: Output) {
        let depth = self.key.len();
        if node.is_final() {
            let distance = self.cell(depth, self.query.len());
            if distance <= self.bound.edits {
                (self.found)(&self.key, output.cat(node.final_output()).value(), distance);
            }
        }
        for transition in node.transitions() {
            if !transition.inp.is_ascii() {
                // Only folded keys of other scripts go there, never a latin key.
                continue;
            }
            let row = self.next_row(transition.inp);
            if row.iter().all(|&d| d > self.bound.edits) {
                continue;
            }
            self.key.push(transition.inp);
            self.rows.push(row);
            self.visit(self.fst.node(transition.addr), output.cat(transition.out));
            self.key.pop();
            self.rows.pop();
        }
    }

    /// The distance between the key's first `i` bytes and the query's first `j`, or `FAR`.
    fn cell(&self, i: usize, j: usize) -> u8 {
        let band = (j + MAX_EDITS as usize).wrapping_sub(i);
        match self.rows.get(i) {
            Some(row) if band < BAND => row[band],
            _ => FAR,
        }
    }

    /// Applies the bound to a cell in query column `j`.
    fn bounded(&self, j: usize, distance: u8) -> u8 {
        let limit = if j < self.bound.prefix {
            self.bound.prefix_edits.min(self.bound.edits)
        } else {
            self.bound.edits
        };
        if distance > limit {
            FAR
        } else {
            distance
        }
    }

    /// Row 0: the empty key against each prefix of the query.
    fn first_row(&self) -> [u8; BAND] {
        let mut row = [FAR; BAND];
        for (band, cell) in row.iter_mut().enumerate() {
            if let Some(j) = band.checked_sub(MAX_EDITS as usize) {
                if j <= self.query.len() {
                    *cell = self.bounded(j, j as u8);
                }
            }
        }
        row
    }

    /// The row after the key grows by `byte`.
    fn next_row(&self, byte: u8) -> [u8; BAND] {
        let i = self.key.len() + 1;
        let previous = &self.rows[i - 1];
        let mut row = [FAR; BAND];
        for band in 0..BAND {
            let Some(j) = (i + band).checked_sub(MAX_EDITS as usize) else {
                continue;
            };
            if j > self.query.len() {
                break;
            }
            let distance = if j == 0 {
                u8::try_from(i).unwrap_or(FAR)
            } else {
                let substitute = previous[band].saturating_add(u8::from(self.query[j - 1] != byte));
                let delete = match previous.get(band + 1) {
                    Some(&d) => d.saturating_add(1),
                    None => FAR,
                };
                let insert = match band.checked_sub(1) {
                    Some(b) => row[b].saturating_add(1),
                    None => FAR,
                };
                let transpose = if i >= 2
                    && j >= 2
                    && byte == self.query[j - 2]
                    && self.key[i - 2] == self.query[j - 1]
                {
                    self.rows[i - 2][band].saturating_add(1)
                } else {
                    FAR
                };
                substitute.min(delete).min(insert).min(transpose)
            };
            row[band] = self.bounded(j, distance);
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The optimal string alignment distance, by the full table.
    fn osa(a: &[u8], b: &[u8]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    fn fst_of(keys: &[String]) -> Fst<Vec<u8>> {
        let mut keys: Vec<&String> = keys.iter().collect();
        keys.sort();
        keys.dedup();
        let mut builder = fst::raw::Builder::memory();
        for (n, key) in keys.iter().enumerate() {
            builder.insert(key.as_bytes(), n as u64).unwrap();
        }
        Fst::new(builder.into_inner().unwrap()).unwrap()
    }

    /// The keys within `edits` of `query` with their distances, sorted, by the full table.
    fn by_table(keys: &[String], query: &str, edits: u8) -> Vec<(String, u8)> {
        let mut within: Vec<(String, u8)> = keys
            .iter()
            .map(|k| (k.clone(), osa(k.as_bytes(), query.as_bytes())))
            .filter(|(_, d)| *d <= edits as usize)
            .map(|(k, d)| (k, d as u8))
            .collect();
        within.sort();
        within.dedup();
        within
    }

    /// [`within`] over FSTs of `keys` and of `keys` spelled backwards.
    fn within_keys(keys: &[String], query: &str, edits: u8) -> Vec<(String, u8)> {
        let reversed: Vec<String> = keys.iter().map(|k| k.chars().rev().collect()).collect();
        let (forward, backward) = (fst_of(keys), fst_of(&reversed));
        let (forward, backward) = (
            Fst::new(forward.as_bytes()).unwrap(),
            Fst::new(backward.as_bytes()).unwrap(),
        );
        within(&forward, &backward, query.as_bytes(), edits)
            .into_iter()
            .map(|(key, _, d)| (String::from_utf8(key).unwrap(), d))
            .collect()
    }

    fn found(fst: &Fst<Vec<u8>>, query: &str, bound: Bound) -> Vec<(String, u8)> {
        let bytes = fst.as_bytes();
        let fst = Fst::new(bytes).unwrap();
        let mut out = Vec::new();
        search(&fst, query.as_bytes(), bound, &mut |key, _, d| {
            out.push((String::from_utf8(key.to_vec()).unwrap(), d));
        });
        out
    }

    #[test]
    fn finds_one_edit_of_each_kind() {
        let keys: Vec<String> = ["kidal", "kidall", "kial", "kdial", "kidel", "gao", "kidalx"]
            .map(String::from)
            .to_vec();
        let fst = fst_of(&keys);
        let unbounded = Bound {
            edits: 1,
            prefix: 0,
            prefix_edits: 1,
        };
        let mut got = found(&fst, "kidal", unbounded);
        got.sort();
        let want: Vec<(String, u8)> = [
            ("kdial", 1),
            ("kial", 1),
            ("kidal", 0),
            ("kidall", 1),
            ("kidalx", 1),
            ("kidel", 1),
        ]
        .map(|(k, d)| (k.to_string(), d))
        .to_vec();
        assert_eq!(got, want);
    }

    /// The case the property test below found: with an empty query, the forward and the
    /// backward bound used to share the first column, so no key was found.
    #[test]
    fn an_empty_query_finds_the_short_keys() {
        let keys: Vec<String> = ["a", "ab", "abc"].map(String::from).to_vec();
        assert_eq!(
            within_keys(&keys, "", 2),
            [("a".to_string(), 1), ("ab".to_string(), 2)]
        );
    }

    proptest! {
        /// Without a prefix bound, the search finds exactly the keys within the distance,
        /// with their true distance.
        #[test]
        fn agrees_with_the_full_table(
            keys in proptest::collection::vec("[abc]{0,7}", 1..40),
            query in "[abc]{0,7}",
            edits in 0u8..=2,
        ) {
            let fst = fst_of(&keys);
            let mut got = found(&fst, &query, Bound { edits, prefix: 0, prefix_edits: edits });
            got.sort();
            prop_assert_eq!(got, by_table(&keys, &query, edits));
        }

        /// The two bounded searches together find exactly the keys within the distance,
        /// each with its true distance.
        #[test]
        fn the_two_searches_find_every_key_within_the_distance(
            keys in proptest::collection::vec("[abc ]{0,9}", 1..60),
            query in "[abc ]{0,9}",
            edits in 1u8..=2,
        ) {
            prop_assert_eq!(within_keys(&keys, &query, edits), by_table(&keys, &query, edits));
        }

        /// A prefix bound only removes keys, and never reports less than the true distance.
        #[test]
        fn a_prefix_bound_narrows(
            keys in proptest::collection::vec("[abc]{0,7}", 1..40),
            query in "[abc]{0,7}",
            prefix in 0usize..8,
            prefix_edits in 0u8..=2,
        ) {
            let fst = fst_of(&keys);
            let bound = Bound { edits: 2, prefix, prefix_edits };
            for (key, d) in found(&fst, &query, bound) {
                prop_assert!(d as usize >= osa(key.as_bytes(), query.as_bytes()));
                prop_assert!(d <= 2);
            }
        }
    }
}
