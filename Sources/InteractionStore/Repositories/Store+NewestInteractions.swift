import InteractionModel
import StoreSQLite
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
            let pattern = needle.flatMap(NewestInteractionQueries.likePattern)
            let common: [any SQLBindable] = [needle, start, before, Int64(limit) + 1]
            let (sql, values) = needle != nil && pattern == nil ? (NewestInteractionQueries.pageByInstr, common)
                : (NewestInteractionQueries.page, common + [pattern])
            return try InteractionListPage.read(db, sql, values, limit: limit)
        }
    }
}

/// The console list's SQL. Parameters: ?1 lowercased search or NULL, ?2 start time and ?3 id of
/// the interaction to continue before (or NULL), ?4 the row limit, ?5 the search as a `LIKE` pattern.
enum NewestInteractionQueries {
    /// Without a search this walks `interactions_started` backwards and stops at the limit. With
    /// one (?5, the lowercased text as a `LIKE` pattern) it scans interactions and the agents'
    /// connections: no index can serve a substring, but `LIKE` compares in place where
    /// `instr(lower(…))` made a lowered copy of every value (a one-match search on 100,000 chats
    /// took 167 ms of SQLite time with `instr`, 77 ms with `LIKE`). `LIKE` folds ASCII case only,
    /// as `lower()` does, and the pattern is already lowercased, so both select the same rows.
    static let page = """
        SELECT id, kind, parent_id, contact_id, started_at, ended_at, owner_id FROM interactions
        WHERE (?1 IS NULL OR id LIKE ?5 ESCAPE '\\' OR contact_id LIKE ?5 ESCAPE '\\'
               OR id IN (SELECT interaction_id FROM connections WHERE party_kind = 'agent' AND party_id LIKE ?5 ESCAPE '\\'))
          AND (?2 IS NULL OR started_at < ?2 OR (started_at = ?2 AND id < ?3))
        ORDER BY started_at DESC, id DESC
        LIMIT ?4
        """

    /// The same page for a text `LIKE` cannot take as a pattern (see `likePattern`): `instr`, no
    /// wildcards to escape, no ?5.
    static let pageByInstr = """
        SELECT id, kind, parent_id, contact_id, started_at, ended_at, owner_id FROM interactions
        WHERE (?1 IS NULL OR instr(lower(id), ?1) > 0 OR instr(lower(coalesce(contact_id, '')), ?1) > 0
               OR id IN (SELECT interaction_id FROM connections WHERE party_kind = 'agent' AND instr(lower(party_id), ?1) > 0))
          AND (?2 IS NULL OR started_at < ?2 OR (started_at = ?2 AND id < ?3))
        ORDER BY started_at DESC, id DESC
        LIMIT ?4
        """

    /// SQLite's longest `LIKE` pattern in bytes (`SQLITE_MAX_LIKE_PATTERN_LENGTH`, by default).
    static let longestPattern = 50_000

    /// `%text%` with `\`, `%` and `_` escaped by `\`; nil when `LIKE` cannot match `text` as a
    /// substring: a NUL (SQLite ends a pattern there) or a pattern over SQLite's length limit.
    static func likePattern(_ text: String) -> String? {
        var pattern = "%"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\0": return nil
            case "\\", "%", "_": pattern.unicodeScalars.append("\\")
            default: break
            }
            pattern.unicodeScalars.append(scalar)
        }
        pattern.unicodeScalars.append("%")
        return pattern.utf8.count > longestPattern ? nil : pattern
    }

    /// An interaction's agents in join order (`connections_interaction`).
}
