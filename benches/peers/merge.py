#!/usr/bin/env python3
"""Merges the JSON of the Rust `peers` binary and of peers.py into one results.json, and prints
the side-by-side Markdown table.

Usage: python3 benches/peers/merge.py RUST.json PYTHON.json META.json OUT.json

The ratio column is canonym's speed divided by the peer's on the same task and data (the peer's
time over canonym's): above 1, canonym is faster; below 1, the peer is. For tagging, both sides
process the same document (canonym the text as written, the automata and FlashText its folded
copy, which is ~5% shorter), so the ratio compares times per document, not MB/s.
"""
import json
import sys


def main():
    rust_path, py_path, meta_path, out_path = sys.argv[1:5]
    rust = json.load(open(rust_path))
    py = json.load(open(py_path))
    meta = json.load(open(meta_path))
    merged = {"meta": meta, "rust": rust, "python": py}
    json.dump(merged, open(out_path, "w"), indent=2)

    d = rust["data"]
    ex, tag, fz = rust["exact"], rust["tag"], rust["fuzzy"]
    rows = []  # (peer, task, data, throughput, ratio, goal)

    def q_rate(r):
        us = r["us_per_item"]
        per = f"{us:.2f} µs/q" if us < 1000 else f"{us / 1000:.2f} ms/q"
        return f"{r['per_s']:,.0f} q/s ({per})" if r["per_s"] >= 100 else f"{r['per_s']:.1f} q/s ({per})"

    def ratio(canonym_s, peer_s):
        return peer_s / canonym_s

    def fmt_ratio(x):
        return f"{x:.3f}" if x < 0.1 else f"{x:.2f}" if x < 10 else f"{x:.0f}"

    # Exact lookup.
    c = ex["canonym_resolve"]
    n = f"{c['items']:,} names as written; {d['folded_keys']:,} keys"
    per_q = lambda r: r["median_s"] / r["items"]
    rows.append(("canonym `Index::resolve`", "exact lookup", n, q_rate(c), "1", ""))
    for key, peer, goal in [
        ("hashmap_incl_folding", "std `HashMap<String, Vec<u32>>` + `normalize::folded`", "≥ 0.67 (within 1.5x)"),
        ("hashmap_excl_folding", "std `HashMap` on pre-folded keys", ""),
        ("fst_get_excl_folding", "bare `fst::Map` on pre-folded keys (diagnostic)", ""),
        ("normalize_folded", "`normalize::folded` alone (diagnostic)", ""),
        ("normalize_canonym_4_keys", "canonym's 4 layer keys alone (diagnostic)", ""),
    ]:
        r = ex[key]
        rows.append((peer, "exact lookup", n, q_rate(r), fmt_ratio(ratio(per_q(c), per_q(r))), goal))

    # Tagging.
    c = tag["canonym_tag"]
    n = f"{d['text_bytes'] / 1e6:.1f} MB text, {d['folded_keys']:,} keys"
    mbs = lambda r: f"{r['mb_per_s']:.1f} MB/s ({r['mentions']:,} matches)"
    rows.append(("canonym `Index::tag` (GeoNames index)", "tag text", n, mbs(c), "1", ""))
    peers = [
        (tag["daachorse_leftmost_longest"], "daachorse bytewise, leftmost-longest + word-boundary filter", "≥ 1"),
        (tag["daachorse_charwise_leftmost_longest"], "daachorse charwise, leftmost-longest + word-boundary filter", "≥ 1"),
        (tag["aho_corasick_leftmost_longest"], "aho-corasick leftmost-longest + word-boundary filter", ""),
        (tag["aho_corasick_raw"], "aho-corasick leftmost-longest, no filter", ""),
        (py["flashtext"], "FlashText 2.7 `extract_keywords` (Python)", "≥ 25"),
        (tag["canonym_tag_sahel_lexicon"], "canonym `Index::tag`, embedded Sahel index (diagnostic)", ""),
    ]
    for r, peer, goal in peers:
        data = n.split(",")[0] + ", Sahel lexicon" if "Sahel" in peer else n
        rows.append((peer, "tag text", data, mbs(r), fmt_ratio(ratio(c["median_s"], r["median_s"])), goal))

    # Fuzzy.
    for k in (1, 2):
        c = fz[f"canonym_resolve_{k}_edit"]
        n = f"{c['items']:,} names with {k} edit{'s' if k > 1 else ''}; {d['folded_keys']:,} keys"
        qual = lambda r, key: f", {r['quality'][key] * 100:.1f}% found"
        rows.append(("canonym `Index::resolve` (fuzzy layer)", f"fuzzy, {k} edit{'s' if k > 1 else ''}", n,
                     q_rate(c) + qual(c, "own_entity_found"), "1", ""))
        s = py[f"symspell_{k}_edit"]
        rows.append((f"symspellpy 6.10.1 `lookup` CLOSEST, max distance {k}", f"fuzzy, {k} edit{'s' if k > 1 else ''}", n,
                     q_rate(s) + qual(s, "original_key_found"), fmt_ratio(ratio(per_q(c), per_q(s))),
                     "≥ 1" if k == 2 else ""))
        r = py[f"rapidfuzz_{k}_edit"]
        rows.append((f"rapidfuzz 3.14.6 `extractOne` fuzz.ratio (subsample of {r['subsample']})",
                     f"fuzzy, {k} edit{'s' if k > 1 else ''}", f"{r['subsample']} of those queries",
                     q_rate(r) + f", {r['quality']['original_key_first'] * 100:.0f}% top-1 = original",
                     fmt_ratio(ratio(per_q(c), per_q(r))), ""))

    print("| peer | task | data | throughput (median) | canonym speed ÷ peer speed | goal |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")

    m = rust["memory"]
    s2 = py["symspell_2_edit"]
    mib = lambda b: b / 1048576
    print()
    print("| structure | memory | canonym index ÷ it | goal |")
    print("|---|---|---|---|")
    idx = mib(m["index_bytes"])
    print(f"| canonym index (every layer, in memory) | {idx:,.0f} MiB | 1 | |")
    for name, v, goal in [
        ("symspellpy dictionary, max distance 2 (RSS growth)", s2["rss_delta_mib"], "≤ 0.1"),
        ("symspellpy dictionary, max distance 1 (RSS growth)", py["symspell_1_edit"]["rss_delta_mib"], ""),
        ("FlashText keyword trie (RSS growth)", py["flashtext"]["rss_delta_mib"], ""),
        ("std HashMap of folded keys (heap estimate)", mib(m["hashmap_heap_bytes_estimate"]), ""),
        ("aho-corasick automaton (`memory_usage`)", mib(tag["aho_corasick_leftmost_longest"]["memory_bytes"]), ""),
        ("daachorse bytewise (`heap_bytes`)", mib(tag["daachorse_leftmost_longest"]["memory_bytes"]), ""),
        ("bare fst::Map of the folded keys", mib(m["fst_map_bytes"]), ""),
    ]:
        print(f"| {name} | {v:,.0f} MiB | {idx / v:.2f} | {goal} |")


if __name__ == "__main__":
    main()
