#!/usr/bin/env python3
"""The Python peers of canonym, on the data the Rust `peers` binary wrote.

Usage: python3 benches/peers/peers.py [--data DIR] [--reps N] [--rapidfuzz N]

Reads DIR (default <repo>/target/peers/data): names.txt (canonym's folded keys, one per line),
text_folded.txt (the long text folded line by line with canonym's `normalize::folded`),
queries_fuzzy1.tsv and queries_fuzzy2.tsv (misspelled name, its folded key, the original
folded key, the entity). Measures:

* FlashText `extract_keywords` over the folded text, with every folded key as a keyword;
* symspellpy `lookup` (Verbosity.CLOSEST) at max edit distance 1 and 2, each on a dictionary
  built for that distance, and the memory of each dictionary (RSS before/after building);
* rapidfuzz `process.extractOne(scorer=fuzz.ratio)` over all folded keys, on a subsample of the
  misspelled queries (it compares the query with every key: O(keys) per query).

The packages are pip-installed (pinned) into <repo>/target/peers/.pylib. Prints one JSON object
on stdout; progress goes to stderr.
"""
import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LIB = ROOT / "target" / "peers" / ".pylib"
PINS = ["flashtext==2.7", "symspellpy[editdistpy]==6.10.1", "editdistpy==0.4.0", "rapidfuzz==3.14.6"]
T0 = time.perf_counter()


def log(msg):
    print(f"[peers.py {time.perf_counter() - T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def install():
    """pip-install the pinned packages into LIB unless every pinned version is there."""
    wanted = [p.replace("[editdistpy]", "").split("==") for p in PINS]
    if not all((LIB / f"{name}-{version}.dist-info").is_dir() for name, version in wanted):
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--upgrade", "--target", str(LIB), *PINS], check=True)
    sys.path.insert(0, str(LIB))  # first, so a global copy cannot shadow the pinned one


def rss_mib():
    """Resident set size of this process, MiB, after a full collection."""
    gc.collect()
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def timed(fn, warmup, reps):
    """Runs fn warmup + reps times; the sorted timings of the timed runs and fn's last result."""
    out = None
    for _ in range(warmup):
        out = fn()
    secs = []
    for _ in range(reps):
        t = time.perf_counter()
        out = fn()
        secs.append(time.perf_counter() - t)
    return sorted(secs), out


def result(secs, items, unit, **extra):
    m = statistics.median(secs)
    r = {"median_s": m, "min_s": secs[0], "max_s": secs[-1], "reps": len(secs), "items": items, "unit": unit}
    if unit == "bytes":
        r["mb_per_s"] = items / m / 1e6
    else:
        r["per_s"] = items / m
        r["us_per_item"] = m / items * 1e6
    r.update(extra)
    return r


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            query, folded, original, entity = line.rstrip("\n").split("\t")
            rows.append((query, folded, original, entity))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT / "target" / "peers" / "data"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rapidfuzz", type=int, default=100, help="misspelled queries per distance for rapidfuzz")
    args = ap.parse_args()
    install()
    import flashtext
    import rapidfuzz
    import symspellpy
    from flashtext import KeywordProcessor
    from rapidfuzz import fuzz, process
    from symspellpy import SymSpell, Verbosity
    from symspellpy.editdistance import DistanceAlgorithm, EditDistance

    data = Path(args.data)
    names = (data / "names.txt").read_text(encoding="utf-8").split("\n")
    names = [n for n in names if n]
    text = (data / "text_folded.txt").read_text(encoding="utf-8")
    text_bytes = len(text.encode("utf-8"))
    fuzzy = {d: read_tsv(data / f"queries_fuzzy{d}.tsv") for d in (1, 2)}
    out = {
        "versions": {"python": platform.python_version(), "flashtext": "2.7",
                     "symspellpy": symspellpy.__version__ if hasattr(symspellpy, "__version__") else "6.10.1",
                     "rapidfuzz": rapidfuzz.__version__},
        "data": {"names": len(names), "text_folded_bytes": text_bytes,
                 "queries_fuzzy1": len(fuzzy[1]), "queries_fuzzy2": len(fuzzy[2])},
    }
    log(f"{len(names)} keys, {text_bytes} bytes of folded text")

    # ---- FlashText -------------------------------------------------------------------------
    # The text and keywords are already folded (lowercase, no accents), so case_sensitive=True
    # skips FlashText's own lower() of the text, which would change nothing (measured: same
    # count). FlashText's word characters are [A-Za-z0-9_] only: letters of other scripts
    # (Cyrillic, Arabic, CJK) count as boundaries for it, not for the Rust automata's
    # is_alphanumeric() filter.
    rss0 = rss_mib()
    t = time.perf_counter()
    kp = KeywordProcessor(case_sensitive=True)
    for n in names:
        kp.add_keyword(n)
    build_s = time.perf_counter() - t
    rss1 = rss_mib()
    log(f"flashtext: built in {build_s:.1f}s, +{rss1 - rss0:.0f} MiB")
    secs, found = timed(lambda: kp.extract_keywords(text), 0, args.reps)
    out["flashtext"] = result(secs, text_bytes, "bytes", mentions=len(found), build_s=build_s,
                              rss_delta_mib=rss1 - rss0, warmup=0)
    log(f"flashtext: {statistics.median(secs):.2f}s per pass, {len(found)} mentions")
    del kp, found
    gc.collect()

    # ---- symspellpy ------------------------------------------------------------------------
    for d in (1, 2):
        rss0 = rss_mib()
        t = time.perf_counter()
        sym = SymSpell(max_dictionary_edit_distance=d, prefix_length=7,
                       distance_comparer=EditDistance(DistanceAlgorithm.DAMERAU_OSA_FAST))
        for n in names:  # multi-word keys: create_dictionary_entry, not load_dictionary (splits on spaces)
            sym.create_dictionary_entry(n, 1)
        build_s = time.perf_counter() - t
        rss1 = rss_mib()
        log(f"symspell d={d}: built in {build_s:.1f}s, +{rss1 - rss0:.0f} MiB, {len(sym.deletes)} delete keys")
        queries = [q[1] for q in fuzzy[d]]
        secs, sugg = timed(lambda: [sym.lookup(q, Verbosity.CLOSEST, max_edit_distance=d) for q in queries],
                           1, args.reps)
        hit = sum(any(s.term == row[2] for s in ss) for ss, row in zip(sugg, fuzzy[d]))
        answered = sum(bool(ss) for ss in sugg)
        first = sum(bool(ss) and ss[0].term == row[2] for ss, row in zip(sugg, fuzzy[d]))
        out[f"symspell_{d}_edit"] = result(
            secs, len(queries), "queries", build_s=build_s, rss_delta_mib=rss1 - rss0,
            delete_keys=len(sym.deletes), max_dictionary_edit_distance=d, prefix_length=7,
            quality={"answered": answered / len(queries), "original_key_found": hit / len(queries),
                     "original_key_first": first / len(queries),
                     "mean_suggestions": sum(map(len, sugg)) / len(queries)})
        log(f"symspell d={d}: {statistics.median(secs) / len(queries) * 1e6:.0f} us/query")
        del sym, sugg
        gc.collect()

    # ---- rapidfuzz -------------------------------------------------------------------------
    for d in (1, 2):
        rows = fuzzy[d][: args.rapidfuzz]
        queries = [r[1] for r in rows]
        f = lambda: [process.extractOne(q, names, scorer=fuzz.ratio, processor=None) for q in queries]
        secs, best = timed(f, 0, 1)
        hit = sum(b is not None and b[0] == r[2] for b, r in zip(best, rows))
        out[f"rapidfuzz_{d}_edit"] = result(
            secs, len(queries), "queries", subsample=len(queries), of=len(fuzzy[d]),
            scorer="fuzz.ratio", choices=len(names),
            quality={"original_key_first": hit / len(queries)},
            note="exhaustive: compares each query with every key; first queries of the set, one timed pass")
        log(f"rapidfuzz d={d}: {statistics.median(secs) / len(queries) * 1e3:.1f} ms/query")

    out["total_s"] = time.perf_counter() - T0
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
