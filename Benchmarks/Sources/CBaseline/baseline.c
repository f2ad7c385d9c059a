// The raw-SQLite baseline of storebench (see CBaseline.h).
//
// The rows file: "SBR1", then records. A record is a table tag (0..7, see `tables`) followed by
// one value per column of that table; 0xFE starts the rows of the next event; 0xFF ends the
// file. A value is a type byte (0 NULL, 1 int64 LE, 2 text, 3 blob) and, for text and blob,
// a u32 LE length and the bytes.
#define _GNU_SOURCE
#include "CBaseline.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TABLE_COUNT 8
#define TAG_EVENT 0xFE
#define TAG_END 0xFF

typedef struct {
    const char *name;
    const char *columns;
    int ncols;
    /// Column 0: the ledger seq of the event that wrote the row; then `columns`. ?1: after_seq.
    const char *select;
} table_def;

// In the order rows of one event are inserted: a row's foreign keys point to earlier tables
// or earlier events (requests before the connections that join through them).
static const table_def tables[TABLE_COUNT] = {
    {"events", "seq, event_id, type, at, content_hash", 5,
     "SELECT seq, seq, event_id, type, at, content_hash FROM events WHERE seq > ?1 ORDER BY seq"},
    {"disposition_codes", "code, label, defined_at, retired_at", 4,
     "SELECT ev, code, label, defined_at, retired_at FROM ("
     " SELECT coalesce((SELECT min(e.seq) FROM events e WHERE e.type = 'disposition.defined' AND e.at = c.defined_at), 1) AS ev,"
     " c.rowid AS r, c.code, c.label, c.defined_at, c.retired_at FROM disposition_codes c)"
     " WHERE ev > ?1 ORDER BY ev, r"},
    {"interactions",
     "id, kind, parent_id, contact_id, contact_name, owner_id, status, started_at, ended_at, end_event_seen, latest_at, "
     "started_seq, final_seq, next_entry, chain_head",
     15,
     "SELECT started_seq, id, kind, parent_id, contact_id, contact_name, owner_id, status, started_at, ended_at, end_event_seen, "
     "latest_at, started_seq, final_seq, next_entry, chain_head FROM interactions WHERE started_seq > ?1 ORDER BY started_seq, rowid"},
    {"requests",
     "id, kind, interaction_id, consultation_id, from_agent, target_kind, target_id, mode, requested_at, status, outcome, "
     "answered_at, accepted_by, requested_seq",
     14,
     "SELECT requested_seq, id, kind, interaction_id, consultation_id, from_agent, target_kind, target_id, mode, requested_at, "
     "status, outcome, answered_at, accepted_by, requested_seq FROM requests WHERE requested_seq > ?1 ORDER BY requested_seq, rowid"},
    // A connection is written with its `joined` timeline entry: the n-th connection of a party
    // to an interaction belongs to the event of the n-th `joined` entry.
    {"connections",
     "id, interaction_id, party_id, party_kind, role, joined_at, left_at, leave_reason, removed_by, request_id, became_owner", 11,
     "WITH c AS (SELECT *, row_number() OVER (PARTITION BY interaction_id, party_id ORDER BY id) AS n FROM connections),"
     " j AS (SELECT interaction_id, party_id, event_seq,"
     "       row_number() OVER (PARTITION BY interaction_id, party_id ORDER BY seq) AS n FROM timeline WHERE kind = 'joined')"
     " SELECT coalesce(j.event_seq, 1) AS ev, c.id, c.interaction_id, c.party_id, c.party_kind, c.role, c.joined_at, c.left_at,"
     " c.leave_reason, c.removed_by, c.request_id, c.became_owner"
     " FROM c LEFT JOIN j ON j.interaction_id = c.interaction_id AND j.party_id = c.party_id AND j.n = c.n"
     " WHERE coalesce(j.event_seq, 1) > ?1 ORDER BY ev, c.id"},
    {"timeline", "id, interaction_id, seq, at, kind, party_id, text, visibility, reason, by_party, event_seq, prev_hash, hash", 13,
     "SELECT event_seq, id, interaction_id, seq, at, kind, party_id, text, visibility, reason, by_party, event_seq, prev_hash, hash"
     " FROM timeline WHERE event_seq > ?1 ORDER BY event_seq, id"},
    {"disposition_changes", "id, interaction_id, agent_id, code, at, event_seq", 6,
     "SELECT event_seq, id, interaction_id, agent_id, code, at, event_seq FROM disposition_changes WHERE event_seq > ?1"
     " ORDER BY event_seq, id"},
    {"agent_states", "id, agent_id, channel, state, reason, at, event_seq", 7,
     "SELECT event_seq, id, agent_id, channel, state, reason, at, event_seq FROM agent_states WHERE event_seq > ?1"
     " ORDER BY event_seq, id"},
};

static void set_err(char *err, int errlen, const char *fmt, ...) {
    if (!err || errlen <= 0) return;
    va_list args;
    va_start(args, fmt);
    vsnprintf(err, (size_t)errlen, fmt, args);
    va_end(args);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int baseline_sqlite_version(void) { return sqlite3_libversion_number(); }

int64_t baseline_scalar(const char *db_path, const char *sql, char *err, int errlen) {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    int64_t value = -1;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(err, (size_t)errlen, "cannot open %s: %s", db_path, db ? sqlite3_errmsg(db) : "out of memory");
    } else if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        snprintf(err, (size_t)errlen, "%s: %s", sql, sqlite3_errmsg(db));
    } else if (sqlite3_step(stmt) == SQLITE_ROW) {
        value = sqlite3_column_int64(stmt, 0);
    } else {
        snprintf(err, (size_t)errlen, "%s: no row (%s)", sql, sqlite3_errmsg(db));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

// MARK: - Opening, as the store opens its connections

/* Set by baseline_set_durable: synchronous=FULL (an fsync per commit) and a time budget. */
static int durable_full = 0;
static double durable_budget = 0;

void baseline_set_durable(int full, double seconds) {
    durable_full = full;
    durable_budget = seconds;
}

static sqlite3 *open_db(const char *path, int readonly, char *err, int errlen) {
    sqlite3 *db = NULL;
    int flags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        set_err(err, errlen, "open %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close_v2(db);
        return NULL;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    const char *setup = readonly ? "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;"
                                 : "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                                   " PRAGMA cache_size = -65536;";
    char *message = NULL;
    if (!readonly && durable_full) setup = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                           " PRAGMA cache_size = -65536;";
    if (sqlite3_exec(db, setup, NULL, NULL, &message) != SQLITE_OK) {
        set_err(err, errlen, "setup %s: %s", path, message ? message : "?");
        sqlite3_free(message);
        sqlite3_close_v2(db);
        return NULL;
    }
    return db;
}

static int exec(sqlite3 *db, const char *sql, char *err, int errlen) {
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
        set_err(err, errlen, "%s: %s", sql, message ? message : sqlite3_errmsg(db));
        sqlite3_free(message);
        return -1;
    }
    return 0;
}

// MARK: - Dump

static void put_u32(FILE *f, uint32_t v) {
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    fwrite(b, 1, 4, f);
}

static void put_i64(FILE *f, int64_t value) {
    uint64_t v = (uint64_t)value;
    unsigned char b[8];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)(v >> (8 * i));
    fwrite(b, 1, 8, f);
}

static void put_value(FILE *f, sqlite3_stmt *st, int col) {
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL: fputc(0, f); break;
    case SQLITE_INTEGER: fputc(1, f); put_i64(f, sqlite3_column_int64(st, col)); break;
    case SQLITE_TEXT: {
        const unsigned char *text = sqlite3_column_text(st, col);
        int n = sqlite3_column_bytes(st, col);
        fputc(2, f); put_u32(f, (uint32_t)n); fwrite(text, 1, (size_t)n, f);
        break;
    }
    default: {  // BLOB (the schema has no REAL columns)
        const void *blob = sqlite3_column_blob(st, col);
        int n = sqlite3_column_bytes(st, col);
        fputc(3, f); put_u32(f, (uint32_t)n); if (n) fwrite(blob, 1, (size_t)n, f);
        break;
    }
    }
}

int64_t baseline_dump(const char *store_db, const char *rows_path, int64_t after_seq, char *err, int errlen) {
    sqlite3 *db = open_db(store_db, 1, err, errlen);
    if (!db) return -1;
    FILE *f = fopen(rows_path, "wb");
    if (!f) {
        set_err(err, errlen, "%s: %s", rows_path, strerror(errno));
        sqlite3_close_v2(db);
        return -1;
    }
    static char buffer[1 << 20];
    setvbuf(f, buffer, _IOFBF, sizeof buffer);
    fwrite("SBR1", 1, 4, f);
    sqlite3_stmt *st[TABLE_COUNT] = {0};
    int live[TABLE_COUNT];
    int64_t rows = -1;
    if (exec(db, "BEGIN", err, errlen) != 0) goto done;
    for (int t = 0; t < TABLE_COUNT; t++) {
        if (sqlite3_prepare_v2(db, tables[t].select, -1, &st[t], NULL) != SQLITE_OK) {
            set_err(err, errlen, "dump %s: %s", tables[t].name, sqlite3_errmsg(db));
            goto done;
        }
        sqlite3_bind_int64(st[t], 1, after_seq);
        int rc = sqlite3_step(st[t]);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            set_err(err, errlen, "dump %s: %s", tables[t].name, sqlite3_errmsg(db));
            goto done;
        }
        live[t] = rc == SQLITE_ROW;
    }
    rows = 0;
    int64_t last_event = INT64_MIN;
    for (;;) {
        int pick = -1;
        int64_t pick_ev = 0;
        for (int t = 0; t < TABLE_COUNT; t++) {
            if (!live[t]) continue;
            int64_t ev = sqlite3_column_int64(st[t], 0);
            if (pick < 0 || ev < pick_ev) { pick = t; pick_ev = ev; }
        }
        if (pick < 0) break;
        if (pick_ev != last_event) { fputc(TAG_EVENT, f); last_event = pick_ev; }
        fputc(pick, f);
        for (int c = 1; c <= tables[pick].ncols; c++) put_value(f, st[pick], c);
        rows++;
        int rc = sqlite3_step(st[pick]);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            set_err(err, errlen, "dump %s: %s", tables[pick].name, sqlite3_errmsg(db));
            rows = -1;
            goto done;
        }
        live[pick] = rc == SQLITE_ROW;
    }
    fputc(TAG_END, f);
done:
    for (int t = 0; t < TABLE_COUNT; t++) sqlite3_finalize(st[t]);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close_v2(db);
    if (fclose(f) != 0 && rows >= 0) {
        set_err(err, errlen, "%s: %s", rows_path, strerror(errno));
        rows = -1;
    }
    return rows;
}

// MARK: - Ingest

static unsigned char *read_file(const char *path, size_t *size, char *err, int errlen) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { set_err(err, errlen, "%s: %s", path, strerror(errno)); return NULL; }
    struct stat sb;
    if (fstat(fd, &sb) != 0) { set_err(err, errlen, "%s: %s", path, strerror(errno)); close(fd); return NULL; }
    unsigned char *data = malloc((size_t)sb.st_size + 1);
    size_t got = 0;
    while (data && got < (size_t)sb.st_size) {
        ssize_t n = read(fd, data + got, (size_t)sb.st_size - got);
        if (n <= 0) { set_err(err, errlen, "%s: short read", path); free(data); data = NULL; break; }
        got += (size_t)n;
    }
    close(fd);
    *size = got;
    return data;
}

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static int64_t get_i64(const unsigned char *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return (int64_t)v;
}

int baseline_ingest(const char *db_path, const char *schema_sql, const char *rows_path, int per_event_commit,
                    baseline_result *out, char *err, int errlen) {
    memset(out, 0, sizeof *out);
    size_t size = 0;
    unsigned char *data = read_file(rows_path, &size, err, errlen);
    if (!data) return -1;
    if (size < 5 || memcmp(data, "SBR1", 4) != 0) { set_err(err, errlen, "%s: not a rows file", rows_path); free(data); return -1; }
    sqlite3 *db = open_db(db_path, 0, err, errlen);
    if (!db) { free(data); return -1; }
    int status = -1;
    sqlite3_stmt *insert[TABLE_COUNT] = {0};
    if (schema_sql && exec(db, schema_sql, err, errlen) != 0) goto done;

    double started = now_seconds(), cpu_started = cpu_seconds();
    for (int t = 0; t < TABLE_COUNT; t++) {
        char sql[1024];
        int n = snprintf(sql, sizeof sql, "INSERT INTO %s (%s) VALUES (", tables[t].name, tables[t].columns);
        for (int c = 0; c < tables[t].ncols; c++) n += snprintf(sql + n, sizeof sql - (size_t)n, c ? ", ?" : "?");
        snprintf(sql + n, sizeof sql - (size_t)n, ")");
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &insert[t], NULL) != SQLITE_OK) {
            set_err(err, errlen, "%s: %s", sql, sqlite3_errmsg(db));
            goto done;
        }
    }
    int open_txn = 0;
    if (!per_event_commit) {
        if (exec(db, "BEGIN IMMEDIATE", err, errlen) != 0) goto done;
        open_txn = 1;
    }
    const unsigned char *p = data + 4, *end = data + size;
    while (p < end) {
        int tag = *p++;
        if (tag == TAG_END) break;
        if (tag == TAG_EVENT) {
            out->events++;
            if (per_event_commit) {
                if (open_txn) {
                    if (exec(db, "COMMIT", err, errlen) != 0) goto done;
                    out->commits++;
                    open_txn = 0;
                    if (durable_budget > 0 && now_seconds() - started >= durable_budget) break;
                }
                if (exec(db, "BEGIN IMMEDIATE", err, errlen) != 0) goto done;
                open_txn = 1;
            }
            continue;
        }
        if (tag >= TABLE_COUNT) { set_err(err, errlen, "%s: bad record tag %d", rows_path, tag); goto done; }
        sqlite3_stmt *st = insert[tag];
        for (int c = 1; c <= tables[tag].ncols; c++) {
            int type = *p++;
            switch (type) {
            case 0: sqlite3_bind_null(st, c); break;
            case 1: sqlite3_bind_int64(st, c, get_i64(p)); p += 8; break;
            case 2: { uint32_t n = get_u32(p); p += 4; sqlite3_bind_text(st, c, (const char *)p, (int)n, SQLITE_STATIC); p += n; break; }
            case 3: { uint32_t n = get_u32(p); p += 4; sqlite3_bind_blob(st, c, p, (int)n, SQLITE_STATIC); p += n; break; }
            default: set_err(err, errlen, "%s: bad value type %d", rows_path, type); goto done;
            }
        }
        if (sqlite3_step(st) != SQLITE_DONE) {
            set_err(err, errlen, "insert into %s: %s", tables[tag].name, sqlite3_errmsg(db));
            sqlite3_reset(st);
            goto done;
        }
        sqlite3_reset(st);
        out->rows++;
    }
    if (open_txn) {
        if (exec(db, "COMMIT", err, errlen) != 0) goto done;
        out->commits++;
        open_txn = 0;
    }
    out->seconds = now_seconds() - started;
    out->cpu_seconds = cpu_seconds() - cpu_started;
    status = 0;
done:
    if (status != 0 && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    for (int t = 0; t < TABLE_COUNT; t++) sqlite3_finalize(insert[t]);
    sqlite3_close_v2(db);
    free(data);
    return status;
}

// MARK: - Export

typedef struct {
    const char *name;
    const char *sql;  // ?1 lower (exclusive), ?2 upper (inclusive) bound of the change sequence
    const char *keys[16];
    const char *kinds;  // per column: T text, I integer, t time, H hex blob, B boolean
} entity_def;

// The store's export queries (Sources/InteractionStore/Export/ExportEntity.swift) and columns.
static const entity_def entities[6] = {
    {"interactions",
     "SELECT i.id, i.kind, i.parent_id, i.contact_id, i.contact_name, i.owner_id, i.started_at, i.ended_at,"
     " i.final_seq, i.next_entry - 1, i.chain_head FROM interactions i"
     " WHERE i.final_seq > ?1 AND i.final_seq <= ?2 ORDER BY i.final_seq, i.id",
     {"id", "kind", "parent_id", "contact_id", "contact_name", "owner_id", "started_at", "ended_at", "final_seq", "entries",
      "chain_head"},
     "TTTTTTttIIH"},
    {"parties",
     "SELECT c.id, c.interaction_id, c.party_id, c.party_kind, c.role, c.joined_at, c.left_at, c.leave_reason, c.removed_by,"
     " c.request_id, c.became_owner FROM interactions i JOIN connections c ON c.interaction_id = i.id"
     " WHERE i.final_seq > ?1 AND i.final_seq <= ?2 ORDER BY i.final_seq, i.id, c.id",
     {"connection_id", "interaction_id", "party_id", "party_kind", "role", "joined_at", "left_at", "leave_reason", "removed_by",
      "request_id", "became_owner"},
     "ITTTTttTTTB"},
    {"timeline",
     "SELECT t.interaction_id, t.seq, t.at, t.kind, t.party_id, t.text, t.visibility, t.reason, t.by_party, t.event_seq,"
     " t.prev_hash, t.hash FROM interactions i JOIN timeline t ON t.interaction_id = i.id"
     " WHERE i.final_seq > ?1 AND i.final_seq <= ?2 ORDER BY i.final_seq, i.id, t.seq",
     {"interaction_id", "seq", "at", "kind", "party_id", "text", "visibility", "reason", "by_party", "event_seq", "prev_hash",
      "hash"},
     "TItTTTTTTIHH"},
    {"requests",
     "SELECT r.id, r.kind, r.interaction_id, r.consultation_id, r.from_agent, r.target_kind, r.target_id, r.mode,"
     " r.requested_at, r.status, r.outcome, r.answered_at, r.accepted_by, r.requested_seq"
     " FROM interactions i JOIN requests r ON r.interaction_id = i.id"
     " WHERE i.final_seq > ?1 AND i.final_seq <= ?2 ORDER BY i.final_seq, i.id, r.requested_seq, r.id",
     {"id", "kind", "interaction_id", "consultation_id", "from_agent", "target_kind", "target_id", "mode", "requested_at",
      "status", "outcome", "answered_at", "accepted_by", "requested_seq"},
     "TTTTTTTTtTTtTI"},
    {"disposition_changes",
     "SELECT event_seq, interaction_id, agent_id, code, at FROM disposition_changes"
     " WHERE event_seq > ?1 AND event_seq <= ?2 ORDER BY event_seq",
     {"event_seq", "interaction_id", "agent_id", "code", "at"},
     "ITTTt"},
    {"agent_states",
     "SELECT event_seq, agent_id, channel, state, reason, at FROM agent_states"
     " WHERE event_seq > ?1 AND event_seq <= ?2 ORDER BY event_seq",
     {"event_seq", "agent_id", "channel", "state", "reason", "at"},
     "ITTTTt"},
};

typedef struct {
    int fd;
    size_t used;
    int64_t bytes;
    int failed;
    unsigned char data[1 << 16];
} out_buffer;

static void flush_out(out_buffer *b) {
    size_t done = 0;
    while (done < b->used) {
        ssize_t n = write(b->fd, b->data + done, b->used - done);
        if (n <= 0) { b->failed = 1; break; }
        done += (size_t)n;
    }
    b->bytes += (int64_t)b->used;
    b->used = 0;
}

static inline void out_bytes(out_buffer *b, const void *bytes, size_t n) {
    if (b->used + n > sizeof b->data) {
        flush_out(b);
        if (n > sizeof b->data) {  // larger than the buffer: straight through
            const unsigned char *p = bytes;
            while (n) { ssize_t w = write(b->fd, p, n); if (w <= 0) { b->failed = 1; return; } p += w; n -= (size_t)w; b->bytes += w; }
            return;
        }
    }
    memcpy(b->data + b->used, bytes, n);
    b->used += n;
}

static inline void out_byte(out_buffer *b, unsigned char c) {
    if (b->used == sizeof b->data) flush_out(b);
    b->data[b->used++] = c;
}

static void out_json_string(out_buffer *b, const unsigned char *s, int n) {
    static const char hex[] = "0123456789abcdef";
    out_byte(b, '"');
    int start = 0;
    for (int i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out_bytes(b, s + start, (size_t)(i - start));
        start = i + 1;
        switch (c) {
        case '"': out_bytes(b, "\\\"", 2); break;
        case '\\': out_bytes(b, "\\\\", 2); break;
        case '\n': out_bytes(b, "\\n", 2); break;
        case '\r': out_bytes(b, "\\r", 2); break;
        case '\t': out_bytes(b, "\\t", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out_bytes(b, u, 6);
        }
        }
    }
    out_bytes(b, s + start, (size_t)(n - start));
    out_byte(b, '"');
}

// "YYYY-MM-DDTHH:MM:SS.sssZ" from ms since the epoch (civil_from_days, Howard Hinnant).
static void out_time(out_buffer *b, int64_t ms) {
    int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    int64_t rem = ms - days * 86400000;
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) y++;
    char text[40];
    int n = snprintf(text, sizeof text, "\"%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ\"", (long long)y, (long long)m,
                     (long long)d, (long long)(rem / 3600000), (long long)(rem / 60000 % 60), (long long)(rem / 1000 % 60),
                     (long long)(rem % 1000));
    out_bytes(b, text, (size_t)n);
}

static void out_int(out_buffer *b, int64_t v) {
    char text[24];
    int n = snprintf(text, sizeof text, "%lld", (long long)v);
    out_bytes(b, text, (size_t)n);
}

static void out_hex(out_buffer *b, const unsigned char *p, int n) {
    static const char hex[] = "0123456789abcdef";
    out_byte(b, '"');
    for (int i = 0; i < n; i++) { out_byte(b, (unsigned char)hex[p[i] >> 4]); out_byte(b, (unsigned char)hex[p[i] & 15]); }
    out_byte(b, '"');
}

int baseline_export(const char *db_path, const char *out_dir, baseline_result *out, char *err, int errlen) {
    memset(out, 0, sizeof *out);
    sqlite3 *db = open_db(db_path, 1, err, errlen);
    if (!db) return -1;
    static out_buffer buffer;
    int status = -1;
    double started = now_seconds();
    mkdir(out_dir, 0700);
    if (exec(db, "BEGIN DEFERRED", err, errlen) != 0) goto done;
    sqlite3_stmt *latest = NULL;
    int64_t upper = 0;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(seq), 0) FROM events", -1, &latest, NULL) != SQLITE_OK) {
        set_err(err, errlen, "%s", sqlite3_errmsg(db));
        goto done;
    }
    if (sqlite3_step(latest) == SQLITE_ROW) upper = sqlite3_column_int64(latest, 0);
    sqlite3_finalize(latest);
    for (int e = 0; e < 6; e++) {
        const entity_def *entity = &entities[e];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.ndjson", out_dir, entity->name);
        buffer.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        buffer.used = 0;
        buffer.failed = 0;
        if (buffer.fd < 0) { set_err(err, errlen, "%s: %s", path, strerror(errno)); goto done; }
        int ncols = (int)strlen(entity->kinds);
        char prefixes[16][48];
        size_t prefix_len[16];
        for (int c = 0; c < ncols; c++) prefix_len[c] = (size_t)snprintf(prefixes[c], sizeof prefixes[c], "%s\"%s\":", c ? "," : "{", entity->keys[c]);
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, entity->sql, -1, &st, NULL) != SQLITE_OK) {
            set_err(err, errlen, "%s: %s", entity->name, sqlite3_errmsg(db));
            close(buffer.fd);
            goto done;
        }
        sqlite3_bind_int64(st, 1, 0);
        sqlite3_bind_int64(st, 2, upper);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            for (int c = 0; c < ncols; c++) {
                out_bytes(&buffer, prefixes[c], prefix_len[c]);
                if (sqlite3_column_type(st, c) == SQLITE_NULL) { out_bytes(&buffer, "null", 4); continue; }
                switch (entity->kinds[c]) {
                case 'T': out_json_string(&buffer, sqlite3_column_text(st, c), sqlite3_column_bytes(st, c)); break;
                case 'I': out_int(&buffer, sqlite3_column_int64(st, c)); break;
                case 't': out_time(&buffer, sqlite3_column_int64(st, c)); break;
                case 'H': out_hex(&buffer, sqlite3_column_blob(st, c), sqlite3_column_bytes(st, c)); break;
                case 'B': if (sqlite3_column_int64(st, c)) out_bytes(&buffer, "true", 4); else out_bytes(&buffer, "false", 5); break;
                }
            }
            out_bytes(&buffer, "}\n", 2);
            out->rows++;
        }
        sqlite3_finalize(st);
        flush_out(&buffer);
        int synced = fsync(buffer.fd);
        close(buffer.fd);
        if (rc != SQLITE_DONE) { set_err(err, errlen, "%s: %s", entity->name, sqlite3_errmsg(db)); goto done; }
        if (buffer.failed || synced != 0) { set_err(err, errlen, "%s: write failed", path); goto done; }
        out->bytes += buffer.bytes;
        buffer.bytes = 0;
    }
    out->seconds = now_seconds() - started;
    status = 0;
done:
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close_v2(db);
    return status;
}

// MARK: - Reports, as plain SQL

static const char *conference_counts =
    "SELECT count(*), coalesce(sum(r.outcome = 'accepted'), 0), coalesce(sum(c.became_owner = 1), 0),"
    " coalesce(sum(r.outcome = 'declined'), 0), coalesce(sum(r.outcome = 'timeout'), 0),"
    " coalesce(sum(r.outcome = 'cancelled'), 0), coalesce(sum(r.outcome IS NULL), 0), coalesce(sum(c.leave_reason = 'removed'), 0)"
    " FROM requests r LEFT JOIN connections c ON c.request_id = r.id WHERE r.kind = 'conference'";
static const char *conference_median =
    "SELECT answered_at - requested_at AS wait FROM requests WHERE kind = 'conference' AND outcome = 'accepted'"
    " ORDER BY wait LIMIT 1 OFFSET ?1";
static const char *agents_sql =
    "WITH changes AS ("
    "  SELECT agent_id, channel, state, reason, at, id,"
    "         lag(state) OVER w AS previous_state, lag(reason) OVER w AS previous_reason"
    "  FROM agent_states WINDOW w AS (PARTITION BY agent_id, channel ORDER BY at, id)),"
    " periods AS ("
    "  SELECT agent_id, channel, state, at,"
    "         coalesce(lead(at) OVER (PARTITION BY agent_id, channel ORDER BY at, id), ?1) AS finished"
    "  FROM changes WHERE state IS NOT previous_state OR reason IS NOT previous_reason)"
    " SELECT agent_id, channel, state, sum(finished - at), count(*) FROM periods"
    " GROUP BY agent_id, channel, state ORDER BY agent_id, channel, state";
static const char *dispositions_sql =
    "SELECT d.code, k.label, count(*) AS n FROM disposition_changes d JOIN disposition_codes k ON k.code = d.code"
    " WHERE d.id IN (SELECT max(id) FROM disposition_changes GROUP BY interaction_id, agent_id)"
    " GROUP BY d.code, k.label ORDER BY n DESC, d.code";

int baseline_report(const char *db_path, int which, int64_t now_ms, baseline_result *out, char *err, int errlen) {
    memset(out, 0, sizeof *out);
    sqlite3 *db = open_db(db_path, 1, err, errlen);
    if (!db) return -1;
    int status = -1;
    sqlite3_stmt *st = NULL;
    // Load the schema before the clock starts: the store's reader connections stay open.
    if (exec(db, "SELECT 1 FROM sqlite_master LIMIT 1", err, errlen) != 0) goto done;
    double started = now_seconds();
    if (exec(db, "BEGIN DEFERRED", err, errlen) != 0) goto done;
    const char *sql = which == 0 ? conference_counts : which == 1 ? agents_sql : dispositions_sql;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) { set_err(err, errlen, "report %d: %s", which, sqlite3_errmsg(db)); goto done; }
    if (which == 1) sqlite3_bind_int64(st, 1, now_ms);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->rows++;
        if (which == 0) {
            out->check[0] = sqlite3_column_int64(st, 0);
            out->check[1] = sqlite3_column_int64(st, 1);
            out->check[3] = sqlite3_column_int64(st, 2);
        } else if (which == 1) {
            (void)sqlite3_column_text(st, 0);
            out->check[0]++;
            out->check[1] += sqlite3_column_int64(st, 3);
            out->check[2] += sqlite3_column_int64(st, 4);
        } else {
            (void)sqlite3_column_text(st, 0);
            (void)sqlite3_column_text(st, 1);
            out->check[0]++;
            out->check[1] += sqlite3_column_int64(st, 2);
        }
    }
    if (rc != SQLITE_DONE) { set_err(err, errlen, "report %d: %s", which, sqlite3_errmsg(db)); goto done; }
    if (which == 0) {
        sqlite3_finalize(st);
        st = NULL;
        out->check[2] = -1;
        if (out->check[1] > 0) {
            if (sqlite3_prepare_v2(db, conference_median, -1, &st, NULL) != SQLITE_OK) { set_err(err, errlen, "%s", sqlite3_errmsg(db)); goto done; }
            sqlite3_bind_int64(st, 1, (out->check[1] + 1) / 2 - 1);
            if (sqlite3_step(st) == SQLITE_ROW) out->check[2] = sqlite3_column_int64(st, 0);
        }
    }
    out->seconds = now_seconds() - started;
    status = 0;
done:
    sqlite3_finalize(st);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close_v2(db);
    return status;
}
