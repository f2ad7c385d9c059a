import StoreSQLite
import InteractionModel
/// One row of the interactions list (SPEC section 6, `GET /v1/interactions`).
package struct InteractionListRow: Sendable, Equatable {
    /// The interaction's id.
    package var id: String
    /// Chat or consultation.
    package var kind: InteractionKind
    /// The parent chat of a consultation.
    package var parent: String?
    /// The contact's id (chats).
    package var contact: String?
    /// Start time in milliseconds.
    package var startedAt: Int64
    /// End time in milliseconds, nil while active.
    package var endedAt: Int64?
    /// The current (or last) owner.
    package var owner: String?
    /// Every agent that was ever connected, in the order they first joined.
    package var agents: [String]
}

/// What `interactions(from:to:agent:limit:after:)` returns: a page and whether more follow.
package struct InteractionListPage: Sendable, Equatable {
    /// The rows, by start time then id.
    package var rows: [InteractionListRow]
    /// True when rows after the last one exist.
    package var hasMore: Bool

    /// Creates a page.
    package init(rows: [InteractionListRow], hasMore: Bool) {
        self.rows = rows
        self.hasMore = hasMore
    }
}

extension Store {
    /// Interactions that started in `[from, to)` (either bound optional), ordered by start time
    /// then id, optionally only those `agent` was ever connected to, continuing after the
    /// interaction `after`, at most `limit`.
    /// - Throws: `StoreError.unknownInteraction` when `after` names no stored interaction; `SQLiteError`.
    package func interactions(from: Int64? = nil, to: Int64? = nil, agent: String? = nil, limit: Int = 1000, after: String? = nil) throws -> InteractionListPage {
        try read { db in
            var start: Int64?
            if let after {
                guard let value = try db.scalarInt("SELECT started_at FROM interactions WHERE id = ?", [after]) else {
                    throw StoreError.unknownInteraction(after)
                }
                start = value
            }
            // One fixed statement: an absent filter binds NULL and matches everything.
            let values: [any SQLBindable] = [start, start, start, after, from, from, to, to, agent, agent, Int64(limit) + 1]
            return try InteractionListPage.read(db, """
                SELECT id, kind, parent_id, contact_id, started_at, ended_at, owner_id FROM interactions
                WHERE (? IS NULL OR started_at > ? OR (started_at = ? AND id > ?))
                  AND (? IS NULL OR started_at >= ?) AND (? IS NULL OR started_at < ?)
                  AND (? IS NULL OR id IN (SELECT interaction_id FROM connections WHERE party_id = ? AND party_kind = 'agent'))
                ORDER BY started_at, id LIMIT ?
                """, values, limit: limit)
        }
    }
}

extension InteractionListPage {
    /// The page `sql` selects with `values`: columns id, kind, parent_id, contact_id, started_at,
    /// ended_at, owner_id, at most `limit` + 1 rows (the one more than shown says more follow),
    /// each row with the agents ever connected to it, in join order, each once.
    static func read(_ db: Connection, _ sql: String, _ values: [any SQLBindable], limit: Int) throws -> InteractionListPage {
        var rows = try db.query(sql, values) { row in
            try InteractionListRow(id: row.string(0), kind: row.vocabulary(1, InteractionKind.self, table: "interactions", column: "kind"), parent: row.optionalString(2),
                                   contact: row.optionalString(3), startedAt: row.int64(4), endedAt: row.optionalInt64(5),
                                   owner: row.optionalString(6), agents: [])
        }
        let hasMore = rows.count > limit
        if hasMore { rows.removeLast() }
        for index in rows.indices {
            var seen = Set<ExactID>()  // ids compare as exact bytes (String equality normalizes)
            try db.forEach("SELECT party_id FROM connections WHERE interaction_id = ? AND party_kind = 'agent' ORDER BY id", [rows[index].id]) { row in
                let agent = row.string(0)
                if seen.insert(ExactID(agent)).inserted { rows[index].agents.append(agent) }
            }
        }
        return InteractionListPage(rows: rows, hasMore: hasMore)
    }
}
