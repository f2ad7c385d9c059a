import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite
@testable import InteractionModel
@testable import EventLog

/// `Store.purge`: what goes (ended before T, with consultations and history), what stays
/// (active, ending at or after T, agent states, the ledger), the record, check afterwards,
/// and a dry run that changes nothing.
@Suite struct PurgeTests {
    static let cutoffText = "2026-03-02T09:00:00.000Z"
    static let cutoff = Timestamp.parse(cutoffText)!
    static let purged = ["chat-before", "chat-cons", "chat-old", "cons-1"]
    static let kept = ["chat-active", "chat-at", "chat-long"]

    /// Three chats (one with a consultation) ending before 09:00, one ending exactly at 09:00,
    /// one running across it, one still active; dispositions and agent states around them.
    private func seed(_ store: Store) throws -> [String] {
        var log = ExportTestLog(prefix: "purge")
        log.defineCode("RESOLVED", "Resolved")
        log.agentState("agent.kim", "ready")
        log.agentState("agent.omar", "ready")
        log.completeChat("chat-old", agent: "agent.kim")
        log.startChat("chat-cons", contact: "cust-cons", name: "Cora", agent: "agent.kim", messages: ["hello"])
        log.consultation("cons-1", of: "chat-cons", from: "agent.kim", to: "agent.omar")
        log.endChat("chat-cons")
        log.startChat("chat-active", contact: "cust-active", agent: "agent.omar", messages: ["are you there?"])
        log.startChat("chat-long", contact: "cust-long", agent: "agent.kim", messages: ["a long one"])
        log.clock = Self.cutoff - 3_000
        log.startChat("chat-before", contact: "cust-before", agent: "agent.omar")  // 08:59:57, 08:59:58
        log.endChat("chat-before")                                                 // 08:59:59
        log.clock = Self.cutoff - 2_000
        log.startChat("chat-at", contact: "cust-at", agent: "agent.kim")          // 08:59:58, 08:59:59
        log.endChat("chat-at")                                                     // 09:00:00: not before T
        log.clock = Self.cutoff + 600_000
        log.message("chat-long", party: "agent.kim", "done")
        log.endChat("chat-long")
        log.disposition("chat-old", agent: "agent.kim", code: "RESOLVED")
        log.agentState("agent.kim", "after_call_work")
        let lines = log.takeBatch()
        try store.applyLines(lines)
        return lines
    }

    /// Row counts of every table and the gate: what a dry run must leave exactly as it was.
    private func fingerprint(_ store: Store) throws -> [String: Int64] {
        try store.read { db in
            var counts: [String: Int64] = [:]
            let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") { $0.string(0) }
            for table in tables {
                counts[table] = try db.scalarInt("SELECT count(*) FROM \"\(table)\"")
            }
            counts["gate"] = try db.scalarInt("SELECT open FROM purge_gate")
            return counts
        }
    }

    private func interactionIds(_ store: Store) throws -> [String] {
        try store.read { db in try db.query("SELECT id FROM interactions ORDER BY id") { $0.string(0) } }
    }

    @Test func purgeRemovesWhatEndedBeforeTWithItsHistoryAndKeepsTheRest() throws {
        try withTempDirectory(prefix: "purge") { dir in
            let store = try Store(path: dir.databasePath)
            let lines = try seed(store)
            let heads = try store.read { db in
                Dictionary(uniqueKeysWithValues: try db.query("SELECT id, chain_head FROM interactions") { ($0.string(0), $0.blob(1).hexString) })
            }
            let entriesGoing = try store.read { db in
                try db.scalarInt("SELECT count(*) FROM timeline WHERE interaction_id IN ('chat-before', 'chat-cons', 'chat-old', 'cons-1')")
            }
            let events = try store.rowCount("events")
            let agentStates = try store.rowCount("agent_states")

            var listed: [String] = []
            let summary = try store.purge(before: Self.cutoff) { listed.append($0.id) }
            #expect(listed.sorted() == Self.purged)
            #expect(summary.chats == 3 && summary.consultations == 1 && summary.interactions == 4)
            #expect(Int64(summary.entries) == entriesGoing)
            #expect(summary.dispositionChanges == 2)
            #expect(summary.requests == 1, "the consultation request")
            #expect(summary.unexportedInteractions == 4)
            #expect(!summary.dryRun && summary.purgeId != nil)

            #expect(try interactionIds(store) == Self.kept)
            for table in ["timeline", "connections", "requests", "disposition_changes"] {
                let left = try store.read { db in
                    try db.scalarInt("SELECT count(*) FROM \(table) WHERE interaction_id IN ('chat-before', 'chat-cons', 'chat-old', 'cons-1')")
                }
                #expect(left == 0, "\(table) keeps rows of purged interactions")
            }
            #expect(try store.rowCount("events") == events, "the ledger stays")
            #expect(try store.rowCount("agent_states") == agentStates, "agent states stay")
            #expect(try store.read { db in try db.scalarInt("SELECT open FROM purge_gate") } == 0, "the gate is closed again")

            let report = try store.check()
            #expect(report.problems.isEmpty, "\(report.problems)")

            // The record: counts and the chain head of each purged interaction.
            let record = try #require(try store.read { db in
                try db.queryOne("SELECT cutoff, interactions, entries, chain_heads FROM purges") { ($0.int64(0), $0.int64(1), $0.int64(2), $0.string(3)) }
            })
            #expect(record.0 == Self.cutoff && record.1 == 4 && record.2 == entriesGoing)
            let recordedHeads = try #require(try JSONSerialization.jsonObject(with: Data(record.3.utf8)) as? [String: String])
            #expect(recordedHeads == heads.filter { Self.purged.contains($0.key) })
            let lookup = try #require(try store.purgeRecord(of: "cons-1"))
            #expect(lookup.chainHead == heads["cons-1"] && lookup.id == summary.purgeId)
            #expect(try store.purgeRecord(of: "chat-active") == nil)

            // History stays append-only outside the purge; re-importing the old log changes nothing.
            #expect(throws: SQLiteError.self) { try store.write { db in try db.run("DELETE FROM timeline") } }
            let outcomes = try store.apply(lines.map { try EventDecoder.decode($0) })
            #expect(outcomes.allSatisfy { $0 == .duplicate })
            #expect(try interactionIds(store) == Self.kept)

            // Nothing more to purge at the same cut-off.
            let again = try store.purge(before: Self.cutoff)
            #expect(again.interactions == 0 && again.entries == 0)
            #expect(try store.check().problems.isEmpty)
        }
    }

    @Test func aDryRunReportsTheSameAndChangesNothing() throws {
        try withTempDirectory(prefix: "purge") { dir in
            let store = try Store(path: dir.databasePath)
            _ = try seed(store)
            _ = try store.export(ExportOptions(directory: dir.path("export")))
            let before = try fingerprint(store)
            var listed: [PurgedInteraction] = []
            let dry = try store.purge(before: Self.cutoff, dryRun: true) { listed.append($0) }
            #expect(try fingerprint(store) == before)
            #expect(dry.dryRun && dry.purgeId == nil)
            #expect(listed.map(\.id).sorted() == Self.purged)
            #expect(dry.unexportedInteractions == 0, "all of it was exported")

            let real = try store.purge(before: Self.cutoff)
            var expected = dry
            expected.dryRun = false
            expected.purgeId = real.purgeId
            #expect(real == expected)
        }
    }

    @Test func activeInteractionsNeverGoWhateverTheCutOff() throws {
        try withTempDirectory(prefix: "purge") { dir in
            let store = try Store(path: dir.databasePath)
            _ = try seed(store)
            let summary = try store.purge(before: Timestamp.parse("2100-01-01T00:00:00Z")!)
            #expect(summary.interactions == 6)
            #expect(try interactionIds(store) == ["chat-active"])
            #expect(try store.check().problems.isEmpty)
        }
    }

    @Test func storectlPurgeDryRunPurgeAndCheck() throws {
        try withTempDirectory(prefix: "purge") { dir in
            _ = try seed(try Store(path: dir.databasePath))
            let db = dir.databasePath
            let bad = try StoreCtlRunner.run(["purge", "--before", "yesterday", "--db", db])
            #expect(bad.status == 64, "\(bad)")

            let dry = try StoreCtlRunner.run(["purge", "--before", Self.cutoffText, "--dry-run", "--list", "--db", db])
            #expect(dry.status == 0, "\(dry)")
            #expect(dry.stdout.contains("would purge 4 interactions (3 chats, 1 consultations)"), "\(dry)")
            #expect(dry.stdout.contains("chat-old\tchat\t"), "\(dry)")
            #expect(dry.stderr.contains("not been exported"), "\(dry)")

            let real = try StoreCtlRunner.run(["purge", "--before", Self.cutoffText, "--db", db])
            #expect(real.status == 0, "\(real)")
            #expect(real.stdout.contains("purged 4 interactions"), "\(real)")
            let check = try StoreCtlRunner.run(["check", "--db", db])
            #expect(check.status == 0, "\(check)")
        }
    }
}
