import Foundation
import Testing
@testable import StoreSQLite
import StoreTestSupport

/// `Statement.bind` copies text and blobs into a buffer the statement owns and lets SQLite
/// read them from there; these tests reuse one cached statement with values that force the
/// buffer to grow and shrink, and read every row back exactly.
@Suite struct StatementBindingTests {
    @Test func reusedStatementStoresEveryValueExactly() throws {
        try withTempDirectory(prefix: "bind") { dir in
            let db = try Connection(path: dir.databasePath)
            try db.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, a TEXT, b BLOB, c TEXT) STRICT")
            let values: [(String, [UInt8], String?)] = [
                ("short", [1, 2, 3], "x"),
                (String(repeating: "long é ", count: 5_000), Array(repeating: 7, count: 70_000), nil),
                ("", [], ""),
                ("nul \u{0} inside", [0, 0, 0], "🎧"),
                ("after the big one", [9], String(repeating: "z", count: 300)),
            ]
            let sql = "INSERT INTO v (a, b, c) VALUES (?, ?, ?)"
            // Both ways of binding, alternating on one statement: an array of values, and typed values.
            for (number, (a, b, c)) in values.enumerated() {
                if number.isMultiple(of: 2) { try db.run(sql, [a, b, c]) } else { try db.run(sql, binding: a, b, c) }
            }
            #expect(db.cachedStatementCount == 1)

            let rows = try db.query("SELECT a, b, c, typeof(b), typeof(c) FROM v ORDER BY id") {
                ($0.string(0), $0.blob(1), $0.optionalString(2), $0.string(3), $0.string(4))
            }
            #expect(rows.count == values.count)
            for (row, value) in zip(rows, values) {
                #expect(Array(row.0.utf8) == Array(value.0.utf8))
                #expect(row.1 == value.1)
                #expect(row.2.map { Array($0.utf8) } == value.2.map { Array($0.utf8) })
                #expect(row.3 == "blob", "an empty blob is a blob, not NULL")
                #expect(row.4 == (value.2 == nil ? "null" : "text"))
            }
        }
    }

    /// Fewer values than parameters: the rest are NULL, never what the last run bound.
    @Test func missingValuesAreNullNotLeftovers() throws {
        try withTempDirectory(prefix: "bind") { dir in
            let db = try Connection(path: dir.databasePath)
            let sql = "SELECT ?1, ?2"
            #expect(try db.queryOne(sql, binding: "one", "two", row: { $0.optionalString(1) }) == "two")
            let second = try db.queryOne(sql, ["one"]) { ($0.optionalString(0), $0.optionalString(1)) }
            #expect(second?.0 == "one")
            #expect(second?.1 == nil)
        }
    }

    /// Binding a statement that is between rows is refused, and the row it is on stays intact.
    @Test func bindingARunningStatementIsRefused() throws {
        try withTempDirectory(prefix: "bind") { dir in
            let db = try Connection(path: dir.databasePath)
            let statement = try db.cachedStatement("SELECT ?1 || x FROM (SELECT 'a' AS x UNION ALL SELECT 'b')")
            try statement.bind([String(repeating: "long text ", count: 50)])
            #expect(try statement.step())
            let error = try #require(throws: SQLiteError.self) { try statement.bind(["other"]) }
            #expect(error.code ~= .misuse)
            #expect(statement.string(0).hasPrefix("long text long text"))
            #expect(try statement.step())
            #expect(statement.string(0).hasPrefix("long text"))
            statement.reset()
        }
    }
}
