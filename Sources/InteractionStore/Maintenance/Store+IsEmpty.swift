extension Store {
    /// Whether the store holds nothing but its schema: no event, disposition code, agent
    /// state, export run or purge record.
    ///
    /// `storectl import` asks this before removing a database file it created for an import
    /// that stored nothing, so that it never removes what another writer put there meanwhile.
    ///
    /// ```swift
    /// if try store.isEmpty() { … }
    /// ```
    /// - Throws: `SQLiteError`.
    public func isEmpty() throws -> Bool {
        try read { db in
            try db.scalarInt("""
                SELECT NOT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM disposition_codes)
                   AND NOT EXISTS (SELECT 1 FROM agent_states) AND NOT EXISTS (SELECT 1 FROM export_runs)
                   AND NOT EXISTS (SELECT 1 FROM purges)
                """) == 1
        }
    }
}
