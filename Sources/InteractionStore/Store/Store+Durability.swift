extension Store {
    /// Sets how the writer syncs commits: `full` (`synchronous=FULL`) makes a committed
    /// transaction survive power loss; otherwise (`NORMAL`, the default in WAL mode) it
    /// survives a crash of the process. See https://sqlite.org/pragma.html#pragma_synchronous
    /// - Throws: `SQLiteError`.
    package func setDurable(_ full: Bool) throws {
        try withWriter { db in try db.execute(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL") }
    }

    /// The writer's `synchronous` setting as SQLite reports it (0 off, 1 normal, 2 full, 3 extra).
    /// - Throws: `SQLiteError`.
    package func synchronousLevel() throws -> Int64 {
        try withWriter { db in try db.scalarInt("PRAGMA synchronous") ?? -1 }
    }
}
