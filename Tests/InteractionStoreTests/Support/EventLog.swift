import Foundation
@testable import InteractionStore
@testable import InteractionModel
@testable import EventLog

/// Builds event lines for tests: `at` as seconds after 2026-03-02T09:00:00Z.
enum Log {
    static func time(_ seconds: Int) -> String {
        Timestamp.format(1_772_442_000_000 + Int64(seconds) * 1000)
    }

    static func line(_ id: String, _ type: String, _ seconds: Int, _ fields: String = "") -> String {
        "{\"id\":\"\(id)\",\"type\":\"\(type)\",\"at\":\"\(time(seconds))\"" + (fields.isEmpty ? "" : "," + fields) + "}"
    }

    /// A chat `c1` with contact `cust`, owner `a1`, and agents a2/a3 ready; code RESOLVED defined.
    static let base: [String] = [
        line("d1", "disposition.defined", 0, #""code":"RESOLVED","label":"Resolved""#),
        line("s1", "agent.state", 0, #""agent":"a1","state":"ready""#),
        line("s2", "agent.state", 0, #""agent":"a2","state":"ready""#),
        line("s3", "agent.state", 0, #""agent":"a3","state":"ready""#),
        line("c1", "chat.started", 10, #""interaction":"c1","contact":{"id":"cust","name":"Dana"}"#),
        line("j1", "party.joined", 11, #""interaction":"c1","party":{"kind":"agent","id":"a1"},"role":"owner""#),
        line("m1", "message", 12, #""interaction":"c1","party":"cust","text":"hello""#),
    ]

    /// `base` plus an accepted instant conference bringing a2 in.
    static let conferenced: [String] = base + [
        line("r1", "conference.requested", 20, #""interaction":"c1","request":"q1","from":"a1","target":{"kind":"agent","id":"a2"}"#),
        line("r2", "conference.accepted", 25, #""request":"q1","agent":"a2""#),
    ]
}

/// A fresh store in a temp directory with `lines` applied.
final class TestStore {
    let directory: TempDirectory
    let store: Store

    init(_ lines: [String] = []) throws {
        directory = try TempDirectory(prefix: "store")
        store = try Store(path: directory.databasePath)
        if !lines.isEmpty { try apply(lines) }
    }

    @discardableResult
    func apply(_ lines: [String]) throws -> [ApplyOutcome] {
        try store.apply(try lines.map { try EventDecoder.decode($0) })
    }

    /// Every user table's rows, in a stable order: equal before and after means nothing was written.
    func snapshot() throws -> String {
        try store.read { db in
            var out = ""
            let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") { $0.string(0) }
            for table in tables {
                out += "## \(table)\n"
                let statement = try db.prepare("SELECT * FROM \"\(table)\" ORDER BY 1")
                while try statement.step() {
                    out += (0..<statement.columnCount).map { "\(statement.value($0))" }.joined(separator: "|") + "\n"
                }
            }
            return out
        }
    }

    func count(_ sql: String) throws -> Int64 {
        try store.read { try $0.scalarInt(sql) ?? -1 }
    }
}
