//! What every fuzz target asks of an index it could open: everything a user can.

use canonym::{Index, Resolver, Tagger};

/// Verifies, resolves and tags with `index`; the answers do not matter, only that each call
/// returns.
pub fn use_every_way<D: AsRef<[u8]>>(index: &Index<D>, text: &str) {
    contained_panics_are_not_crashes();
    let _ = index.verify();
    let resolver = Resolver::new(index);
    for name in [text, "Gao", "JNIM", "Tombuctuo", "Kidalu"] {
        let _ = resolver.resolve(name);
    }
    let _ = Tagger::new(index).tag(text);
    let _ = Tagger::new(index).tag("Le JNIM a attaqué Gao et Tombouctou, au Mali.");
    let _ = canonym::stats::Stats::of(index);
}

/// libFuzzer's panic hook aborts on any panic, before it can unwind: a panic inside the `fst`
/// crate that the index reader contains (and turns into an error, by design) would count as a
/// crash. The library's hook, installed over libFuzzer's, calls it for every other panic.
pub fn contained_panics_are_not_crashes() {
    canonym::index::quiet_contained_panics();
}
