#!/usr/bin/env bash
# Crash-safety harness for `storectl import --commit-every` (issue 7, part 1).
#
# Emits a demo log, imports it once uninterrupted (the reference), then starts
# `storectl import LOG --db DB --commit-every N` again and again and kills it with SIGKILL after a
# random (seeded) delay. After every run it checks that:
#   - `storectl check` passes (integrity, foreign keys, migrations, hash chains);
#   - every line the importer acknowledged on stderr (`committed: N events through line L`) is
#     stored: no acknowledged event is lost;
#   - no event is half-applied (the cross-table invariants below hold);
# and whenever an import finishes (by itself, or the final run after the last kill) that the
# store equals the reference (a dump of every table but bookkeeping). Killed imports resume by
# running again; a finished store starts a new cycle with a fresh database.
#
# Usage: Tests/Scripts/crash-test.sh [--kills N] [--chats N] [--seed S] [--commit-every N]
#                                    [--max-delay-ms MS] [--storectl PATH] [--keep]
#   --kills N         SIGKILLs to survive (default 50)
#   --chats N         chats in the demo log, about 51 events each (default 300)
#   --seed S          seed of the kill schedule (default 20261124); the log's seed is fixed
#   --commit-every N  batch size given to the importer (default 500)
#   --max-delay-ms MS longest delay before a kill (default: the reference import's time + 50 ms)
#   --storectl PATH   the binary (default: $STORECTL_BINARY, else .build/release, else .build/debug)
#   --keep            keep the work directory
# Needs the sqlite3 command-line shell. Exit 0 when every check passed, 1 otherwise.
set -euo pipefail

kills=50 chats=300 seed=20261124 commit_every=500 max_delay_ms="" storectl="${STORECTL_BINARY:-}" keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --kills) kills="$2"; shift 2 ;;
        --chats) chats="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --commit-every) commit_every="$2"; shift 2 ;;
        --max-delay-ms) max_delay_ms="$2"; shift 2 ;;
        --storectl) storectl="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "crash-test.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done

root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -z "$storectl" ]; then
    for candidate in "$root/.build/release/storectl" "$root/.build/debug/storectl"; do
        if [ -x "$candidate" ]; then storectl="$candidate"; break; fi
    done
fi
[ -n "$storectl" ] && [ -x "$storectl" ] || { echo "crash-test.sh: no storectl binary; build it (swift build -c release) or pass --storectl PATH" >&2; exit 66; }
command -v sqlite3 >/dev/null || { echo "crash-test.sh: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 69; }

work="$(mktemp -d "${TMPDIR:-/tmp}/crash-test.XXXXXX")"
child=""
cleanup() {
    if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then kill -9 "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
    if [ "$keep" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

now_ms() { date +%s%3N; }

log="$work/demo.ndjson"
"$storectl" demo --emit "$log" --interactions "$chats" --seed 5 2>/dev/null
lines=$(wc -l < "$log")
# Demo lines start with {"id":"…", (ASCII ids, no escapes): the id of each line, in order.
sed -E 's/^\{"id":"([^"]*)".*/\1/' "$log" > "$work/ids"

# A canonical dump: every table except bookkeeping (migration timings, export runs, sequences).
dump() {
    sqlite3 "$1" .dump | grep -v -E '^INSERT INTO "?(schema_migrations|export_runs|sqlite_sequence)"? '
}

# Cross-table invariants: each query counts rows that break one (see ReliabilitySupport.swift).
invariants="
SELECT 'timeline seq not contiguous', count(*) FROM (SELECT interaction_id FROM timeline GROUP BY interaction_id HAVING min(seq) != 1 OR max(seq) != count(*));
SELECT 'next_entry disagrees', count(*) FROM interactions i WHERE next_entry != 1 + (SELECT coalesce(max(seq), 0) FROM timeline t WHERE t.interaction_id = i.id);
SELECT 'chain_head disagrees', count(*) FROM interactions i WHERE chain_head IS NOT (SELECT hash FROM timeline t WHERE t.interaction_id = i.id ORDER BY seq DESC LIMIT 1);
SELECT 'ended with a connected party', count(*) FROM interactions i JOIN connections c ON c.interaction_id = i.id WHERE i.status = 'ended' AND c.left_at IS NULL;
SELECT 'open connections disagree with timeline', count(*) FROM interactions i WHERE (SELECT count(*) FROM connections c WHERE c.interaction_id = i.id AND c.left_at IS NULL) != (SELECT count(*) FILTER (WHERE kind = 'joined') - count(*) FILTER (WHERE kind IN ('left', 'removed')) FROM timeline t WHERE t.interaction_id = i.id);
SELECT 'connections disagree with joined entries', count(*) FROM interactions i WHERE (SELECT count(*) FROM connections c WHERE c.interaction_id = i.id) != (SELECT count(*) FROM timeline t WHERE t.interaction_id = i.id AND kind = 'joined');
SELECT 'pending request in ended interaction', count(*) FROM requests r JOIN interactions i ON i.id = r.interaction_id WHERE r.status = 'pending' AND i.status = 'ended';
SELECT 'owner not connected', count(*) FROM interactions i WHERE i.status = 'active' AND i.owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM connections c WHERE c.interaction_id = i.id AND c.party_id = i.owner_id AND c.left_at IS NULL);
SELECT 'message without its entry', count(*) FROM events e WHERE e.type = 'message' AND (SELECT count(*) FROM timeline t WHERE t.event_seq = e.seq AND t.kind = 'message') != 1;
SELECT 'agent.state without its row', count(*) FROM events e WHERE e.type = 'agent.state' AND NOT EXISTS (SELECT 1 FROM agent_states a WHERE a.event_seq = e.seq);
SELECT 'disposition.set without its row', count(*) FROM events e WHERE e.type = 'disposition.set' AND NOT EXISTS (SELECT 1 FROM disposition_changes d WHERE d.event_seq = e.seq);
SELECT 'start without its interaction', count(*) FROM events e WHERE e.type IN ('chat.started', 'consultation.requested') AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.started_seq = e.seq);
SELECT 'request event without its request', count(*) FROM events e WHERE e.type LIKE '%.requested' AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.requested_seq = e.seq);
SELECT 'entry after the end', count(*) FROM timeline t JOIN interactions i ON i.id = t.interaction_id WHERE i.ended_at IS NOT NULL AND t.at > i.ended_at;
"

reference="$work/reference.sqlite"
started=$(now_ms)
"$storectl" import "$log" --db "$reference" --quiet
reference_ms=$(( $(now_ms) - started ))
dump "$reference" > "$work/reference.dump"
[ -n "$max_delay_ms" ] || max_delay_ms=$(( reference_ms + 50 ))
echo "crash-test: $lines events ($chats chats); uninterrupted import ${reference_ms} ms; $kills kills, delays 10..${max_delay_ms} ms, seed $seed; storectl $storectl"

RANDOM=$seed
killed=0 cycle=0 completed=0 batches=0 lost=0 failures=0
db="$work/crash-0.sqlite"
current_complete=0
fail() { echo "FAIL (kill $killed, cycle $cycle): $*" >&2; failures=$((failures + 1)); }

while [ "$killed" -lt "$kills" ] || [ "$current_complete" = 0 ]; do
    err="$work/stderr"
    "$storectl" import "$log" --db "$db" --commit-every "$commit_every" 2> "$err" > /dev/null &
    child=$!
    was_killed=0
    if [ "$killed" -lt "$kills" ]; then
        delay=$(( 10 + (RANDOM * 32768 + RANDOM) % max_delay_ms ))
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
        if kill -9 "$child" 2>/dev/null; then was_killed=1; fi
    fi
    set +e; { wait "$child"; } 2>/dev/null; rc=$?; set -e
    child=""
    if [ "$was_killed" = 1 ] && [ "$rc" = 137 ]; then
        killed=$((killed + 1))
    else
        was_killed=0
        [ "$rc" = 0 ] || fail "an import that was not killed exited $rc: $(tail -3 "$err")"
    fi
    acks=$(grep -c '^committed: ' "$err" || true)
    batches=$((batches + acks))
    through=$({ grep '^committed: ' "$err" || true; } | tail -1 | sed -E 's/.* through line ([0-9]+)$/\1/')
    through=${through:-0}

    if [ -f "$db" ] && [ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'")" = 1 ]; then
        if ! out=$("$storectl" check --db "$db" 2>&1); then fail "storectl check: $out"; fi
        broken=$(sqlite3 -separator ': ' "$db" "$invariants" | grep -v ': 0$' || true)
        [ -z "$broken" ] || fail "half-applied state: $broken"
        sqlite3 "$db" "SELECT event_id FROM events" | sort > "$work/stored"
        missing=$(head -n "$through" "$work/ids" | sort | comm -23 - "$work/stored" | wc -l)
        if [ "$missing" != 0 ]; then lost=$((lost + missing)); fail "$missing acknowledged event(s) missing (acknowledged through line $through)"; fi
    elif [ "$acks" != 0 ]; then
        fail "a batch was acknowledged but the database was never migrated"
    fi

    current_complete=$(( 1 - was_killed ))
    if [ "$was_killed" = 0 ]; then
        completed=$((completed + 1))
        if ! dump "$db" | cmp -s - "$work/reference.dump"; then
            fail "the finished store differs from an uninterrupted import"
            dump "$db" | diff "$work/reference.dump" - | head -5 >&2 || true
        fi
        if [ "$killed" -lt "$kills" ]; then
            cycle=$((cycle + 1)); db="$work/crash-$cycle.sqlite"; current_complete=0
        fi
    fi
    printf '\r  kills %d/%d, stores finished %d, acknowledged batches %d, lost %d, failures %d ' "$killed" "$kills" "$completed" "$batches" "$lost" "$failures"
done
echo
echo "crash-test: $killed kills survived; $completed store(s) finished and equal to the uninterrupted import; $batches acknowledged batches; $lost acknowledged events lost; $failures failure(s)"
[ "$failures" = 0 ]
