import InteractionModel
extension Store {
    /// Interactions newest first (start time, then id, both descending), for the console's list:
    /// optionally only those whose id, contact or one of whose agents contains `search`
    /// (case-insensitive for ASCII), continuing with the ones started before the interaction
    /// `before`, at most `limit`.
    ///
    /// ```swift
    /// let page = try store.interactionsNewestFirst(matching: "agent.kim", before: nil, limit: 100)
    /// ```
    /// - Throws: `StoreError.unknownInteraction` when `before` names no stored interaction; `SQLiteError`.
    package func interactionsNewestFirst(matching search: String?, before: String?, limit: Int) throws -> InteractionListPage {
        try read { db in
            var start: Int64?
            if let before {
                guard let found = try db.scalarInt("SELECT started_at FROM interactions WHERE id = ?", [before]) else {
                    throw StoreError.unknownInteraction(before)
                }
                start = Int64(found)
            }
            let needle = search.map { $0.lowercased() }
            var rows = try db.query(NewestInteractionQueries.page, [needle, start, before, Int64(limit) + 1]) { row in
                InteractionListRow(id: row.string(0), kind: InteractionKind(rawValue: row.string(1)) ?? .chat, parent: row.optionalString(2),
                                   contact: row.optionalString(3), startedAt: row.int64(4), endedAt: row.optionalInt64(5),
                                   owner: row.optionalString(6), agents: [])
            }
            let hasMore = rows.count > limit
            if hasMore { rows.removeLast() }
            for index in rows.indices {
                try db.forEach(NewestInteractionQueries.agents, [rows[index].id]) { row in
                    let agent = row.string(0)
                    if !rows[index].agents.contains(where: { $0.utf8.elementsEqual(agent.utf8) }) { rows[index].agents.append(agent) }
                }
            }
            return InteractionListPage(rows: rows, hasMore: hasMore)
        }
    }
}

/// The console list's SQL. Parameters: ?1 lowercased search or NULL, ?2 start time and ?3 id of
/// the interaction to continue before (or NULL), ?4 the row limit.
enum NewestInteractionQueries {
    /// Without a search this walks `interactions_started` backwards and stops at the limit; with
    /// one it scans interactions and the agents' connections (`instr`, no LIKE wildcards to escape).
    static let page = """
        SELECT id, kind, parent_id, contact_id, started_at, ended_at, owner_id FROM interactions
        WHERE (?1 IS NULL OR instr(lower(id), ?1) > 0 OR instr(lower(coalesce(contact_id, '')), ?1) > 0
               OR id IN (SELECT interaction_id FROM connections WHERE party_kind = 'agent' AND instr(lower(party_id), ?1) > 0))
          AND (?2 IS NULL OR started_at < ?2 OR (started_at = ?2 AND id < ?3))
        ORDER BY started_at DESC, id DESC
        LIMIT ?4
        """

    /// An interaction's agents in join order (`connections_interaction`).
    static let agents = "SELECT party_id FROM connections WHERE interaction_id = ? AND party_kind = 'agent' ORDER BY id"
}
