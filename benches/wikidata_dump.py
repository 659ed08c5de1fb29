#!/usr/bin/env python3
"""Writes a Wikidata-format JSON dump of N generated entities (default 1,000,000), gzipped, for
timing `canonym import --format wikidata` (see benches/README.md).

    python3 benches/wikidata_dump.py target/wikidata-1m.json.gz 1000000

Each entity is shaped like a small real item: labels in six languages (two scripts besides
Latin), two aliases, P31 (town, or human for one in ten), P17 to one of 50 generated countries
with a P297 code, a few claims that are not read (P625 coordinates, P1082 population) and two
sitelinks. The names are made of syllables, so they are all different and look like names.
"""

import gzip
import json
import sys

SYLLABLES = ["ba", "ma", "ko", "ki", "dal", "ga", "o", "ni", "tim", "buk", "tu", "sa", "re",
             "dou", "en", "za", "me", "nak", "ta", "lo"]


def word(n):
    parts = []
    while True:
        parts.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
        if n == 0:
            break
    return "".join(parts).capitalize()


def item(qid):
    return {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}


def statement(prop, datavalue, datatype):
    return {"mainsnak": {"snaktype": "value", "property": prop, "datavalue": datavalue,
                         "datatype": datatype},
            "type": "statement", "id": f"{prop}$x", "rank": "normal"}


def link(prop, qid):
    return statement(prop, {"value": item(qid), "type": "wikibase-entityid"}, "wikibase-item")


def entity(n):
    qid = f"Q{1000 + n}"
    name = word(n)
    claims = {"P31": [link("P31", "Q5" if n % 10 == 0 else "Q3957")],
              "P625": [statement("P625", {"value": {"latitude": 14.0 + n % 7, "longitude": -3.5,
                                                    "precision": 0.0001, "globe": "Q2"},
                                          "type": "globecoordinate"}, "globe-coordinate")],
              "P1082": [statement("P1082", {"value": {"amount": f"+{n % 90000}", "unit": "1"},
                                            "type": "quantity"}, "quantity")]}
    if n < 50:
        claims["P297"] = [statement("P297", {"value": "A" + chr(65 + n % 26) if n < 26
                                             else "B" + chr(65 + n % 26), "type": "string"},
                                    "external-id")]
    else:
        claims["P17"] = [link("P17", f"Q{1000 + n % 50}")]
    labels = {"en": name, "fr": name + "e", "de": name + "a", "es": name + "o",
              "ru": "Кир" + name.lower(), "ar": "مدينة " + str(n)}
    return {"type": "item", "id": qid,
            "labels": {k: {"language": k, "value": v} for k, v in labels.items()},
            "descriptions": {"en": {"language": "en", "value": "generated place"}},
            "aliases": {"en": [{"language": "en", "value": name + " Town"},
                               {"language": "en", "value": "T" + str(n)}]},
            "claims": claims,
            "sitelinks": {"enwiki": {"site": "enwiki", "title": name + " (town)", "badges": []},
                          "frwiki": {"site": "frwiki", "title": name, "badges": []}},
            "lastrevid": 1}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "target/wikidata-1m.json.gz"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        out.write("[\n")
        for n in range(count):
            out.write(json.dumps(entity(n), ensure_ascii=False, separators=(",", ":")))
            out.write(",\n" if n + 1 < count else "\n")
        out.write("]\n")


if __name__ == "__main__":
    main()
