#!/bin/sh
# Issue 16's figure: what the export's chain check costs against the whole export, and how long
# `storectl verify` takes, on a demo store of about 1,000,000 events (20,000 chats).
#
#   swift build -c release --product storectl
#   Benchmarks/export-check.sh [STORECTL] [WORK]
#
# STORECTL defaults to .build/release/storectl; WORK (kept, so a second run reuses the store) to
# a new temporary directory. RUNS (default 3) full exports are timed; INTERACTIONS (default
# 20000) sets the store's size. The check time is the one the export prints ("verified in X s"),
# the time it spent hashing and comparing entries as they streamed; the export time is its own
# ("in DIR in Y s"). Prints a Markdown table and the medians.
set -eu
storectl=${1:-.build/release/storectl}
work=${2:-$(mktemp -d "${TMPDIR:-/tmp}/export-check.XXXXXX")}
runs=${RUNS:-3}
interactions=${INTERACTIONS:-20000}
db=$work/store.sqlite
mkdir -p "$work"

if [ ! -f "$db" ]; then
    echo "making $db (storectl demo --interactions $interactions)" >&2
    "$storectl" demo --interactions "$interactions" --db "$db" > /dev/null
fi
events=$(sqlite3 -readonly "$db" "SELECT count(*) FROM events")
entries=$(sqlite3 -readonly "$db" "SELECT count(*) FROM timeline")
echo "store: $db, $events events, $entries timeline entries; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '| run | export s | check s | check / export |\n|--:|--:|--:|--:|\n'
: > "$work/figures"
i=1
while [ "$i" -le "$runs" ]; do
    out=$work/run-$i
    rm -rf "$out"
    line=$("$storectl" export --out "$out" --full --db "$db" 2>/dev/null)
    check=$(printf '%s\n' "$line" | sed -n 's/.* verified in \([0-9.]*\) s,.*/\1/p')
    total=$(printf '%s\n' "$line" | sed -n 's/.* in \([0-9.]*\) s (.*/\1/p')
    ratio=$(awk -v c="$check" -v t="$total" 'BEGIN { printf "%.3f", c / t }')
    printf '| %d | %s | %s | %s |\n' "$i" "$total" "$check" "$ratio"
    echo "$total $check $ratio" >> "$work/figures"
    i=$((i + 1))
done

began=$(date +%s.%N)
"$storectl" verify "$work/run-1" --db "$db" > "$work/verify.out"
ended=$(date +%s.%N)
verify=$(awk -v a="$began" -v b="$ended" 'BEGIN { printf "%.2f", b - a }')

printf '\nmedian export %s s, median check %s s, median ratio %s (target <= 0.15); storectl verify %s s\n' \
    "$(cut -d' ' -f1 "$work/figures" | median)" "$(cut -d' ' -f2 "$work/figures" | median)" \
    "$(cut -d' ' -f3 "$work/figures" | median)" "$verify"
echo "work directory: $work (remove it when done)" >&2
