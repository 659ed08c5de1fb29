#!/usr/bin/env python3
"""Runs a blank French spaCy pipeline over a corpus with one entity component, as a whole
command, for timing with farm-bench: canonym's (its span group of every mention, or of the
longest only), spaCy's EntityRuler fed the same names, or none (the tokenizer alone, the
floor of all).

Usage: python python/benches/spacy_words.py CORPUS {canonym,canonym-longest,ruler,none}
                                            [--lines N]
                                            [--canonym BIN]

The ruler gets every name of `canonym export` (descriptions left out; a name shared by
several entities goes to the first, as benches/quality_peers.py feeds it), matched on LOWER.
Prints the number of words (spaCy tokens) and entities.
"""
import argparse
import csv
import io
import subprocess
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[2]


def ruler_patterns(canonym_bin):
    out = subprocess.run(
        [canonym_bin, "export", "--format", "tsv"], capture_output=True, check=True
    ).stdout.decode()
    by_name = {}
    for row in csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["form"] != "description":
            by_name.setdefault(row["name"], (row["id"], row["kind"]))
    return [{"label": kind, "pattern": name, "id": id} for name, (id, kind) in by_name.items()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("system", choices=["canonym", "canonym-longest", "ruler", "none"])
    ap.add_argument("--lines", type=int, default=None, help="the first N lines only")
    ap.add_argument("--canonym", default=str(ROOT / "target" / "release" / "canonym"))
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        texts = f.read().splitlines()[: args.lines]
    nlp = spacy.blank("fr")
    if args.system == "canonym":
        nlp.add_pipe("canonym")
    elif args.system == "canonym-longest":
        nlp.add_pipe("canonym", config={"spans": "longest"})
    elif args.system == "ruler":
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(ruler_patterns(args.canonym))
    words = ents = 0
    for doc in nlp.pipe(texts, batch_size=256):
        words += len(doc)
        ents += len(doc.ents)
    print(len(texts), "documents", words, "words", ents, "entities")


if __name__ == "__main__":
    main()
