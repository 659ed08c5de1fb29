#!/bin/sh
# Instruction counts (valgrind's callgrind) of one iteration of each criterion benchmark, and
# of a cold `canonym resolve` on the embedded lexicon: figures that hold on a noisy machine,
# where wall times do not. Needs valgrind (Debian package `valgrind`).
#
#   benches/instructions.sh [FILTER]    (FILTER: a criterion filter; default every `/sahel` one)
#
# Criterion's `--test` mode runs each benchmark's routine once; callgrind counts only inside
# `Bencher::iter` (--toggle-collect), so the set-up (building the index, sampling the queries)
# is left out (for the build benchmarks, see below). Prints one `benchmark<TAB>instructions`
# line each.
set -eu
cd "$(dirname "$0")/.."
filter=${1:-/sahel}
cargo bench --bench canonym --no-run 2>/dev/null
# The bench harness, not the canonym binary that `cargo bench` builds beside it.
bench=$(cargo bench --bench canonym --no-run --message-format=json 2>/dev/null |
    grep '"kind":\["bench"\]' |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
[ -x "$bench" ] || { echo "instructions.sh: no bench executable" >&2; exit 1; }
cargo build --release --bin canonym 2>/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # the total of a callgrind output file
    sed -n 's/^summary: *//p; s/^totals: *//p' "$1" | head -1
}

# Unless GeoNames is asked for, the harness does not load it (minutes under valgrind).
case $filter in *geonames*) ;; *) export CANONYM_BENCH_SAHEL_ONLY=1 ;; esac
# The build benchmarks run threads of their own, which --toggle-collect does not see (their
# stacks do not hold Bencher::iter): they are counted whole, less a run of the harness that
# benchmarks nothing (the same set-up).
baseline=
for id in $("$bench" --list "$filter" 2>/dev/null | sed -n 's/: benchmark$//p'); do
    case $id in
    build/*)
        if [ -z "$baseline" ]; then
            valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
                "$bench" --test --exact no/such/benchmark >/dev/null 2>&1
            baseline=$(count "$out/cg")
        fi
        valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
            "$bench" --test --exact "$id" >/dev/null 2>&1
        printf '%s\t%s\n' "$id" "$(($(count "$out/cg") - baseline))"
        ;;
    *)
        valgrind --tool=callgrind --toggle-collect='*Bencher*::iter*' \
            --callgrind-out-file="$out/cg" "$bench" --test --exact "$id" >/dev/null 2>&1
        printf '%s\t%s\n' "$id" "$(count "$out/cg")"
        ;;
    esac
done

valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
    target/release/canonym resolve "Tin Zaouatine" >/dev/null 2>&1
printf 'cold canonym resolve "Tin Zaouatine"\t%s\n' "$(count "$out/cg")"
valgrind --tool=callgrind --callgrind-out-file="$out/cg" /bin/true >/dev/null 2>&1
printf '/bin/true\t%s\n' "$(count "$out/cg")"
