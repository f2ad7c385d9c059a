import CSQLite
import Foundation

/// One SQLite connection (https://sqlite.org/c3ref/sqlite3.html) with its statement cache.
///
/// A connection is used by one thread at a time and only inside the `Store`'s `read`/`write`
/// closures; it is never stored or returned from them. Not `Sendable` on purpose.
package final class Connection {
    /// How a connection is opened.
    package enum Mode: Sendable {
        /// Read-write; the file is created when missing.
        case readWrite
        /// Read-only, with `query_only` set as a second guard.
        case readOnly
    }

    /// The oldest SQLite we accept: 3.37 brought STRICT tables, which the schema relies on.
    package static let minimumLibraryVersion: Int32 = 3_037_000

    let handle: OpaquePointer
    /// The database file's path.
    package let path: String
    private var cache: [String: Statement] = [:]
    private var savepointDepth = 0

    /// Opens `path` in a fixed order: open → busy timeout → foreign keys → no DQS → WAL → synchronous.
    /// - Parameters:
    ///   - path: the database file.
    ///   - mode: read-write (creating the file with mode 0600) or read-only.
    ///   - busyTimeout: milliseconds to wait for a lock before `SQLITE_BUSY`.
    /// - Throws: `SQLiteError` when the file cannot be opened or is not a usable database.
    package init(path: String, mode: Mode = .readWrite, busyTimeout: Int32 = 5_000) throws(SQLiteError) {
        guard sqlite3_libversion_number() >= Self.minimumLibraryVersion else {
            throw SQLiteError(code: .misuse, message: "SQLite \(String(cString: sqlite3_libversion())) is too old: InteractionStore needs 3.37 or later (STRICT tables); upgrade libsqlite3")
        }
        if mode == .readWrite {
            // SQLite creates files with 0644 less the umask; transcripts are personal data, so
            // the file is created 0600 first and SQLite's -wal/-shm files inherit its mode.
            Self.createPrivateFileIfMissing(path)
        }
        var pointer: OpaquePointer?
        let flags = (mode == .readWrite ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard let pointer else {
            throw SQLiteError(code: .noMemory, message: "out of memory opening \(path)")
        }
        guard code == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(pointer))
            sqlite3_close_v2(pointer)  // close the handle even when open fails
            throw SQLiteError(code: ResultCode(rawValue: code), message: "\(message) (\(path))")
        }
        self.handle = pointer
        self.path = path
        sqlite3_extended_result_codes(pointer, 1)
        // A finite wait: a CLI must report a lock held too long (busy), not hang.
        sqlite3_busy_timeout(pointer, busyTimeout)
        try execute("PRAGMA foreign_keys = ON")
        _ = csqlite_disable_dqs(pointer)
        if mode == .readWrite {
            try enableWAL(busyTimeout: busyTimeout)
            try execute("PRAGMA synchronous = NORMAL")
            // A large import is one transaction: with SQLite's default 2 MB page cache it spills
            // dirty pages into the WAL again and again before the commit. 64 MB keeps them.
            try execute("PRAGMA cache_size = -65536")
            // Each event runs in a savepoint, whose statement journal would otherwise be a
            // temporary file written for every page an event first touches.
            try execute("PRAGMA temp_store = MEMORY")
        } else {
            try execute("PRAGMA query_only = ON")
        }
    }

    /// Switches to WAL. SQLite does not run the busy handler for this pragma, so two processes
    /// opening a new file at once would see one fail at once: read first (usually already
    /// `wal`), and retry a busy switch with a short backoff until the busy timeout has passed.
    private func enableWAL(busyTimeout: Int32) throws(SQLiteError) {
        let sql = "PRAGMA journal_mode = WAL"
        var waited: Int32 = 0
        var pause: Int32 = 10
        while true {
            let failure: SQLiteError
            do throws(SQLiteError) {
                if try scalarString("PRAGMA journal_mode")?.lowercased() == "wal" { return }
                let journal = try scalarString(sql)
                if journal?.lowercased() == "wal" { return }
                throw SQLiteError(code: .error, message: "the database would not switch to WAL journal mode (it answered \(journal ?? "nothing")); is it on a network file system?", sql: sql)
            } catch {
                failure = error
            }
            guard failure.code ~= .busy || failure.code ~= .locked, waited < busyTimeout else { throw failure }
            usleep(useconds_t(pause) * 1000)
            waited += pause
            pause = Swift.min(pause * 2, 100)
        }
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    private static func createPrivateFileIfMissing(_ path: String) {
        guard path != ":memory:", !path.isEmpty, !FileManager.default.fileExists(atPath: path) else { return }
        let fd = PrivateFile.open(path, .refuse)
        if fd >= 0 { close(fd) }
    }

    /// Builds an error from a result code and the connection's current message.
    func error(_ code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: ResultCode(rawValue: sqlite3_extended_errcode(handle) == 0 ? code : sqlite3_extended_errcode(handle)),
                    message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    // MARK: Statements

    /// Prepares `sql` without caching (for one-off statements).
    /// - Throws: `SQLiteError` naming the SQL when it does not compile.
    package func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        try prepare(sql, flags: 0)
    }

    private func prepare(_ sql: String, flags: UInt32) throws(SQLiteError) -> Statement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, flags, &statement, nil)
        guard code == SQLITE_OK else { throw error(code, sql: sql) }
        guard let statement else {
            throw SQLiteError(code: .misuse, message: "the SQL holds no statement", sql: sql)
        }
        return Statement(handle: statement, sql: sql, connection: self)
    }

    /// The cached statement for `sql`, reset and with its bindings cleared; prepared once per connection.
    /// - Throws: `SQLiteError` naming the SQL when it does not compile.
    package func cachedStatement(_ sql: String) throws(SQLiteError) -> Statement {
        let statement = try reusableStatement(sql)
        statement.clearBindings()
        return statement
    }

    /// The cached statement for `sql`, reset, its bindings left for `bind` to replace (the
    /// helpers below always bind every parameter).
    private func reusableStatement(_ sql: String) throws(SQLiteError) -> Statement {
        if let statement = cache[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql, flags: UInt32(SQLITE_PREPARE_PERSISTENT))
        cache[sql] = statement
        return statement
    }

    /// Number of statements in the cache (tests check reuse with it).
    package var cachedStatementCount: Int { cache.count }

    /// Runs every statement of `sql` (no parameters), e.g. a PRAGMA or a script.
    /// - Throws: `SQLiteError` naming the statement that failed.
    package func execute(_ sql: String) throws(SQLiteError) {
        var failure: SQLiteError?
        sql.withCString { start in
            var cursor: UnsafePointer<CChar>? = start
            while let current = cursor, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, current, -1, &statement, &tail)
                let text = tail.map { String(decoding: UnsafeRawBufferPointer(start: current, count: current.distance(to: $0)), as: UTF8.self) } ?? String(cString: current)
                guard code == SQLITE_OK else {
                    // The prepare tail stops at the bad token; name the whole statement instead.
                    failure = error(code, sql: Self.firstCompleteStatement(current).trimmingCharacters(in: .whitespacesAndNewlines))
                    return
                }
                cursor = tail
                guard let statement else { continue }  // whitespace or a comment
                var stepCode = sqlite3_step(statement)
                while stepCode == SQLITE_ROW { stepCode = sqlite3_step(statement) }
                if stepCode != SQLITE_DONE {
                    failure = error(stepCode, sql: text.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                sqlite3_finalize(statement)
                if failure != nil { return }
            }
        }
        if let failure { throw failure }
    }

    /// The shortest prefix of `text` that ends in `;` and that SQLite calls a complete
    /// statement, or all of `text`.
    private static func firstCompleteStatement(_ text: UnsafePointer<CChar>) -> String {
        let remainder = String(cString: text)
        var prefix = ""
        for character in remainder {
            prefix.append(character)
            if character == ";", sqlite3_complete(prefix) != 0 { return prefix }
        }
        return remainder
    }

    /// Runs a cached statement with `values` bound, for its effect.
    /// - Throws: `SQLiteError` with the SQL (never the values).
    package func run(_ sql: String, _ values: [any SQLBindable] = []) throws(SQLiteError) {
        let statement = try reusableStatement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Runs a cached statement with `values` bound (each of its own type: no array, no boxing),
    /// for its effect.
    /// - Throws: `SQLiteError` with the SQL (never the values).
    package func run<First: SQLBindable, each Rest: SQLBindable>(_ sql: String, binding first: First, _ rest: repeat each Rest)
        throws(SQLiteError) {
        let statement = try reusableStatement(sql)
        defer { statement.reset() }
        try statement.bind(first, repeat each rest)
        while try statement.step() {}
    }

    /// The first row of a cached statement with `values` bound (each of its own type) mapped
    /// through `row`, or nil when there is none.
    /// - Throws: `SQLiteError`, or what `row` throws.
    package func queryOne<T, First: SQLBindable, each Rest: SQLBindable>(_ sql: String, binding first: First, _ rest: repeat each Rest,
                                                                      row: (Statement) throws -> T) throws -> T? {
        let statement = try reusableStatement(sql)
        defer { statement.reset() }
        try statement.bind(first, repeat each rest)
        return try statement.step() ? try row(statement) : nil
    }

    /// Calls `body` for each row of a cached statement, streaming (constant memory).
    /// - Throws: `SQLiteError`, or what `body` throws.
    package func forEach(_ sql: String, _ values: [any SQLBindable] = [], _ body: (Statement) throws -> Void) throws {
        let statement = try reusableStatement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() { try body(statement) }
    }

    /// Maps every row of a cached statement through `row`.
    /// - Throws: `SQLiteError`, or what `row` throws.
    package func query<T>(_ sql: String, _ values: [any SQLBindable] = [], _ row: (Statement) throws -> T) throws -> [T] {
        var rows: [T] = []
        try forEach(sql, values) { rows.append(try row($0)) }
        return rows
    }

    /// The first row mapped through `row`, or nil when there is none.
    /// - Throws: `SQLiteError`, or what `row` throws.
    package func queryOne<T>(_ sql: String, _ values: [any SQLBindable] = [], _ row: (Statement) throws -> T) throws -> T? {
        let statement = try reusableStatement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        return try statement.step() ? try row(statement) : nil
    }

    /// The first column of the first row as an integer, nil when no row or NULL.
    /// - Throws: `SQLiteError`.
    package func scalarInt(_ sql: String, _ values: [any SQLBindable] = []) throws(SQLiteError) -> Int64? {
        let statement = try reusableStatement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        return try statement.step() ? statement.optionalInt64(0) : nil
    }

    /// The first column of the first row as text, nil when no row or NULL.
    /// - Throws: `SQLiteError`.
    package func scalarString(_ sql: String, _ values: [any SQLBindable] = []) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        try statement.bind(values)
        return try statement.step() ? statement.optionalString(0) : nil
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    package var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Rowid of the last INSERT.
    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// True while a transaction is open.
    package var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    // MARK: Transactions

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`), or in a savepoint when one is
    /// already open. Commits when `body` returns, rolls back and rethrows the first error otherwise.
    /// - Throws: what `body` throws, or `SQLiteError` from BEGIN/COMMIT (e.g. busy).
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction { return try savepoint(body) }
        // Cached like every statement: a live writer begins and commits once per event.
        return try bracketed("BEGIN IMMEDIATE", "COMMIT", undo: { if isInTransaction { try? run("ROLLBACK") } }, body)
    }

    /// Commits the open transaction and opens the next one (`BEGIN IMMEDIATE`), for work that
    /// commits in batches inside one `transaction` call.
    /// - Throws: `SQLiteError` (busy, I/O); the caller's `transaction` then rolls back what is open.
    package func commitAndBegin() throws(SQLiteError) {
        try run("COMMIT")
        try run("BEGIN IMMEDIATE")
    }

    /// Runs `body` in a savepoint: released on success, rolled back to on error (the outer
    /// transaction stays open).
    /// - Throws: what `body` throws.
    package func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        // Savepoint names come from a counter, never from input; the statements are cached
        // because the apply path opens one savepoint per event.
        let name = "sp\(savepointDepth)"
        return try bracketed("SAVEPOINT \(name)", "RELEASE \(name)", undo: {
            try? run("ROLLBACK TO \(name)")
            try? run("RELEASE \(name)")
        }, body)
    }

    /// Runs `body` between the statements `begin` and `end`; when `body` or `end` throws, runs
    /// `undo` and rethrows.
    private func bracketed<T>(_ begin: String, _ end: String, undo: () -> Void, _ body: () throws -> T) throws -> T {
        try run(begin)
        do {
            let result = try body()
            try run(end)
            return result
        } catch {
            undo()
            throw error
        }
    }

    /// Runs `body` inside a read transaction so every query sees one snapshot.
    /// - Throws: what `body` throws.
    package func readTransaction<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction { return try body() }
        try execute("BEGIN DEFERRED")
        defer { try? execute("COMMIT") }
        return try body()
    }
}
