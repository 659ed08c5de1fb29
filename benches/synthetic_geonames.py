#!/usr/bin/env python3
"""Scale GeoNames' cities500 up to a lexicon of any size, deterministically, for build benchmarks.

Usage: python3 benches/synthetic_geonames.py COPIES [--alternates] [SRC] [OUT_DIR]

SRC defaults to target/geonames/cities500.txt (written by benches/fetch_geonames.py), OUT_DIR
to target/geonames. Writes OUT_DIR/synthetic-<COPIES>.txt, a `geoname` table of COPIES times
the places of SRC: copy 0 is SRC itself, copy k > 0 gives each place the ID id + k * 20,000,000
and appends to each of its names one made-up word of syllables numbered by k ("Bamako Kelo"),
so every copy has keys of its own, of the lengths and scripts of real names. cities500 holds
1.19M names a canonym build keeps: 10 copies are the ~12M names of GeoNames' allCountries.

With --alternates, also writes OUT_DIR/synthetic-<COPIES>-alternate.txt in the layout of
alternateNamesV2.txt: each alternate name of each place once more, under a language and
flags cycled from fixed lists (they exercise the importer's paths; they are not facts).

Nothing is random: the same SRC and COPIES always give the same bytes.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "to", "sa", "bi", "do", "fu", "ge", "ha", "ji", "ko"]
LANGS = ["en", "fr", "de", "es", "ar", "ru", "", "abbr"]
STRIDE = 20_000_000


def word(k):
    """A made-up word for copy k: two syllables or more, capitalised."""
    parts = []
    k += len(SYLLABLES)  # at least two syllables
    while k:
        k, r = divmod(k, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(parts).capitalize()


def suffixed(names, w):
    return ",".join(f"{n} {w}" if n else n for n in names.split(","))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    alternates = "--alternates" in sys.argv
    if not args or not args[0].isdigit():
        sys.exit(__doc__)
    copies = int(args[0])
    src = Path(args[1]) if len(args) > 1 else ROOT / "target" / "geonames" / "cities500.txt"
    out_dir = Path(args[2]) if len(args) > 2 else src.parent
    rows = [line.rstrip("\n").split("\t") for line in src.open(encoding="utf-8")]
    main_path = out_dir / f"synthetic-{copies}.txt"
    alt_path = out_dir / f"synthetic-{copies}-alternate.txt"
    alt_id = 0
    with open(main_path.with_suffix(".tmp"), "w", encoding="utf-8") as out, \
            open(alt_path.with_suffix(".tmp") if alternates else "/dev/null", "w", encoding="utf-8") as alt:
        for k in range(copies):
            w = word(k)
            for fields in rows:
                fields = list(fields)
                geonameid = int(fields[0]) + k * STRIDE
                fields[0] = str(geonameid)
                if k:
                    for i in (1, 2):
                        fields[i] = f"{fields[i]} {w}" if fields[i] else ""
                    fields[3] = suffixed(fields[3], w)
                out.write("\t".join(fields) + "\n")
                if alternates:
                    for i, name in enumerate(n for n in fields[3].split(",") if n):
                        alt_id += 1
                        lang = LANGS[(alt_id + i) % len(LANGS)]
                        flags = ["1" if (alt_id % m == 0) else "" for m in (3, 5, 7, 11)]
                        alt.write("\t".join([str(alt_id), str(geonameid), lang, name] + flags) + "\n")
    main_path.with_suffix(".tmp").rename(main_path)
    if alternates:
        alt_path.with_suffix(".tmp").rename(alt_path)
    print(f"wrote {main_path}" + (f" and {alt_path}" if alternates else ""))


if __name__ == "__main__":
    main()
