#!/usr/bin/env python3
"""Tags a corpus (one document a line) with canonym.Index.tag_many, as a whole command, for
timing beside `canonym tag --json -` on the same file (python/README.md says how).

Usage: python python/benches/tag_many.py CORPUS [--threads N] [--index FILE]

Prints the number of documents and mentions, so that both commands can be checked to agree.
"""
import argparse

import canonym


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--index", help="an index file (default: the embedded lexicon)")
    args = ap.parse_args()
    index = canonym.Index.open(args.index) if args.index else canonym.Index.default()
    with open(args.corpus, encoding="utf-8") as f:
        texts = f.read().splitlines()
    mentions = index.tag_many(texts, threads=args.threads)
    print(len(texts), "documents", sum(map(len, mentions)), "mentions")


if __name__ == "__main__":
    main()
