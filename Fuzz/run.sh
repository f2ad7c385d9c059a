#!/usr/bin/env bash
# Builds and runs the libFuzzer target of the event decoder + workflow rules (Fuzz/FuzzEventPipeline.swift).
#
# Usage: Fuzz/run.sh [SECONDS] [-- LIBFUZZER OPTIONS…]
#        Fuzz/run.sh --reproduce FILE…   run the given inputs once (e.g. a crash artifact)
#   SECONDS  how long to fuzz (default 60; CI runs the default, a longer run: Fuzz/run.sh 3600)
# Environment:
#   FUZZ_WORK  working directory (default /tmp/interactionstore-fuzz): the binary, the growing
#              corpus (corpus/) and crash artifacts (artifacts/) — kept between runs
#   FUZZ_JOBS  parallel fuzzing jobs (default 1)
#
# The target is compiled with `swiftc -sanitize=fuzzer,address` from the pure modules' sources
# (no SQLite, no swift-crypto): Sources/InteractionModel (the model, the rules, the values) and
# Sources/EventLog (the scanner, the decoder, the encoder); files importing Crypto, CSQLite or
# Logging are left out.
# Seeds: Tests/HostileInputs/*.ndjson (read-only) plus the working corpus. A crash is written to
# artifacts/crash-*; reproduce it with --reproduce, then add it to Tests/HostileInputs/ with its
# expectation (a regression test) and fix the bug. Exit 0 when no crash was found.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="${FUZZ_WORK:-/tmp/interactionstore-fuzz}"
jobs="${FUZZ_JOBS:-1}"
mkdir -p "$work/corpus" "$work/artifacts"

reproduce=0 seconds=60
if [ "${1:-}" = "--reproduce" ]; then reproduce=1; shift
elif [ $# -gt 0 ] && [ "$1" != "--" ]; then seconds="$1"; shift; fi
[ "${1:-}" = "--" ] && shift

sources=()
# Every file of the two modules, subfolders included (Model/Vocabulary/, Workflow/State/).
while IFS= read -r file; do
    if grep -qE '^import (Crypto|CSQLite|Logging)' "$file"; then continue; fi
    sources+=("$file")
done < <(find "$root/Sources/InteractionModel" "$root/Sources/EventLog" -name '*.swift' | sort)
# One fuzz module holds both modules' files: copies without the import of InteractionModel.
copies="$work/sources"
rm -rf "$copies" && mkdir -p "$copies"
for file in "${sources[@]}"; do
    grep -vE '^import InteractionModel$' "$file" > "$copies/$(basename "$(dirname "$file")")-$(basename "$file")"
done

binary="$work/fuzz-event-pipeline"
newest=$(ls -t "${sources[@]}" "$root/Fuzz/FuzzEventPipeline.swift" | head -1)
sources=("$copies"/*.swift)
if [ ! -x "$binary" ] || [ "$newest" -nt "$binary" ]; then
    echo "fuzz: building $binary from ${#sources[@]} library files" >&2
    swiftc -sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g \
        -module-name FuzzEventPipeline -package-name InteractionStore "${sources[@]}" "$root/Fuzz/FuzzEventPipeline.swift" \
        -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
fi

# Swift's own crash backtracer reads memory ASan does not expect; libFuzzer reports crashes itself.
export SWIFT_BACKTRACE=enable=no
if [ "$reproduce" = 1 ]; then
    exec "$binary" "$@"
fi

dict=()
[ -f "$root/Fuzz/event.dict" ] && dict=(-dict="$root/Fuzz/event.dict")
echo "fuzz: running for $seconds s (corpus $work/corpus, seeds Tests/HostileInputs, artifacts $work/artifacts)" >&2
parallel=()
if [ "$jobs" -gt 1 ]; then parallel=(-jobs="$jobs" -workers="$jobs"); fi
cd "$work"  # libFuzzer's job mode writes fuzz-N.log into the current directory
rm -f fuzz-*.log
set +e
"$binary" "$work/corpus" "$root/Tests/HostileInputs" "${dict[@]}" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "${parallel[@]}" "$@" 2>&1 | tee "$work/last-run.log" | grep -vE '^#[0-9]+.*(NEW|REDUCE|pulse)'
status=${PIPESTATUS[0]}
set -e
shopt -s nullglob
runs=$(cat "$work/last-run.log" fuzz-*.log | { grep -E '^stat::number_of_executed_units' || true; } | awk '{s += $2} END {print s + 0}')
crashes=$(ls "$work/artifacts" | grep -cE '^(crash|leak|timeout|oom)-' || true)
echo "fuzz: $runs executions, exit $status, $crashes artifact(s) in $work/artifacts" >&2
exit "$status"
