import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite

/// The append-only triggers of V0001: history rows cannot be updated, and are deleted only
/// while `purge_gate.open = 1` (the sanctioned purge path).
@Suite struct AppendOnlyTests {
    /// A history table, a harmless UPDATE of it, and the messages its triggers raise.
    struct HistoryTable: Sendable, CustomTestStringConvertible {
        var name: String
        var update: String
        var updateMessage: String
        var deleteMessage: String
        var testDescription: String { name }
    }

    static let tables: [HistoryTable] = [
        HistoryTable(name: "timeline", update: "UPDATE timeline SET text = 'edited' WHERE seq = 1",
                     updateMessage: "timeline is append-only: history cannot be updated",
                     deleteMessage: "timeline is append-only: history is deleted only by storectl purge"),
        HistoryTable(name: "events", update: "UPDATE events SET type = 'edited'",
                     updateMessage: "events is append-only: the ledger cannot be updated",
                     deleteMessage: "events is append-only: the ledger is deleted only by storectl purge"),
        HistoryTable(name: "agent_states", update: "UPDATE agent_states SET state = 'ready'",
                     updateMessage: "agent_states is append-only: history cannot be updated",
                     deleteMessage: "agent_states is append-only: history is deleted only by storectl purge"),
        HistoryTable(name: "disposition_changes", update: "UPDATE disposition_changes SET agent_id = 'someone-else'",
                     updateMessage: "disposition_changes is append-only: history cannot be updated",
                     deleteMessage: "disposition_changes is append-only: history is deleted only by storectl purge"),
    ]

    /// SQLITE_CONSTRAINT_TRIGGER: what SQLite reports for `RAISE(ABORT, …)` in a trigger.
    static let constraintTrigger: Int32 = 1811

    // MARK: Fixture

    /// A migrated database in a temp directory holding one row in each history table.
    private func withHistory(_ body: (Connection) throws -> Void) throws {
        try withTempDirectory(prefix: "append-only") { dir in
            let db = try Connection(path: dir.databasePath)
            try Migrator().migrate(db)
            let zero = [UInt8](repeating: 0, count: 32)
            let one = [UInt8](repeating: 1, count: 32)
            try db.transaction {
                let insertEvent = "INSERT INTO events (event_id, type, at, content_hash) VALUES (?, ?, ?, ?)"
                try db.run(insertEvent, ["e1", "chat.started", Int64(1_000), zero])
                let chatSeq = db.lastInsertRowID
                try db.run(insertEvent, ["e2", "agent.state", Int64(2_000), one])
                let stateSeq = db.lastInsertRowID
                try db.run(insertEvent, ["e3", "disposition.set", Int64(3_000), zero])
                let dispositionSeq = db.lastInsertRowID

                try db.run("INSERT INTO interactions (id, kind, contact_id, status, started_at, latest_at, started_seq) VALUES (?, 'chat', ?, 'active', ?, ?, ?)",
                           ["chat-1", "contact-1", Int64(1_000), Int64(1_000), chatSeq])
                try db.run("""
                    INSERT INTO timeline (interaction_id, seq, at, kind, party_id, text, visibility, event_seq, prev_hash, hash)
                    VALUES (?, 1, ?, 'message', ?, ?, 'all', ?, ?, ?)
                    """, ["chat-1", Int64(1_000), "contact-1", "hello", chatSeq, zero, zero])
                try db.run("INSERT INTO agent_states (agent_id, channel, state, at, event_seq) VALUES (?, 'chat', 'not_ready', ?, ?)",
                           ["agent-1", Int64(2_000), stateSeq])
                try db.run("INSERT INTO disposition_codes (code, label, defined_at) VALUES (?, ?, ?)", ["SOLD", "Sale", Int64(0)])
                try db.run("INSERT INTO disposition_changes (interaction_id, agent_id, code, at, event_seq) VALUES (?, ?, ?, ?, ?)",
                           ["chat-1", "agent-1", "SOLD", Int64(3_000), dispositionSeq])
            }
            try body(db)
        }
    }

    private func count(_ db: Connection, _ table: String) throws -> Int64? {
        try db.scalarInt("SELECT count(*) FROM \(table)")
    }

    /// A snapshot of every column of every row, to prove a refused statement changed nothing.
    private func snapshot(_ db: Connection, _ table: String) throws -> [[SQLValue]] {
        try db.query("SELECT * FROM \(table) ORDER BY rowid") { row in
            (0..<row.columnCount).map { row.value($0) }
        }
    }

    private func refusal(_ body: () throws -> Void) -> SQLiteError? {
        do {
            try body()
            Issue.record("the statement was not refused")
            return nil
        } catch let error as SQLiteError {
            return error
        } catch {
            Issue.record("expected SQLiteError, got \(type(of: error)): \(error)")
            return nil
        }
    }

    // MARK: Tests

    @Test func fixtureHoldsOneRowPerHistoryTable() throws {
        try withHistory { db throws in
            for table in Self.tables {
                #expect(try count(db, table.name) == (table.name == "events" ? 3 : 1), "\(table.name)")
            }
            #expect(try db.query("PRAGMA foreign_key_check") { $0.string(0) } == [])
        }
    }

    @Test(arguments: tables)
    func updateIsRefused(_ table: HistoryTable) throws {
        try withHistory { db in
            let before = try snapshot(db, table.name)
            let error = try #require(refusal { try db.run(table.update) })
            // RAISE(ABORT, …) in a trigger surfaces as SQLITE_CONSTRAINT_TRIGGER, not SQLITE_ABORT.
            #expect(error.code.rawValue == Self.constraintTrigger)
            #expect(ResultCode.constraint ~= error.code)
            #expect(!(ResultCode.abort ~= error.code))
            #expect(error.message == table.updateMessage)
            #expect(error.sql == table.update)
            #expect(try snapshot(db, table.name) == before)
        }
    }

    @Test(arguments: tables)
    func deleteIsRefusedWhileTheGateIsClosed(_ table: HistoryTable) throws {
        try withHistory { db in
            let before = try snapshot(db, table.name)
            let sql = "DELETE FROM \(table.name)"
            let error = try #require(refusal { try db.run(sql) })
            #expect(error.code.rawValue == Self.constraintTrigger)
            #expect(ResultCode.constraint ~= error.code)
            #expect(error.message == table.deleteMessage)
            #expect(error.sql == sql)
            #expect(try snapshot(db, table.name) == before)
            #expect(try count(db, table.name) == Int64(before.count))
        }
    }

    @Test(arguments: tables)
    func refusalInsideATransactionRollsBackThatTransaction(_ table: HistoryTable) throws {
        try withHistory { db in
            let before = try snapshot(db, table.name)
            let error = try #require(refusal {
                try db.transaction {
                    try db.run("INSERT INTO disposition_codes (code, label, defined_at) VALUES (?, ?, ?)", ["NEW", "New", Int64(0)])
                    try db.run("DELETE FROM \(table.name)")
                }
            })
            #expect(error.message == table.deleteMessage)
            #expect(db.isInTransaction == false)
            #expect(try db.scalarInt("SELECT count(*) FROM disposition_codes WHERE code = 'NEW'") == 0)
            #expect(try snapshot(db, table.name) == before)
        }
    }

    @Test func deleteWorksWhileThePurgeGateIsOpen() throws {
        try withHistory { db in
            try db.transaction {
                try db.run("UPDATE purge_gate SET open = 1 WHERE id = 1")
                // Children before parents: foreign keys stay enforced during a purge.
                for table in ["timeline", "agent_states", "disposition_changes", "interactions", "events"] {
                    try db.run("DELETE FROM \(table)")
                }
                try db.run("UPDATE purge_gate SET open = 0 WHERE id = 1")
            }
            for table in Self.tables {
                #expect(try count(db, table.name) == 0, "\(table.name)")
            }
            #expect(try count(db, "interactions") == 0)
            #expect(try db.scalarInt("SELECT open FROM purge_gate WHERE id = 1") == 0)
            // The catalog is not history: it stays.
            #expect(try count(db, "disposition_codes") == 1)
        }
    }

    @Test(arguments: tables)
    func updateIsRefusedEvenWhileThePurgeGateIsOpen(_ table: HistoryTable) throws {
        try withHistory { db in
            try db.run("UPDATE purge_gate SET open = 1 WHERE id = 1")
            let before = try snapshot(db, table.name)
            let error = try #require(refusal { try db.run(table.update) })
            #expect(error.code.rawValue == Self.constraintTrigger)
            #expect(error.message == table.updateMessage)
            #expect(try snapshot(db, table.name) == before)
        }
    }

    @Test func closingTheGateAgainRefusesDeletes() throws {
        try withHistory { db in
            try db.run("UPDATE purge_gate SET open = 1 WHERE id = 1")
            try db.run("DELETE FROM agent_states")
            #expect(try count(db, "agent_states") == 0)
            try db.run("UPDATE purge_gate SET open = 0 WHERE id = 1")
            let error = try #require(refusal { try db.run("DELETE FROM timeline") })
            #expect(error.message == "timeline is append-only: history is deleted only by storectl purge")
            #expect(try count(db, "timeline") == 1)
        }
    }

    @Test func purgeGateHoldsOnlyZeroOrOne() throws {
        try withHistory { db in
            let error = try #require(refusal { try db.run("UPDATE purge_gate SET open = 2 WHERE id = 1") })
            #expect(error.code.rawValue == 275)  // SQLITE_CONSTRAINT_CHECK
            let second = try #require(refusal { try db.run("INSERT INTO purge_gate (id, open) VALUES (2, 1)") })
            #expect(ResultCode.constraint ~= second.code)
            #expect(try db.scalarInt("SELECT open FROM purge_gate WHERE id = 1") == 0)
        }
    }

    @Test func insertsAreStillAllowed() throws {
        try withHistory { db in
            let zero = [UInt8](repeating: 0, count: 32)
            try db.run("INSERT INTO events (event_id, type, at, content_hash) VALUES (?, ?, ?, ?)", ["e4", "message", Int64(4_000), zero])
            try db.run("""
                INSERT INTO timeline (interaction_id, seq, at, kind, party_id, text, visibility, event_seq, prev_hash, hash)
                VALUES (?, 2, ?, 'message', ?, ?, 'agents', ?, ?, ?)
                """, ["chat-1", Int64(4_000), "agent-1", "note", db.lastInsertRowID, zero, zero])
            #expect(try db.query("SELECT seq, visibility FROM timeline ORDER BY seq") { "\($0.int64(0)):\($0.string(1))" } == ["1:all", "2:agents"])
        }
    }
}
