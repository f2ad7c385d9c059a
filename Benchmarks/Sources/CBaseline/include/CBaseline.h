// The raw-SQLite baseline of storebench: what SQLite itself does with exactly the rows the
// store writes, with the same schema, pragmas, indexes and triggers, one prepared statement per
// table, reused. No rules, no JSON, no hashing: the practical limit on this machine.
#ifndef CBASELINE_H
#define CBASELINE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What one baseline step measured.
typedef struct {
    double seconds;     ///< wall-clock seconds of the timed part
    double cpu_seconds; ///< CPU seconds (user + system) of the timed part
    int64_t rows;       ///< rows inserted, exported or returned
    int64_t commits;    ///< transactions committed (ingest)
    int64_t events;     ///< event groups in the rows file (ingest)
    int64_t bytes;      ///< bytes written (export)
    int64_t check[4];   ///< values to compare with the store's answer (reports)
} baseline_result;

/// The integer the one-row, one-column query `sql` answers on `db_path` (opened read-only), or
/// -1 with a message in `err` (the benchmark's own counts of what the store wrote).
int64_t baseline_scalar(const char *db_path, const char *sql, char *err, int errlen);

/// Dumps every row the store wrote for the events with `seq > after_seq`, grouped by the event
/// that wrote it (in ledger order), into a flat binary file for `baseline_ingest`. Not timed.
/// Returns the number of rows written, or -1 with a message in `err`.
int64_t baseline_dump(const char *store_db, const char *rows_path, int64_t after_seq, char *err, int errlen);

/// Creates (when `schema_sql` is not NULL) the schema in `db_path` and opens it as the store
/// opens its writer (WAL, synchronous=NORMAL, foreign_keys=ON, 64 MB cache); then, timed,
/// inserts every row of `rows_path` with one reused prepared statement per table: in one
/// transaction (`per_event_commit` 0, as `storectl import`) or one transaction per event
/// (`per_event_commit` 1, as live appends). Returns 0, or -1 with a message in `err`.
int baseline_ingest(const char *db_path, const char *schema_sql, const char *rows_path, int per_event_commit,
                    baseline_result *out, char *err, int errlen);

/// Reads back every exported entity of `db_path` (the store's export queries over the whole
/// window) and writes it as NDJSON in the store's export format (ISO times, hex hashes,
/// booleans) into `out_dir`, one file per entity, each fsynced. Returns 0 or -1.
int baseline_export(const char *db_path, const char *out_dir, baseline_result *out, char *err, int errlen);

/// Runs one report as a plain SQL query on `db_path` (0 conference summary, 1 agents,
/// 2 dispositions), reading every row; `now_ms` ends the open agent-state periods.
/// `out->check` holds values to compare with the store's answer:
/// 0: requested, accepted, median wait ms, auto transfers;
/// 1: rows, sum of total_ms, sum of count;  2: rows, sum of count.
int baseline_report(const char *db_path, int which, int64_t now_ms, baseline_result *out, char *err, int errlen);

/// From now on, `baseline_ingest` opens with `synchronous=FULL` when `full` is 1 (an fsync per
/// commit, as `storectl serve --durable`), and with `per_event_commit` stops after the commit that
/// ends `seconds` of work when `seconds` > 0 (0: no limit).
void baseline_set_durable(int full, double seconds);

/// The SQLite library version number (e.g. 3040001).
int baseline_sqlite_version(void);

#ifdef __cplusplus
}
#endif

#endif
