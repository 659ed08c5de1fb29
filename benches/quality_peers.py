#!/usr/bin/env python3
"""Tagging quality beside the simple peers: FlashText and spaCy's EntityRuler, each fed every
name that `canonym export` gives, on the same gold as canonym (exact span and ID).

Usage: python3 benches/quality_peers.py [--canonym BIN] [--lexicon DIR]
Needs: pip install flashtext==2.7 'spacy==3.8.*' (a blank pipeline per language: no model).

Sets: seeds/ and every tests/heldout/passages-*/ and tests/heldout/s4/passages-*/ folder (NNN.txt + NNN.gold.tsv, languages
from sources.tsv). Every system is scored by the same function here: a mention counts when
its code-point span and its ID are a gold mention's (what `canonym eval` counts with bytes).

How the peers are fed, as a user of them would:
- a name shared by several entities goes to the first in the export (entity ID order): the
  peers have no way to choose;
- descriptions are left out (canonym never tags them either);
- FlashText matches case-insensitively, with every letter of the names as a word character
  (its default, [A-Za-z0-9_], would cut names at their accents and at other scripts);
- the EntityRuler matches on LOWER in `spacy.blank(lang)` for the passage's language.
Not run by CI.
"""
import argparse
import collections
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def names(args):
    command = [args.canonym, "export", "--format", "tsv"] + ([args.lexicon] if args.lexicon else [])
    out = subprocess.run(command, capture_output=True, check=True).stdout.decode()
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))
    by_name = {}
    for row in rows:
        if row["form"] != "description":
            by_name.setdefault(row["name"], (row["id"], row["kind"]))
    return by_name


def aliases():
    """Held-out IDs that the lexicon later added under another ID."""
    path = ROOT / "tests/heldout/id-aliases.tsv"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(l.split("\t")[:2] for l in lines if l.strip() and not l.startswith("# "))


# The hits that the s4 passage folders' gold cannot score are set aside for every system, by
# the rule of tests/heldout/measure.py (one place for it).
sys.path.insert(0, str(ROOT / "tests/heldout"))
import measure  # noqa: E402


def unscored_ids(folder):
    heldout = ROOT / "tests/heldout"
    if not folder.is_relative_to(heldout):
        return set()
    return measure.unscored_ids(folder, aliases())


def documents(folder):
    ids = aliases()
    langs = {}
    sources = folder / "sources.tsv"
    if sources.exists():
        for line in sources.read_text(encoding="utf-8").splitlines()[1:]:
            fields = line.split("\t")
            langs[Path(fields[0]).stem] = fields[2]
    for text in sorted(folder.glob("*.txt")):
        gold_file = text.with_suffix("").with_suffix(".gold.tsv")
        if not gold_file.exists():
            continue
        gold = set()
        for line in gold_file.read_text(encoding="utf-8").splitlines()[1:]:
            if line.strip():
                f = line.split("\t")
                gold.add((int(f[2]), int(f[3]), ids.get(f[5], f[5])))
        yield text.stem, langs.get(text.stem, "fr"), text.read_text(encoding="utf-8"), gold


def canonym_mentions(args, text):
    command = [args.canonym, "tag", "--json", "-"] + (["--lexicon", args.lexicon] if args.lexicon else [])
    line = json.dumps({"text": text}, ensure_ascii=False) + "\n"
    out = subprocess.run(command, input=line.encode(), capture_output=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit(out.stderr.decode())
    doc = json.loads(out.stdout)
    return {(m["char_start"], m["char_end"], m["id"]) for m in doc["mentions"]}


def flashtext_peer(by_name):
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for name in by_name:
        kp.non_word_boundaries.update(c for c in name.lower() if c.isalnum())
    for name, (entity, _) in by_name.items():
        kp.add_keyword(name, entity)

    def tag(text, _lang):
        return {(start, end, entity) for entity, start, end in kp.extract_keywords(text, span_info=True)}

    return tag


def spacy_peer(by_name):
    import spacy

    pipelines = {}
    patterns = [{"label": kind, "pattern": name, "id": entity} for name, (entity, kind) in by_name.items()]

    def pipeline(lang):
        if lang not in pipelines:
            try:
                nlp = spacy.blank(lang)
            except ImportError:
                nlp = spacy.blank("xx")
            ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
            ruler.add_patterns(patterns)
            pipelines[lang] = nlp
        return pipelines[lang]

    def tag(text, lang):
        doc = pipeline(lang)(text)
        return {(e.start_char, e.end_char, e.ent_id_) for e in doc.ents}

    return tag


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--canonym", default=str(ROOT / "target/release/canonym"))
    ap.add_argument("--lexicon", help="a lexicon folder (default: the embedded one)")
    args = ap.parse_args()
    by_name = names(args)
    systems = {
        "canonym": lambda text, _lang: canonym_mentions(args, text),
        "FlashText": flashtext_peer(by_name),
        "spaCy EntityRuler": spacy_peer(by_name),
    }
    heldout = ROOT / "tests/heldout"
    sets = [ROOT / "seeds"] + sorted(heldout.glob("passages-*")) + sorted(
        (heldout / "s4").glob("passages-*")
    )
    print(f"{len(by_name)} names fed to the peers\n")
    print("| set | docs | gold | system | P | R | F1 |\n|---|---|---|---|---|---|---|")
    for folder in sets:
        docs = list(documents(folder))
        unscored = unscored_ids(folder)
        groups = collections.defaultdict(list)
        for doc in docs:
            groups["all"].append(doc)
            if folder.name != "seeds":
                groups[doc[1]].append(doc)
        for group, members in sorted(groups.items(), key=lambda kv: (kv[0] != "all", kv[0])):
            gold_count = sum(len(d[3]) for d in members)
            for system, tag in systems.items():
                counts = [0, 0, 0]  # tp, found, gold
                for _, lang, text, gold in members:
                    found = {m for m in tag(text, lang) if m[2] not in unscored}
                    counts[0] += len(found & gold)
                    counts[1] += len(found)
                    counts[2] += len(gold)
                p = counts[0] / counts[1] if counts[1] else 1.0
                r = counts[0] / counts[2] if counts[2] else 1.0
                f = 2 * p * r / (p + r) if p + r else 0.0
                name = str(folder.relative_to(heldout)) if folder.is_relative_to(heldout) else folder.name
                label = name if group == "all" else f"{name} {group}"
                print(f"| {label} | {len(members)} | {gold_count} | {system} | {p:.3f} | {r:.3f} | {f:.3f} |")


if __name__ == "__main__":
    main()
