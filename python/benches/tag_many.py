#!/usr/bin/env python3
"""Tags a corpus (one document a line) with canonym.Index.tag_many, as a whole command, for
timing beside `canonym tag --json -` on the same file (python/README.md says how).

Usage: python python/benches/tag_many.py CORPUS [--threads N] [--index FILE]

Prints the number of documents and mentions, so that both commands can be checked to agree,
and the seconds spent in the `tag_many` call alone (the rest is Python's start, reading the
file into strings and freeing the answers).
"""
import argparse
import time

import canonym


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--index", help="an index file (default: the embedded lexicon)")
    args = ap.parse_args()
    index = canonym.Index.open(args.index) if args.index else canonym.Index.default()
    # Read as bytes and decoded once, as the binary reads its input: text mode's newline
    # translation alone costs more than the rest of the reading (85 ms of 115 on 10 MB).
    with open(args.corpus, "rb") as f:
        texts = f.read().decode("utf-8").splitlines()
    start = time.perf_counter()
    mentions = index.tag_many(texts, threads=args.threads)
    seconds = time.perf_counter() - start
    print(len(texts), "documents", sum(map(len, mentions)), "mentions", f"{seconds:.3f} s in tag_many")


if __name__ == "__main__":
    main()
