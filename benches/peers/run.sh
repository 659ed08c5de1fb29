#!/usr/bin/env bash
# The side-by-side peer benchmark, end to end: data, Rust peers, Python peers, merged results.
#
#   benches/peers/run.sh [extra arguments for the Rust `peers` binary]
#
# Writes target/peers/{rust.json,python.json,results.json,results.md} and prints the table.
# Builds with its own target dir (target/peers), never touching the main build.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=target/peers
mkdir -p "$OUT"

if [ ! -s target/geonames/cities500.txt ]; then
    echo "== fetching GeoNames cities500 (benches/fetch_geonames.py)" >&2
    python3 benches/fetch_geonames.py
fi

echo "== building benches/peers" >&2
cargo build --release --manifest-path benches/peers/Cargo.toml --target-dir "$OUT" >&2

# What was measured: the canonym sources as they were on disk (no git needed).
fingerprint=$(find src lexicon Cargo.toml Cargo.lock build.rs -type f -print0 2>/dev/null \
    | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
start=$(date -u +%Y-%m-%dT%H:%M:%SZ)
python3 - "$OUT/meta.json" "$fingerprint" "$start" "$(rustc --version)" <<'EOF'
import json, sys
json.dump({"canonym_sources_sha256_16": sys.argv[2], "started_utc": sys.argv[3], "rustc": sys.argv[4]},
          open(sys.argv[1], "w"), indent=2)
EOF

echo "== Rust peers (canonym, HashMap, fst, aho-corasick, daachorse)" >&2
SECONDS=0
"$OUT/release/peers" --out "$OUT/data" "$@" > "$OUT/rust.json"
echo "   $SECONDS s" >&2

echo "== Python peers (FlashText, symspellpy, rapidfuzz)" >&2
SECONDS=0
python3 benches/peers/peers.py --data "$OUT/data" > "$OUT/python.json"
echo "   $SECONDS s" >&2

python3 benches/peers/merge.py "$OUT/rust.json" "$OUT/python.json" "$OUT/meta.json" "$OUT/results.json" \
    | tee "$OUT/results.md"
echo >&2
echo "results: $OUT/results.json, $OUT/results.md" >&2
