import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite

/// A stored value outside the store's vocabulary (only an edit outside the store can put one
/// there: the CHECK constraints refuse it) is never read as a default: reads throw naming the
/// table, the column and the value, and the chain check hashes the stored bytes, so an entry
/// edited that way is named even when the default would have hashed like the original.
@Suite struct UndecodableValueTests {
    @Test func aTranscriptReadThrowsNamingTheValue() throws {
        let test = try TestStore(Log.conferenced)
        try Tamper.run(test.directory.databasePath, "UPDATE timeline SET visibility = 'nobody' WHERE interaction_id = 'c1' AND seq = 3", ignoringChecks: true)
        #expect(throws: StoreError.undecodableValue(table: "timeline", column: "visibility", value: "nobody")) {
            _ = try test.store.transcript(of: "c1", as: .agent)
        }
        let cli = try StoreCtlRunner.run(["transcript", "c1", "--db", test.directory.databasePath])
        #expect(cli.status == 65, "\(cli)")
        #expect(cli.stderr == "the database holds \"nobody\" in timeline.visibility, which the store never writes: it was changed outside the store; run the store's check and restore the database from a backup\n")
        #expect(cli.stdout == "")
    }

    @Test func theCheckNamesAnEntryWhoseValueWouldHaveDecodedToTheDefault() throws {
        let test = try TestStore(Log.conferenced)
        // "all" was the old default for an unknown visibility: hashing the decoded entry would
        // have matched the stored hash and missed the edit.
        let before = try test.store.check()
        #expect(before.problems.isEmpty)
        try Tamper.run(test.directory.databasePath, "UPDATE timeline SET visibility = 'nobody' WHERE interaction_id = 'c1' AND seq = 3", ignoringChecks: true)
        let after = try test.store.check()
        #expect(after.problems == [
            "integrity_check: CHECK constraint failed in timeline",
            "interaction c1 entry 3: the stored hash does not match the entry's content — the entry (message by cust) was changed after it was written",
        ])
        // The audit cannot decode the entry, and says so rather than show a default.
        #expect(throws: StoreError.undecodableValue(table: "timeline", column: "visibility", value: "nobody")) {
            _ = try test.store.audit("c1")
        }
    }

    @Test func aStateLoadThrowsAndWritesNothing() throws {
        let test = try TestStore(Log.conferenced)
        try Tamper.run(test.directory.databasePath, "UPDATE interactions SET kind = 'meeting' WHERE id = 'c1'", ignoringChecks: true)
        let events = try test.store.read { try $0.scalarInt("SELECT count(*) FROM events") }
        let line = #"{"id":"late-1","type":"message","at":"2026-03-02T12:00:00.000Z","interaction":"c1","party":"cust","text":"still there?"}"#
        #expect(throws: StoreError.undecodableValue(table: "interactions", column: "kind", value: "meeting")) {
            _ = try test.store.apply([try EventDecoder.decode(line)])
        }
        #expect(try test.store.read { try $0.scalarInt("SELECT count(*) FROM events") } == events)
    }
}
