#!/bin/sh
# Issue 13's target: every console page of SPEC section 7 answers in under 200 ms server time on
# a store of 100,000 chats. Starts `storectl serve` on the store (loopback, port 0, no tokens),
# picks the ids to ask for from the store, requests each page once to warm it, then RUNS times
# (default 5) with curl, and prints a Markdown table of the median and largest
# time_starttransfer (the time to the first byte: the server renders a page whole before it
# answers, so this is the server's time plus a loopback round trip).
#
#   swift build -c release --product storectl
#   storectl demo --interactions 100000 --db /tmp/perf/100k.sqlite    # once; a few minutes
#   Benchmarks/console-pages.sh [STORECTL] [DB]
#
# STORECTL defaults to .build/release/storectl, DB to /tmp/perf/100k.sqlite. Needs curl and sqlite3.
# `serve` migrates DB on open: a binary with a newer migration (V0004) rewrites three indexes of
# it (about 5 s, once); give it a copy when an older binary or another session still uses DB.
set -eu
storectl=${1:-.build/release/storectl}
db=${2:-/tmp/perf/100k.sqlite}
runs=${RUNS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/console-pages.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

q() { sqlite3 -readonly "$db" "$1"; }
# URL-encodes a value for a query string (ids here are ASCII; encode everything outside the unreserved set).
enc() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/\(..\)/%\1/g'; }

chats=$(q "SELECT count(*) FROM interactions WHERE kind = 'chat'")
# A chat that had a consultation (its transcript links one), well inside the store.
chat=$(q "SELECT parent_id FROM interactions WHERE kind = 'consultation' ORDER BY started_at LIMIT 1 OFFSET 1000")
agent=$(q "SELECT agent_id FROM agent_states GROUP BY agent_id ORDER BY count(*) DESC, agent_id LIMIT 1")
# Page 11 of the list: continue before the 1000th newest.
before=$(q "SELECT id FROM interactions ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET 999")
# A contact seen in one chat only: the search must look at every interaction to find it.
contact=$(q "SELECT contact_id FROM interactions WHERE kind = 'chat' ORDER BY started_at LIMIT 1 OFFSET 5000")
day=$(q "SELECT strftime('%Y-%m-%d', min(at) / 1000 + 86400 * 3, 'unixepoch') FROM agent_states")
echo "store: $db, $chats chats; chat $chat, agent $agent, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

"$storectl" serve --db "$db" --listen 127.0.0.1:0 2>"$work/serve.log" &
server_pid=$!
base=""
tries=0
while [ -z "$base" ]; do
    base=$(sed -n 's/^listening on \(http:\/\/[^ ]*\)$/\1/p' "$work/serve.log" | head -1)
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || { echo "no 'listening on' line" >&2; exit 1; }
    [ -n "$base" ] || sleep 0.1
done

printf '| page | path | status | bytes | median ms | max ms |\n|---|---|--:|--:|--:|--:|\n'
page() {
    name=$1 path=$2
    curl -s -o /dev/null "$base$path"
    : > "$work/times"
    i=0
    while [ "$i" -lt "$runs" ]; do
        curl -s -o "$work/body" -w '%{http_code} %{size_download} %{time_starttransfer}\n' "$base$path" >> "$work/times"
        i=$((i + 1))
    done
    status=$(tail -1 "$work/times" | cut -d' ' -f1)
    bytes=$(tail -1 "$work/times" | cut -d' ' -f2)
    median=$(cut -d' ' -f3 "$work/times" | sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] * 1000 }')
    max=$(cut -d' ' -f3 "$work/times" | sort -n | tail -1 | awk '{ printf "%.0f", $1 * 1000 }')
    printf '| %s | `%s` | %s | %s | %s | %s |\n' "$name" "$path" "$status" "$bytes" "$median" "$max"
}

page "overview, default range" "/"
page "overview, all time" "/?span=all"
page "overview, default range, one agent" "/?agent=$(enc "$agent")"
page "overview, all time, one agent" "/?span=all&agent=$(enc "$agent")"
page "interactions, page 1" "/interactions"
page "interactions, page 11" "/interactions?before=$(enc "$before")"
page "interactions, search an agent" "/interactions?q=$(enc "$agent")"
page "interactions, search a contact" "/interactions?q=$(enc "$contact")"
page "transcript (agent view)" "/interactions/$(enc "$chat")"
page "transcript (contact view)" "/interactions/$(enc "$chat")?as=contact"
page "audit" "/interactions/$(enc "$chat")/audit"
page "agents, latest day" "/agents"
page "agents, another day" "/agents?day=$day"
echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
