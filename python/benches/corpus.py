#!/usr/bin/env python3
"""Writes the benchmark corpus: real news text, one paragraph a line, repeated to a size.

Usage: python3 python/benches/corpus.py [--mb 10] [--out target/bench/corpus.txt] [--seeds-only]

The paragraphs are those of seeds/*.txt and tests/heldout/passages-*/*.txt (French, English
and other languages' news about the Sahel; about 0.9 MB), in file order, repeated until the
file holds at least --mb megabytes. With --seeds-only, those of seeds/*.txt alone (French,
about 20 kB), for sessions that must not read the held-out files. Not run by CI.
"""
import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def paragraphs(seeds_only):
    files = sorted((ROOT / "seeds").glob("*.txt"))
    if not seeds_only:
        for folder in sorted((ROOT / "tests" / "heldout").glob("passages-*")):
            files += sorted(folder.glob("*.txt"))
    for path in files:
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            paragraph = " ".join(paragraph.split())
            if paragraph:
                yield paragraph


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--out", default=str(ROOT / "target" / "bench" / "corpus.txt"))
    ap.add_argument("--seeds-only", action="store_true", help="leave out the held-out passages")
    args = ap.parse_args()
    lines = [p + "\n" for p in paragraphs(args.seeds_only)]
    once = sum(len(l.encode()) for l in lines)
    want = int(args.mb * 1e6)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = count = 0
    with out.open("w", encoding="utf-8") as f:
        while written < want:
            for line in lines:
                f.write(line)
                written += len(line.encode())
                count += 1
    print(f"{out}: {written / 1e6:.1f} MB, {count} lines ({once / 1e6:.2f} MB of distinct text)")


if __name__ == "__main__":
    main()
