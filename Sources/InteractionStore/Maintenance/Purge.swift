import StoreSQLite
/// What a purge removed, or with `dryRun` would remove.
public struct PurgeSummary: Sendable, Equatable {
    /// Interactions that ended before this time (milliseconds since the epoch) went.
    public var cutoff: Int64
    /// True when nothing was changed.
    public var dryRun: Bool
    /// Chats purged.
    public var chats: Int
    /// Consultations purged (with their chats).
    public var consultations: Int
    /// Timeline entries purged.
    public var entries: Int
    /// Party connections purged.
    public var connections: Int
    /// Requests purged.
    public var requests: Int
    /// Disposition changes purged.
    public var dispositionChanges: Int
    /// Of the purged interactions, those an incremental export has not written yet
    /// (`final_seq` above the export watermark).
    public var unexportedInteractions: Int
    /// The `purges` row recorded; nil for a dry run.
    public var purgeId: Int64?

    /// Chats and consultations purged.
    package var interactions: Int { chats + consultations }
}

/// One interaction a purge removes (for `storectl purge --list`).
package struct PurgedInteraction: Sendable, Equatable {
    /// The interaction's id.
    package var id: String
    /// `chat` or `consultation`.
    package var kind: String
    /// When it ended (milliseconds since the epoch).
    package var endedAt: Int64
    /// Its timeline entries.
    package var entries: Int64
    /// Its chain head (hex), nil when it has no entries.
    package var chainHead: String?
}

/// A recorded purge, as `audit` and `check` can look it up.
public struct PurgeRecord: Sendable, Equatable {
    /// The `purges` row id.
    public var id: Int64
    /// When the purge ran.
    public var purgedAt: Int64
    /// Its cut-off.
    public var cutoff: Int64
    /// Interactions it removed.
    public var interactions: Int64
    /// Timeline entries it removed.
    public var entries: Int64
    /// The chain head (hex) the interaction asked about had when it was purged (nil when it had none).
    public var chainHead: String?
}

extension Store {
    /// Retention (SPEC section 4): deletes the chats that ended before `cutoff` together with
    /// their consultations and all their history, through the one path the append-only
    /// triggers allow, and records the purge.
    ///
    /// What goes: every chat with status `ended` and `ended_at < cutoff` all of whose
    /// consultations also ended before `cutoff` (an active interaction never goes, and a
    /// consultation goes only with its chat), and for each of them and their consultations:
    /// timeline entries, connections (parties), requests made in them, disposition changes.
    ///
    /// What stays: the events ledger (`events`), so re-importing an old log stays a no-op
    /// instead of resurrecting purged chats (each purged event id is still known and skipped
    /// as a repeat; the ledger holds ids, types, times and hashes, no transcript text); agent
    /// states, which belong to agents, not interactions; the disposition catalog.
    ///
    /// All in one write transaction: open the `purge_gate`, delete (children before parents),
    /// close the gate, insert a `purges` row (time, cut-off, interaction and entry counts, and
    /// `chain_heads`: a JSON object of each purged interaction's id → its chain head in hex,
    /// so a later audit can show what was there and that it was intact). `check` passes
    /// afterwards: the chains that remain are whole and no row refers to a purged one.
    ///
    /// ```swift
    /// let summary = try store.purge(before: Timestamp.parse("2026-01-01T00:00:00Z")!)
    /// ```
    /// - Parameters:
    ///   - cutoff: interactions that ended strictly before this time go.
    ///   - dryRun: count (and list) what would go, change nothing.
    ///   - onInteraction: called for each interaction that goes (would go), chats and their
    ///     consultations, by end time.
    /// - Throws: `SQLiteError` (busy: nothing was deleted).
    package func purge(before cutoff: Int64, dryRun: Bool = false,
                      onInteraction: ((PurgedInteraction) -> Void)? = nil) throws -> PurgeSummary {
        if dryRun {
            return try read { db in
                try Purger(db: db, prefix: Purger.doomedCTE).summary(cutoff: cutoff, dryRun: true, onInteraction: onInteraction)
            }
        }
        return try write { db in
            try db.execute("CREATE TEMP TABLE IF NOT EXISTS purge_doomed (id TEXT PRIMARY KEY, kind TEXT NOT NULL) STRICT")
            try db.run("DELETE FROM temp.purge_doomed")
            try db.run(Purger.doomedCTE + " INSERT INTO temp.purge_doomed (id, kind) SELECT id, kind FROM doomed", [cutoff])
            let purger = Purger(db: db, prefix: "WITH doomed AS (SELECT id, kind FROM temp.purge_doomed)")
            var summary = try purger.summary(cutoff: cutoff, dryRun: false, onInteraction: onInteraction)
            let heads = try db.scalarString("""
                SELECT json_group_object(id, head) FROM (
                    SELECT i.id AS id, lower(hex(i.chain_head)) AS head
                    FROM interactions i JOIN temp.purge_doomed d ON d.id = i.id ORDER BY i.id)
                """) ?? "{}"
            try db.run("UPDATE purge_gate SET open = 1 WHERE id = 1")
            try db.run("DELETE FROM timeline WHERE interaction_id IN (SELECT id FROM temp.purge_doomed)")
            try db.run("DELETE FROM connections WHERE interaction_id IN (SELECT id FROM temp.purge_doomed)")
            try db.run("DELETE FROM disposition_changes WHERE interaction_id IN (SELECT id FROM temp.purge_doomed)")
            try db.run("DELETE FROM requests WHERE interaction_id IN (SELECT id FROM temp.purge_doomed) OR consultation_id IN (SELECT id FROM temp.purge_doomed)")
            try db.run("DELETE FROM interactions WHERE id IN (SELECT id FROM temp.purge_doomed WHERE kind = 'consultation')")
            try db.run("DELETE FROM interactions WHERE id IN (SELECT id FROM temp.purge_doomed WHERE kind = 'chat')")
            try db.run("UPDATE purge_gate SET open = 0 WHERE id = 1")
            try db.run("INSERT INTO purges (purged_at, cutoff, interactions, entries, chain_heads) VALUES (?, ?, ?, ?, ?)",
                       [Clock.nowMilliseconds(), cutoff, summary.interactions, summary.entries, heads])
            summary.purgeId = db.lastInsertRowID
            try db.run("DELETE FROM temp.purge_doomed")
            return summary
        }
    }

    /// The purge that removed `interaction`, or nil when none did (for `audit` of an id that is
    /// no longer in the store). The latest purge wins should an id have been reused.
    /// - Throws: `SQLiteError`.
    package func purgeRecord(of interaction: String) throws -> PurgeRecord? {
        try read { db in
            try db.queryOne("""
                SELECT p.id, p.purged_at, p.cutoff, p.interactions, p.entries, h.value
                FROM purges p, json_each(p.chain_heads) h
                WHERE h.key = ? ORDER BY p.id DESC LIMIT 1
                """, [interaction]) {
                PurgeRecord(id: $0.int64(0), purgedAt: $0.int64(1), cutoff: $0.int64(2), interactions: $0.int64(3),
                            entries: $0.int64(4), chainHead: $0.optionalString(5))
            }
        }
    }
}

/// The counting half of a purge, shared by the dry run (reading a CTE) and the purge
/// (reading the temp table it filled from the same CTE).
private struct Purger {
    /// Binds `?1` to the cut-off and names the doomed set `doomed(id, kind)`: the chats that
    /// ended before the cut-off with no consultation active or ending at or after it, and
    /// their consultations.
    static let doomedCTE = """
        WITH doomed_chats AS (
            SELECT c.id FROM interactions c
            WHERE c.kind = 'chat' AND c.status = 'ended' AND c.ended_at < ?1
              AND NOT EXISTS (SELECT 1 FROM interactions k
                              WHERE k.parent_id = c.id AND (k.status <> 'ended' OR k.ended_at >= ?1))),
        doomed AS (
            SELECT id, 'chat' AS kind FROM doomed_chats
            UNION ALL
            SELECT k.id, 'consultation' FROM interactions k JOIN doomed_chats d ON k.parent_id = d.id)
        """

    let db: Connection
    /// The `WITH` clause defining `doomed(id, kind)` that starts every query: the cut-off rule
    /// (dry run) or the table the purge filled. The queries name `doomed` literally, so no SQL
    /// is assembled from values.
    let prefix: String

    func summary(cutoff: Int64, dryRun: Bool, onInteraction: ((PurgedInteraction) -> Void)?) throws -> PurgeSummary {
        let parameters: [any SQLBindable] = prefix == Purger.doomedCTE ? [cutoff] : []
        func count(_ sql: String) throws -> Int {
            Int(try db.scalarInt(prefix + " " + sql, parameters) ?? 0)
        }
        let summary = PurgeSummary(
            cutoff: cutoff, dryRun: dryRun,
            chats: try count("SELECT count(*) FROM doomed WHERE kind = 'chat'"),
            consultations: try count("SELECT count(*) FROM doomed WHERE kind = 'consultation'"),
            entries: try count("SELECT count(*) FROM timeline WHERE interaction_id IN (SELECT id FROM doomed)"),
            connections: try count("SELECT count(*) FROM connections WHERE interaction_id IN (SELECT id FROM doomed)"),
            requests: try count("SELECT count(*) FROM requests WHERE interaction_id IN (SELECT id FROM doomed) OR consultation_id IN (SELECT id FROM doomed)"),
            dispositionChanges: try count("SELECT count(*) FROM disposition_changes WHERE interaction_id IN (SELECT id FROM doomed)"),
            unexportedInteractions: try count("""
                SELECT count(*) FROM interactions
                WHERE id IN (SELECT id FROM doomed) AND final_seq > (SELECT seq FROM export_watermark WHERE id = 1)
                """),
            purgeId: nil)
        if let onInteraction {
            try db.forEach(prefix + """
                 SELECT i.id, i.kind, i.ended_at, i.next_entry - 1, i.chain_head
                FROM interactions i WHERE i.id IN (SELECT id FROM doomed) ORDER BY i.ended_at, i.id
                """, parameters) { row in
                onInteraction(PurgedInteraction(id: row.string(0), kind: row.string(1), endedAt: row.int64(2), entries: row.int64(3),
                                                chainHead: row.isNull(4) ? nil : row.blob(4).hexString))
            }
        }
        return summary
    }
}
