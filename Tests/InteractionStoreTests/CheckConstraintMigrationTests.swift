import Foundation
import Testing
@testable import InteractionStore
import InteractionDemo
import EventLog
@testable import StoreSQLite

/// V0003 rewrites the `CHECK (x IN (…))` of connections, timeline, requests and agent_states as
/// `=` comparisons joined by `OR`: the database must accept and refuse exactly the values it did,
/// the inserts must no longer build an ephemeral B-tree, and a V0002 database with data must
/// migrate in place with every row, hash chain, index and trigger intact.
@Suite struct CheckConstraintMigrationTests {
    /// One constrained column of a rebuilt table: every value V0001 allowed, and whether NULL is.
    struct ConstrainedColumn: Sendable, CustomTestStringConvertible {
        var table: String
        var column: String
        var allowed: [String]
        var nullable: Bool
        var testDescription: String { "\(table).\(column)" }
    }

    /// The lists exactly as V0001 wrote them.
    static let columns: [ConstrainedColumn] = [
        ConstrainedColumn(table: "connections", column: "role",
                          allowed: ["contact", "owner", "conference", "transfer", "consultation"], nullable: false),
        ConstrainedColumn(table: "connections", column: "leave_reason",
                          allowed: ["ended", "disconnected", "removed", "chat_ended", "transferred", "conferenced"], nullable: true),
        ConstrainedColumn(table: "timeline", column: "kind",
                          allowed: ["joined", "left", "removed", "ownership", "message"], nullable: false),
        ConstrainedColumn(table: "requests", column: "kind",
                          allowed: ["conference", "consultation", "transfer"], nullable: false),
        ConstrainedColumn(table: "requests", column: "target_kind",
                          allowed: ["agent", "queue", "routing_point"], nullable: false),
        ConstrainedColumn(table: "requests", column: "status",
                          allowed: ["pending", "accepted", "released"], nullable: false),
        ConstrainedColumn(table: "requests", column: "outcome",
                          allowed: ["accepted", "declined", "timeout", "cancelled"], nullable: true),
        ConstrainedColumn(table: "agent_states", column: "state",
                          allowed: ["logged_in", "ready", "not_ready", "after_call_work", "logged_out"], nullable: false),
    ]

    /// SQLITE_CONSTRAINT_CHECK and SQLITE_CONSTRAINT_NOTNULL, the extended codes SQLite reports.
    static let constraintCheck: Int32 = 275
    static let constraintNotNull: Int32 = 1299

    /// The store before V0003: only V0001 and V0002.
    static let v0002Migrator = Migrator(migrations: EmbeddedMigrations.all.filter { $0.version <= 2 })
    static let v0003Migrator = Migrator(migrations: EmbeddedMigrations.all.filter { $0.version <= 3 })

    // MARK: Fixture

    /// A migrated database with one event, one chat and one row of each rebuilt table.
    private func withRows(_ body: (Connection) throws -> Void) throws {
        try withTempDirectory(prefix: "check-constraints") { dir in
            let db = try Connection(path: dir.databasePath)
            try Migrator().migrate(db)
            let hash = [UInt8](repeating: 7, count: 32)
            try db.run("INSERT INTO events (event_id, type, at, content_hash) VALUES ('e1', 'chat.started', 1000, ?)", [hash])
            try db.run("""
                INSERT INTO interactions (id, kind, contact_id, status, started_at, latest_at, started_seq)
                VALUES ('chat-1', 'chat', 'contact-1', 'active', 1000, 1000, 1)
                """)
            try body(db)
        }
    }

    /// Inserts (or, for the row-updating columns, writes) `value` into `column`, every other
    /// column valid; returns the SQLite error, nil when the row was accepted. Rolled back either way.
    private func write(_ value: String?, into column: ConstrainedColumn, _ db: Connection) throws -> SQLiteError? {
        let hash = [UInt8](repeating: 7, count: 32)
        let sql: String
        var values: [any SQLBindable] = []
        switch (column.table, column.column) {
        case ("connections", "role"):
            sql = "INSERT INTO connections (interaction_id, party_id, party_kind, role, joined_at) VALUES ('chat-1', 'a', 'agent', ?, 1000)"
            values = [value]
        case ("connections", "leave_reason"):
            // removed_by must be NULL unless the reason is 'removed'; left_at follows the reason.
            sql = """
                INSERT INTO connections (interaction_id, party_id, party_kind, role, joined_at, left_at, leave_reason)
                VALUES ('chat-1', 'a', 'agent', 'owner', 1000, ?, ?)
                """
            values = [value == nil ? nil : Int64(2000), value]
        case ("timeline", "kind"):
            // A message needs text, every other kind none.
            sql = """
                INSERT INTO timeline (interaction_id, seq, at, kind, party_id, text, visibility, event_seq, prev_hash, hash)
                VALUES ('chat-1', 1, 1000, ?, 'contact-1', ?, 'all', 1, ?, ?)
                """
            values = [value, value == "message" ? "hello" : nil, hash, hash]
        case ("requests", "kind"):
            sql = """
                INSERT INTO requests (id, kind, interaction_id, from_agent, target_kind, target_id, mode, requested_at, status, requested_seq)
                VALUES ('r1', ?, 'chat-1', 'a', 'agent', 'b', ?, 1000, 'pending', 1)
                """
            values = [value, value == "conference" ? "instant" : nil]
        case ("requests", "target_kind"):
            sql = """
                INSERT INTO requests (id, kind, interaction_id, from_agent, target_kind, target_id, requested_at, status, requested_seq)
                VALUES ('r1', 'transfer', 'chat-1', 'a', ?, 'b', 1000, 'pending', 1)
                """
            values = [value]
        case ("requests", "status"):
            sql = """
                INSERT INTO requests (id, kind, interaction_id, from_agent, target_kind, target_id, requested_at, status, outcome, answered_at, requested_seq)
                VALUES ('r1', 'transfer', 'chat-1', 'a', 'agent', 'b', 1000, ?, ?, ?, 1)
                """
            let pending = value == "pending"
            values = [value, pending ? nil : "accepted", pending ? nil : Int64(2000)]
        case ("requests", "outcome"):
            sql = """
                INSERT INTO requests (id, kind, interaction_id, from_agent, target_kind, target_id, requested_at, status, outcome, answered_at, requested_seq)
                VALUES ('r1', 'transfer', 'chat-1', 'a', 'agent', 'b', 1000, ?, ?, ?, 1)
                """
            values = [value == nil ? "pending" : "released", value, value == nil ? nil : Int64(2000)]
        case ("agent_states", "state"):
            sql = "INSERT INTO agent_states (agent_id, channel, state, at, event_seq) VALUES ('a', 'chat', ?, 1000, 1)"
            values = [value]
        default:
            Issue.record("no fixture for \(column.testDescription)")
            return nil
        }
        try db.execute("SAVEPOINT probe")
        defer {
            try? db.execute("ROLLBACK TO probe")
            try? db.execute("RELEASE probe")
        }
        do {
            try db.run(sql, values)
            return nil
        } catch {
            #expect(try db.scalarInt("SELECT count(*) FROM \(column.table)") == 0, "a refused row was written")
            return error
        }
    }

    // MARK: Same constraints

    @Test(arguments: columns)
    func everyValueTheListAllowedIsStillAccepted(column: ConstrainedColumn) throws {
        try withRows { db in
            for value in column.allowed {
                let error = try write(value, into: column, db)
                #expect(error == nil, "\(column.testDescription) = '\(value)': \(error.map(String.init(describing:)) ?? "")")
            }
            if column.nullable {
                #expect(try write(nil, into: column, db) == nil, "\(column.testDescription) = NULL")
            }
        }
    }

    @Test(arguments: columns)
    func aValueOutsideTheListIsRefusedByTheDatabase(column: ConstrainedColumn) throws {
        try withRows { db in
            // Near misses: case, whitespace, a prefix, an empty string, a value of another list.
            let first = try #require(column.allowed.first)
            for value in [first.uppercased(), " \(first)", String(first.dropLast()), "", "bogus"] {
                let error = try #require(try write(value, into: column, db), "\(column.testDescription) = '\(value)' was accepted")
                #expect(error.code.rawValue == Self.constraintCheck, "\(column.testDescription) = '\(value)': \(error)")
                #expect(error.message.hasPrefix("CHECK constraint failed: \(column.column) = '"), "\(error.message)")
                #expect(!error.message.contains("\n"), "the constraint's text spans lines: \(error.message)")
            }
            if !column.nullable {
                let error = try #require(try write(nil, into: column, db), "\(column.testDescription) = NULL was accepted")
                #expect(error.code.rawValue == Self.constraintNotNull, "\(error)")
            }
        }
    }

    /// The point of V0003: none of the store's writes to these tables builds an ephemeral table.
    @Test func theStoresWritesBuildNoEphemeralTable() throws {
        try withRows { db in
            let statements = [
                "INSERT INTO connections (interaction_id, party_id, party_kind, role, joined_at, request_id, became_owner) VALUES (?, ?, ?, ?, ?, ?, ?)",
                "UPDATE connections SET left_at = ?, leave_reason = ?, removed_by = ? WHERE id = ?",
                "INSERT INTO timeline (interaction_id, seq, at, kind, party_id, text, visibility, reason, by_party, event_seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "INSERT INTO requests (id, kind, interaction_id, consultation_id, from_agent, target_kind, target_id, mode, requested_at, status, requested_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
                "UPDATE requests SET status = ?, outcome = ?, answered_at = ?, accepted_by = ? WHERE id = ?",
                "INSERT INTO agent_states (agent_id, channel, state, reason, at, event_seq) VALUES (?, ?, ?, ?, ?, ?)",
            ]
            for sql in statements {
                let opcodes = try db.query("EXPLAIN \(sql)") { $0.string(1) }
                #expect(!opcodes.isEmpty)
                #expect(!opcodes.contains("OpenEphemeral"), "\(sql)")
            }
        }
    }

    // MARK: In place

    /// Every row of every table (rowid first), as values: what must survive the rebuild.
    private func snapshot(_ db: Connection) throws -> [String: [[SQLValue]]] {
        let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'") { $0.string(0) }
        var rows: [String: [[SQLValue]]] = [:]
        for table in tables {
            rows[table] = try db.query("SELECT rowid, * FROM \(table) ORDER BY rowid") { row in
                (0..<row.columnCount).map { row.value($0) }
            }
        }
        return rows
    }

    private func schemaObjects(_ db: Connection, type: String) throws -> [String: String] {
        let pairs = try db.query("SELECT name, sql FROM sqlite_schema WHERE type = ? AND sql IS NOT NULL", [type]) { ($0.string(0), $0.string(1)) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    @Test func aV0002DatabaseWithDataMigratesInPlaceWithItsChainsIntact() throws {
        try withTempDirectory(prefix: "check-constraints") { dir in
            let log = DemoGenerator(interactions: 60, seed: 15).map { EventEncoder.line($0) + "\n" }.joined()
            var before: [String: [[SQLValue]]] = [:]
            var indexes: [String: String] = [:]
            var triggers: [String: String] = [:]
            do {
                let old = try Store(path: dir.databasePath, options: Store.Options(migrate: true, busyTimeout: 5_000, migrator: Self.v0002Migrator))
                let summary = try old.importEvents(bytes: Array(log.utf8))
                try #require(summary.rejected.isEmpty && summary.committed, "\(summary.rejected.prefix(3))")
                try old.withWriter { db in
                    #expect(try db.scalarInt("SELECT max(version) FROM schema_migrations") == 2)
                    for table in ["connections", "timeline", "requests", "agent_states"] {
                        #expect(try db.scalarInt("SELECT count(*) FROM \(table)") ?? 0 > 0, "the fixture has no \(table) rows")
                    }
                    before = try snapshot(db)
                    indexes = try schemaObjects(db, type: "index")
                    triggers = try schemaObjects(db, type: "trigger")
                }
            }

            do {
                // V0003 alone: the rebuilt tables keep their rows, indexes and triggers.
                let v3 = try Store(path: dir.databasePath, options: Store.Options(migrate: true, busyTimeout: 5_000, migrator: Self.v0003Migrator))
                try v3.withWriter { db in
                    #expect(try db.scalarInt("SELECT max(version) FROM schema_migrations") == 3)
                    let after = try snapshot(db)
                    #expect(after.keys.sorted() == before.keys.sorted())
                    for (table, rows) in before {
                        #expect(after[table] == rows, "table \(table) changed")
                    }
                    // Same indexes and the same append-only triggers, word for word.
                    #expect(try schemaObjects(db, type: "index") == indexes)
                    #expect(try schemaObjects(db, type: "trigger") == triggers)
                    #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
                }
            }

            // Then the rest of the migrations: the migrated schema is the fresh one.
            let store = try Store(path: dir.databasePath)
            try store.withWriter { db throws in
                let newest = Int64(EmbeddedMigrations.all.map(\.version).max() ?? 0)
                #expect(try db.scalarInt("SELECT max(version) FROM schema_migrations") == newest)
                #expect(try SchemaDumpTests.dump(db) == String(contentsOf: SchemaDumpTests.schemaFile, encoding: .utf8))
            }
            let report = try store.check()
            #expect(report.problems == [])
            #expect(report.chainsVerified == before["interactions"]?.count)
            #expect(report.entriesVerified == before["timeline"]?.count)

            // The chains continue: more of the same log's world imports and verifies; history
            // stays append-only in the rebuilt tables.
            let more = DemoGenerator(interactions: 10, seed: 16).map { EventEncoder.line($0) + "\n" }.joined()
            let summary = try store.importEvents(bytes: Array(more.utf8))
            #expect(summary.rejected.isEmpty && summary.committed, "\(summary.rejected.prefix(3))")
            #expect(try store.check().problems == [])
            try store.withWriter { db in
                #expect(throws: SQLiteError.self) { try db.execute("UPDATE timeline SET text = 'edited' WHERE seq = 1") }
                #expect(throws: SQLiteError.self) { try db.execute("DELETE FROM connections") }
                #expect(throws: SQLiteError.self) { try db.execute("DELETE FROM requests") }
                #expect(throws: SQLiteError.self) { try db.execute("UPDATE agent_states SET state = 'ready'") }
            }
        }
    }
}
