import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite

/// The hash chain catches history edited behind the store's back (triggers dropped first).
@Suite struct TamperDetectionTests {
    private func tamper(_ path: String, _ sql: String) throws {
        let db = try Connection(path: path)
        try db.execute("DROP TRIGGER timeline_no_update; DROP TRIGGER timeline_no_delete")
        try db.execute(sql)
    }

    @Test func editedMessageIsNamedByAuditAndCheck() throws {
        let test = try TestStore(Log.conferenced)
        let path = test.directory.databasePath
        #expect(try test.store.audit("c1").chain.problems.isEmpty)
        try tamper(path, "UPDATE timeline SET text = 'hello, I changed this' WHERE interaction_id = 'c1' AND seq = 3")

        let audit = try test.store.audit("c1")
        #expect(audit.chain.problems == [
            "interaction c1 entry 3: the stored hash does not match the entry's content — the entry (message by cust) was changed after it was written",
        ])
        let check = try test.store.check()
        #expect(check.problems.contains { $0.hasPrefix("interaction c1 entry 3:") })

        let cliAudit = try StoreCtlRunner.run(["audit", "c1", "--db", path, "--format", "json"])
        #expect(cliAudit.status == 65, "\(cliAudit)")
        #expect(cliAudit.stderr.contains("interaction c1 entry 3"), "\(cliAudit)")
        #expect(cliAudit.stdout.contains("\"verified\":false"), "\(cliAudit)")
        let cliCheck = try StoreCtlRunner.run(["check", "--db", path])
        #expect(cliCheck.status == 65, "\(cliCheck)")
        #expect(cliCheck.stderr.contains("interaction c1 entry 3"), "\(cliCheck)")
    }

    @Test func deletedEntryBreaksTheChainAfterIt() throws {
        let test = try TestStore(Log.conferenced)
        try tamper(test.directory.databasePath, "DELETE FROM timeline WHERE interaction_id = 'c1' AND seq = 2")
        let problems = try test.store.audit("c1").chain.problems
        #expect(problems.contains("interaction c1 entry 3: expected entry 2 — entries are missing or renumbered"))
        #expect(problems.contains("interaction c1 entry 3: its previous-hash does not match entry 2's hash — the chain is broken here"))
    }

    @Test func intactStoreAuditsClean() throws {
        let test = try TestStore(Log.conferenced)
        let result = try StoreCtlRunner.run(["audit", "c1", "--db", test.directory.databasePath, "--format", "table"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("chain verified, 4 entries, head "), "\(result)")
    }
}
