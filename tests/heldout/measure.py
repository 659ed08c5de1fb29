#!/usr/bin/env python3
"""Scores a canonym binary on the held-out sets, as Markdown tables.

Usage: python3 tests/heldout/measure.py [--canonym BIN] [--lexicon INDEX_OR_DIR] [--set DIR]

The sets are those of DIR (default: this folder; `--set tests/heldout/s4` for the second
collection):

  names/names.tsv      top-1 accuracy and mean reciprocal rank, overall and by class,
                       script and language;
  names/negatives.tsv  how many strangers reach the entity they must not reach: as the best
                       candidate, and among the candidates returned;
  passages-*/          `canonym eval` (exact span and ID) overall and per language of
                       sources.tsv, the gold's IDs read through id-aliases.tsv; and the
                       descriptions that `tag --descriptions` finds against NNN.desc.tsv
                       (exact span and ID), which the annotation rules keep out of the gold.

It only runs the binary (`resolve --json -` and `eval --json`): the sets stay data that the
code never reads. Not run by CI: the figures go into the sets' READMEs.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rows(path):
    """Tab-separated rows; a line is a comment when it starts with '# ' (hashtags are names)."""
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip() and not line.startswith("# "):
            yield line.split("\t")


def resolve(args, names):
    """The candidate IDs of each name, best first."""
    command = [args.canonym, "resolve", "--json", "-"] + lexicon(args)
    lines = "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in names)
    out = subprocess.run(command, input=lines.encode(), capture_output=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit(f"canonym resolve failed: {out.stderr.decode()}")
    answers = [json.loads(l) for l in out.stdout.decode().splitlines()]
    assert len(answers) == len(names), (len(answers), len(names))
    return [[c["id"] for c in a["candidates"]] for a in answers]


def lexicon(args):
    return ["--lexicon", args.lexicon] if args.lexicon else []


def names_table(args):
    table = list(rows(args.set / "names" / "names.tsv"))
    found = resolve(args, [r[0] for r in table])
    groups = collections.defaultdict(lambda: [0, 0, 0.0])
    for row, ids in zip(table, found):
        name, expected, lang, script, cls = row[:5]
        rank = ids.index(expected) + 1 if expected in ids else None
        for key in ("all", f"class {cls}", f"script {script}", f"lang {lang}"):
            g = groups[key]
            g[0] += 1
            g[1] += rank == 1
            g[2] += 1 / rank if rank else 0
    print("| names | rows | top-1 | MRR |\n|---|---|---|---|")
    for key in sorted(groups, key=lambda k: (k != "all", k.split()[0], -groups[k][0])):
        n, top1, rr = groups[key]
        print(f"| {key} | {n} | {top1 / n:.3f} | {rr / n:.3f} |")
    negatives = list(rows(args.set / "names" / "negatives.tsv"))
    found = resolve(args, [r[0] for r in negatives])
    best = sum(1 for r, ids in zip(negatives, found) if ids[:1] == [r[1]])
    anywhere = sum(1 for r, ids in zip(negatives, found) if r[1] in ids)
    print(f"\nnegatives: {len(negatives)} rows; the forbidden entity is the best candidate for "
          f"{best}, among the candidates for {anywhere}\n")


def aliases():
    """Held-out IDs that the lexicon later added under another ID (id-aliases.tsv)."""
    return {r[0]: r[1] for r in rows(HERE / "id-aliases.tsv")}


def evaluate(args, folder):
    out = subprocess.run([args.canonym, "eval", "--json", str(folder)] + lexicon(args),
                         capture_output=True, check=False)
    if out.returncode != 0:
        sys.exit(f"canonym eval {folder} failed: {out.stderr.decode()}")
    return json.loads(out.stdout)


def aliased(line, ids):
    """A gold row with its ID read through the aliases."""
    fields = line.split("\t")
    if len(fields) == 6:
        fields[5] = ids.get(fields[5], fields[5])
    return "\t".join(fields)


# The passage folders whose gold holds only the entities the lexicon had when they were
# annotated: a mention of an entity it lacked then is no gold row, and the entity is listed in
# the folder's new-ids.tsv (see their READMEs). Once the lexicon holds such an entity, under that
# ID or an alias of it, tagging it is no false hit: those hits are set aside, neither true nor
# false, since the gold cannot score them.
GOLD_OF_THE_LEXICON_ONLY = {"s4/passages-fr-en", "s4/passages-world"}


def unscored_ids(folder, ids):
    """The IDs of new-ids.tsv, read through the aliases, for a folder of lexicon-only gold."""
    if str(folder.relative_to(HERE)) not in GOLD_OF_THE_LEXICON_ONLY:
        return set()
    return {ids.get(r[0], r[0]) for r in rows(folder / "new-ids.tsv") if r[0] != "ID"}


def passages(args, folder):
    ids = aliases()
    unscored = unscored_ids(folder, ids)
    sources = {r[0]: r for r in rows(folder / "sources.tsv") if r[0] != "FILE"}
    by_lang = collections.defaultdict(list)
    for name, row in sources.items():
        by_lang[row[2]].append(Path(name).stem)
    print(f"| {folder.name} | docs | P | R | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|---|")
    groups = [("all", sorted(Path(n).stem for n in sources))] + sorted(by_lang.items())
    for label, stems in groups:
        with tempfile.TemporaryDirectory() as tmp:
            for stem in stems:
                os.symlink(folder / (stem + ".txt"), Path(tmp) / (stem + ".txt"))
                gold = (folder / (stem + ".gold.tsv")).read_text(encoding="utf-8").split("\n")
                mapped = [gold[0]] + [aliased(line, ids) for line in gold[1:]]
                (Path(tmp) / (stem + ".gold.tsv")).write_text("\n".join(mapped), encoding="utf-8")
            r = evaluate(args, tmp)
        aside = sum(1 for h in r["false_hits"] if h["id"] in unscored)
        tp, fp, fn = r["tp"], r["fp"] - aside, r["fn"]
        p = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        note = f" ({aside} hits of entities the gold leaves out set aside)" if aside else ""
        print(f"| {label} | {len(stems)} | {p:.3f} | {rec:.3f} | {f1:.3f} | {tp} | {fp} | {fn} |{note}")
    print()


def descriptions(args, folder):
    """`tag --descriptions` against the description files: exact span and ID."""
    ids = aliases()
    texts = sorted(folder.glob("*.txt"))
    out = subprocess.run([args.canonym, "tag", "--json", "--descriptions"]
                         + [str(t) for t in texts] + lexicon(args),
                         capture_output=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit(f"canonym tag failed: {out.stderr.decode()}")
    found, gold = set(), set()
    for line in out.stdout.decode().splitlines():
        doc = json.loads(line)
        for m in doc["mentions"]:
            if m.get("form") == "description":
                found.add((Path(doc["doc"]).stem, m["start"], m["end"], m["id"]))
    for text in texts:
        desc = text.with_suffix(".desc.tsv")
        if desc.exists():
            for r in rows(desc):
                if r[0] != "start":
                    gold.add((text.stem, int(r[0]), int(r[1]), ids.get(r[5], r[5])))
    tp = len(found & gold)
    p = tp / len(found) if found else 1.0
    r = tp / len(gold) if gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"descriptions in {folder.name}: {len(gold)} in the files, {len(found)} tagged, "
          f"P {p:.3f} R {r:.3f} F1 {f1:.3f}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--canonym", default="target/release/canonym")
    ap.add_argument("--lexicon", help="an index file or lexicon folder (default: embedded)")
    ap.add_argument("--set", type=Path, default=HERE,
                    help="the folder of the sets: names/ and passages-*/ (default: this one)")
    args = ap.parse_args()
    args.set = args.set.resolve()
    names_table(args)
    for folder in sorted(args.set.glob("passages-*")):
        passages(args, folder)
        descriptions(args, folder)


if __name__ == "__main__":
    main()
