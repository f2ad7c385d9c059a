import Foundation
import Testing
@testable import InteractionStore
@testable import InteractionModel
@testable import StoreSQLite

/// The SQLite layer: binding and reading every storage class, error mapping, busy handling,
/// the statement cache, nested transactions and the settings of a new connection.
@Suite struct SQLiteConnectionTests {
    // MARK: Helpers

    /// A fresh connection on a file in its own temp directory with a `v` table of every storage class.
    private func withValuesTable(_ body: (Connection) throws -> Void) throws {
        try withTempDirectory(prefix: "conn") { dir in
            let db = try Connection(path: dir.databasePath)
            try db.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, x ANY) STRICT")
            try body(db)
        }
    }

    /// Inserts `value` into `v` and returns its rowid.
    private func insert(_ db: Connection, _ value: any SQLBindable) throws -> Int64 {
        try db.run("INSERT INTO v (x) VALUES (?)", [value])
        return db.lastInsertRowID
    }

    /// `typeof(x)` and the byte length of `x` for row `id`.
    private func typeAndBytes(_ db: Connection, _ id: Int64) throws -> (type: String, bytes: Int64?) {
        try #require(try db.queryOne("SELECT typeof(x), length(CAST(x AS BLOB)) FROM v WHERE id = ?", [id]) {
            ($0.string(0), $0.optionalInt64(1))
        })
    }

    private func captureError(_ body: () throws -> Void) -> SQLiteError? {
        do {
            try body()
            return nil
        } catch let error as SQLiteError {
            return error
        } catch {
            Issue.record("expected SQLiteError, got \(type(of: error)): \(error)")
            return nil
        }
    }

    // MARK: Text

    @Test func emptyStringIsStoredAsEmptyTextNotNull() throws {
        try withValuesTable { db in
            let id = try insert(db, "")
            let (type, bytes) = try typeAndBytes(db, id)
            #expect(type == "text")
            #expect(bytes == 0)
            let read = try db.queryOne("SELECT x, x IS NULL, x = '' FROM v WHERE id = ?", [id]) {
                ($0.optionalString(0), $0.isNull(0), $0.int64(1), $0.int64(2))
            }
            let row = try #require(read)
            #expect(row.0 == "")
            #expect(row.1 == false)
            #expect(row.2 == 0)
            #expect(row.3 == 1)
        }
    }

    @Test func textWithNULCharactersRoundTrips() throws {
        try withValuesTable { db in
            let text = "a\u{0}b"
            let id = try insert(db, text)
            let (type, bytes) = try typeAndBytes(db, id)
            #expect(type == "text")
            #expect(bytes == 3)
            let read = try #require(try db.queryOne("SELECT x FROM v WHERE id = ?", [id]) { $0.string(0) })
            #expect(read == text)
            #expect(Array(read.utf8) == [0x61, 0x00, 0x62])
            // The NUL is inside the value, not a terminator: comparing with a bound copy matches.
            #expect(try db.scalarInt("SELECT count(*) FROM v WHERE x = ?", [text]) == 1)
            #expect(try db.scalarInt("SELECT count(*) FROM v WHERE x = ?", ["a"]) == 0)
        }
    }

    @Test func emojiAndNonASCIITextRoundTrip() throws {
        try withValuesTable { db in
            let text = "👩🏽‍💻 ça va? 日本語 e\u{301}"
            let id = try insert(db, text)
            let (type, bytes) = try typeAndBytes(db, id)
            #expect(type == "text")
            #expect(bytes == Int64(text.utf8.count))
            let read = try db.queryOne("SELECT x FROM v WHERE id = ?", [id]) { $0.string(0) }
            #expect(read.map { Array($0.utf8) } == Array(text.utf8))
            #expect(try db.queryOne("SELECT x FROM v WHERE id = ?", [id]) { $0.value(0) } == .text(text))
        }
    }

    // MARK: Numbers

    @Test(arguments: [Int64.min, Int64.min + 1, -1, 0, 1, Int64(Int32.max) + 1, Int64.max])
    func int64RoundTrips(_ value: Int64) throws {
        try withValuesTable { db in
            let id = try insert(db, value)
            #expect(try typeAndBytes(db, id).type == "integer")
            let row = try #require(try db.queryOne("SELECT x FROM v WHERE id = ?", [id]) { ($0.int64(0), $0.optionalInt64(0), $0.value(0)) })
            #expect(row.0 == value)
            #expect(row.1 == value)
            #expect(row.2 == .integer(value))
            // Compared inside SQLite too, so the bound value is not merely echoed back.
            #expect(try db.scalarInt("SELECT x = ? FROM v WHERE id = ?", [value, id]) == 1)
        }
    }

    @Test func intAndBoolBindAsIntegers() throws {
        try withValuesTable { db in
            let a = try insert(db, 42 as Int)
            let t = try insert(db, true)
            let f = try insert(db, false)
            #expect(try db.query("SELECT typeof(x), x FROM v WHERE id IN (?, ?, ?) ORDER BY id", [a, t, f]) { "\($0.string(0)):\($0.int64(1))" }
                    == ["integer:42", "integer:1", "integer:0"])
        }
    }

    @Test(arguments: [0.0, -0.5, 3.141592653589793, 1e308, -2.2250738585072014e-308, Double.leastNonzeroMagnitude, Double.infinity])
    func doubleRoundTrips(_ value: Double) throws {
        try withValuesTable { db in
            let id = try insert(db, value)
            #expect(try typeAndBytes(db, id).type == "real")
            let row = try #require(try db.queryOne("SELECT x FROM v WHERE id = ?", [id]) { ($0.double(0), $0.value(0)) })
            #expect(row.0 == value)
            #expect(row.0.bitPattern == value.bitPattern)
            #expect(row.1 == .real(value))
        }
    }

    // MARK: Blobs and NULL

    @Test func blobRoundTripsBytesExactly() throws {
        try withValuesTable { db in
            let bytes: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x00]
            let id = try insert(db, bytes)
            let (type, length) = try typeAndBytes(db, id)
            #expect(type == "blob")
            #expect(length == 6)
            #expect(try db.queryOne("SELECT x FROM v WHERE id = ?", [id]) { $0.blob(0) } == bytes)
            #expect(try db.queryOne("SELECT x FROM v WHERE id = ?", [id]) { $0.value(0) } == .blob(bytes))
            #expect(try db.queryOne("SELECT hex(x) FROM v WHERE id = ?", [id]) { $0.string(0) } == "00017F80FF00")
        }
    }

    @Test func emptyBlobIsStoredAsEmptyBlobNotNull() throws {
        try withValuesTable { db in
            let id = try insert(db, [UInt8]())
            let (type, length) = try typeAndBytes(db, id)
            #expect(type == "blob")
            #expect(length == 0)
            let row = try #require(try db.queryOne("SELECT x FROM v WHERE id = ?", [id]) { ($0.isNull(0), $0.blob(0), $0.value(0)) })
            #expect(row.0 == false)
            #expect(row.1 == [])
            #expect(row.2 == .blob([]))
        }
    }

    @Test func nullBindsAndReadsAsNull() throws {
        try withValuesTable { db in
            let none: String? = nil
            let a = try insert(db, none)
            let b = try insert(db, SQLValue.null)
            let c = try insert(db, Optional<Int64>.none)
            for id in [a, b, c] {
                let (type, length) = try typeAndBytes(db, id)
                #expect(type == "null")
                #expect(length == nil)
                let row = try #require(try db.queryOne("SELECT x FROM v WHERE id = ?", [id]) {
                    ($0.isNull(0), $0.optionalString(0), $0.optionalInt64(0), $0.value(0), $0.int64(0), $0.string(0), $0.blob(0))
                })
                #expect(row.0 == true)
                #expect(row.1 == nil)
                #expect(row.2 == nil)
                #expect(row.3 == .null)
                #expect(row.4 == 0)
                #expect(row.5 == "")
                #expect(row.6 == [])
            }
            // A present optional binds its value.
            let some: String? = "x"
            let d = try insert(db, some)
            #expect(try typeAndBytes(db, d).type == "text")
        }
    }

    @Test func queryReturnsEveryRowInOrderAndQueryOneReturnsNilWhenEmpty() throws {
        try withValuesTable { db in
            for value in [3, 1, 2] { _ = try insert(db, Int64(value)) }
            #expect(try db.query("SELECT x FROM v ORDER BY x DESC") { $0.int64(0) } == [3, 2, 1])
            #expect(try db.query("SELECT x FROM v WHERE x > ? ORDER BY x", [1]) { $0.int64(0) } == [2, 3])
            #expect(try db.query("SELECT x FROM v WHERE x > ?", [99]) { $0.int64(0) } == [])
            #expect(try db.queryOne("SELECT x FROM v WHERE x > ?", [99]) { $0.int64(0) } == nil)
            #expect(try db.scalarInt("SELECT x FROM v WHERE x > ?", [99]) == nil)
            #expect(try db.scalarInt("SELECT count(*) FROM v") == 3)
            let statement = try db.prepare("SELECT 1 AS one, 'two' AS second")
            #expect(statement.columnCount == 2)
            #expect(statement.columnName(0) == "one")
            #expect(statement.columnName(1) == "second")
        }
    }

    // MARK: Errors

    @Test func uniqueViolationMapsToConstraintWithExtendedCodeMessageAndSQL() throws {
        try withTempDirectory(prefix: "conn") { dir in
            let db = try Connection(path: dir.databasePath)
            try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT")
            let sql = "INSERT INTO t (name) VALUES (?)"
            try db.run(sql, ["secret-value-alice"])
            let error = try #require(captureError { try db.run(sql, ["secret-value-alice"]) })
            // The pattern (a primary code) goes on the left, as in `switch`/`case`.
            #expect(ResultCode.constraint ~= error.code)
            #expect(error.code.rawValue == 2067)  // SQLITE_CONSTRAINT_UNIQUE
            #expect(error.code.primary == .constraint)
            #expect(!(ResultCode.busy ~= error.code))
            switch error.code {
            case .constraint: break
            default: Issue.record("switch on .constraint did not match \(error.code)")
            }
            // ResultCode's doc comment shows `where error.code ~= .constraint`; with the value on
            // the left the operator only matches equal codes (see the report: make `~=` symmetric).
                            #expect(error.code ~= .constraint)
            #expect(error.message == "UNIQUE constraint failed: t.name")
            #expect(error.message.contains("UNIQUE"))
            #expect(error.sql == sql)
            // Bound values are personal data: never in the error.
            #expect(!error.description.contains("secret-value-alice"))
            #expect(!error.message.contains("secret-value-alice"))
            #expect(error.category == .internal)
            // The cached statement is usable again after the failure.
            try db.run(sql, ["bob"])
            #expect(try db.query("SELECT name FROM t ORDER BY id") { $0.string(0) } == ["secret-value-alice", "bob"])
        }
    }

    @Test func primaryCodesMatchTheirExtendedCodesEitherWay() {
        let unique = ResultCode(rawValue: 2067)
        let notNull = ResultCode(rawValue: 1299)  // SQLITE_CONSTRAINT_NOTNULL
        #expect(ResultCode.constraint ~= unique)
        #expect(unique ~= unique)
        #expect(!(unique ~= notNull))
        #expect(unique ~= .constraint)  // symmetric: either side may be the primary code
        #expect(!(ResultCode.error ~= unique))
    }

    @Test func syntaxErrorCarriesErrorCodeAndSQL() throws {
        try withTempDirectory(prefix: "conn") { dir in
            let db = try Connection(path: dir.databasePath)
            let sql = "SELEC 1"
            let viaRun = try #require(captureError { try db.run(sql) })
            #expect(viaRun.code == .error)
            #expect(ResultCode.error ~= viaRun.code)
            #expect(viaRun.sql == sql)
            #expect(viaRun.message == #"near "SELEC": syntax error"#)
            // A statement that did not compile is not cached.
            #expect(db.cachedStatementCount == 0)

            let viaExecute = try #require(captureError { try db.execute("CREATE TABLE ok (a INTEGER); CREATE TABLEX bad (a); CREATE TABLE after (b)") })
            #expect(viaExecute.code == .error)
            #expect(viaExecute.message == #"near "TABLEX": syntax error"#)
            #expect(viaExecute.sql?.hasPrefix("CREATE TABLEX") == true)
            // `execute` names the failing statement by the prepare tail, which for a statement
            // that does not compile stops at the bad token (see the report).
                            #expect(viaExecute.sql?.hasPrefix("CREATE TABLEX bad (a)") == true)
            #expect(viaExecute.sql?.contains("after") == false)
            // Statements before the failing one ran (execute is not a transaction); later ones did not.
            #expect(try db.query("SELECT name FROM sqlite_schema ORDER BY name") { $0.string(0) } == ["ok"])
        }
    }

    @Test func doubleQuotedStringLiteralsAreRefused() throws {
        try withTempDirectory(prefix: "conn") { dir in
            let db = try Connection(path: dir.databasePath)
            try db.execute("CREATE TABLE t (a TEXT)")
            let error = try #require(captureError { try db.run(#"SELECT a FROM t WHERE a = "nosuchcolumn""#) })
            #expect(error.code == .error)
            #expect(error.message == "no such column: nosuchcolumn")
        }
    }

    @Test func secondWriterGetsBusyAfterTheTimeout() throws {
        try withTempDirectory(prefix: "conn") { dir in
            let first = try Connection(path: dir.databasePath, busyTimeout: 100)
            let second = try Connection(path: dir.databasePath, busyTimeout: 100)
            try first.execute("CREATE TABLE t (a INTEGER)")
            try first.execute("BEGIN IMMEDIATE")
            try first.run("INSERT INTO t (a) VALUES (1)")

            let started = Date()
            let failure = captureError {
                try second.transaction { try second.run("INSERT INTO t (a) VALUES (2)") }
            }
            let elapsed = Date().timeIntervalSince(started)
            let error = try #require(failure)
            #expect(ResultCode.busy ~= error.code)
            #expect(error.code == .busy)
            #expect(error.category == .busy)
            #expect(error.sql == "BEGIN IMMEDIATE")
            #expect(error.userMessage.contains("busy"))
            #expect(second.isInTransaction == false)
            #expect(elapsed >= 0.09, "gave up after \(elapsed) s, before the 100 ms busy timeout")
            #expect(elapsed < 3, "waited \(elapsed) s for a 100 ms busy timeout")

            try first.execute("COMMIT")
            try second.transaction { try second.run("INSERT INTO t (a) VALUES (2)") }
            #expect(try first.query("SELECT a FROM t ORDER BY a") { $0.int64(0) } == [1, 2])
        }
    }

    // MARK: Statement cache

    @Test func statementCacheReusesOneStatementPerSQLText() throws {
        try withValuesTable { db in
            #expect(db.cachedStatementCount == 0)
            let sql = "INSERT INTO v (x) VALUES (?)"
            for value in 0..<100 { try db.run(sql, [Int64(value)]) }
            #expect(db.cachedStatementCount == 1)
            #expect(try db.scalarInt("SELECT sum(x) FROM v") == 4950)
            #expect(db.cachedStatementCount == 2)

            let once = try db.cachedStatement(sql)
            let again = try db.cachedStatement(sql)
            #expect(once === again)
            #expect(once.sql == sql)
            #expect(db.cachedStatementCount == 2)

            // A reused statement comes back reset, with its bindings cleared.
            let select = try db.cachedStatement("SELECT ? IS NULL")
            try select.bind([Int64(7)])
            _ = try select.step()
            let reused = try db.cachedStatement("SELECT ? IS NULL")
            #expect(reused === select)
            #expect(try reused.step() == true)
            #expect(reused.int64(0) == 1)
        }
    }

    // MARK: Transactions

    @Test func innerSavepointErrorRollsBackOnlyTheInnerWrites() throws {
        struct Inner: Error {}
        try withValuesTable { db in
            try db.transaction {
                try db.run("INSERT INTO v (x) VALUES (?)", [1])
                #expect(throws: Inner.self) {
                    try db.transaction {
                        try db.run("INSERT INTO v (x) VALUES (?)", [2])
                        try db.transaction { try db.run("INSERT INTO v (x) VALUES (?)", [3]) }
                        throw Inner()
                    }
                }
                #expect(db.isInTransaction)
                try db.run("INSERT INTO v (x) VALUES (?)", [4])
            }
            #expect(db.isInTransaction == false)
            #expect(try db.query("SELECT x FROM v ORDER BY id") { $0.int64(0) } == [1, 4])
        }
    }

    @Test func innerSQLiteErrorRollsBackOnlyTheInnerWrites() throws {
        try withValuesTable { db in
            try db.execute("CREATE UNIQUE INDEX v_x ON v (x)")
            try db.transaction {
                try db.run("INSERT INTO v (x) VALUES (?)", [1])
                let error = captureError {
                    try db.savepoint {
                        try db.run("INSERT INTO v (x) VALUES (?)", [2])
                        try db.run("INSERT INTO v (x) VALUES (?)", [1])
                    }
                }
                #expect(error?.code.rawValue == 2067)
                try db.run("INSERT INTO v (x) VALUES (?)", [3])
            }
            #expect(try db.query("SELECT x FROM v ORDER BY id") { $0.int64(0) } == [1, 3])
        }
    }

    @Test func outerErrorRollsBackEverythingIncludingReleasedSavepoints() throws {
        struct Outer: Error {}
        try withValuesTable { db in
            #expect(throws: Outer.self) {
                try db.transaction {
                    try db.run("INSERT INTO v (x) VALUES (?)", [1])
                    try db.transaction { try db.run("INSERT INTO v (x) VALUES (?)", [2]) }
                    throw Outer()
                }
            }
            #expect(db.isInTransaction == false)
            #expect(try db.scalarInt("SELECT count(*) FROM v") == 0)
            // The connection is usable afterwards, savepoint names included.
            let value = try db.transaction {
                try db.transaction { try db.run("INSERT INTO v (x) VALUES (?)", [5]) }
                return 9
            }
            #expect(value == 9)
            #expect(try db.query("SELECT x FROM v") { $0.int64(0) } == [5])
        }
    }

    // MARK: Opening

    @Test func newConnectionUsesWALForeignKeysAndNormalSync() throws {
        try withTempDirectory(prefix: "conn") { dir in
            let db = try Connection(path: dir.databasePath)
            #expect(db.path == dir.databasePath)
            #expect(try db.scalarString("PRAGMA journal_mode") == "wal")
            #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
            #expect(try db.scalarInt("PRAGMA synchronous") == 1)  // NORMAL
            #expect(try db.scalarInt("PRAGMA busy_timeout") == 5_000)
            #expect(try db.scalarInt("PRAGMA query_only") == 0)
            #expect(db.isInTransaction == false)
        }
    }

    @Test func foreignKeysAreEnforced() throws {
        try withTempDirectory(prefix: "conn") { dir in
            let db = try Connection(path: dir.databasePath)
            try db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p (id))")
            let error = try #require(captureError { try db.run("INSERT INTO c (p) VALUES (?)", [1]) })
            #expect(error.code.rawValue == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
        }
    }

    @Test func readOnlyConnectionRefusesWrites() throws {
        try withTempDirectory(prefix: "conn") { dir in
            let writer = try Connection(path: dir.databasePath)
            try writer.execute("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)")
            let reader = try Connection(path: dir.databasePath, mode: .readOnly)
            #expect(try reader.scalarInt("PRAGMA query_only") == 1)
            #expect(try reader.scalarInt("SELECT count(*) FROM t") == 1)
            let error = try #require(captureError { try reader.run("INSERT INTO t (a) VALUES (2)") })
            #expect(ResultCode.readOnly ~= error.code)
            #expect(try writer.scalarInt("SELECT count(*) FROM t") == 1)
        }
    }

    @Test func readOnlyOpenOfAMissingFileFailsWithoutCreatingIt() throws {
        try withTempDirectory(prefix: "conn") { dir in
            let path = dir.path("missing.sqlite")
            let error = try #require(captureError { _ = try Connection(path: path, mode: .readOnly) })
            #expect(ResultCode.cannotOpen ~= error.code)
            #expect(error.message.contains(path))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func databaseFilesAreCreatedPrivateEvenWithUmask022() throws {
        try withTempDirectory(prefix: "conn") { dir in
            let previous = umask(0o022)
            defer { umask(previous) }
            let db = try Connection(path: dir.databasePath)
            try db.execute("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)")
            for path in [dir.databasePath, dir.databasePath + "-wal", dir.databasePath + "-shm"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                let permissions = try #require(attributes[.posixPermissions] as? NSNumber).uint16Value
                #expect(permissions & 0o777 == 0o600, "\(path) has mode \(String(permissions, radix: 8))")
            }
        }
    }
}
