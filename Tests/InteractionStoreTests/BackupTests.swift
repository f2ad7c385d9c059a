import Foundation
import Testing
@testable import InteractionStore
@testable import InteractionModel

/// `Store.backup`: a consistent online copy while a writer runs, never overwriting, private.
@Suite struct BackupTests {
    private func seededStore(_ dir: TempDirectory, chats: Int) throws -> (Store, ExportTestLog) {
        let store = try Store(path: dir.databasePath)
        var log = ExportTestLog(prefix: "bk")
        log.defineCode("RESOLVED", "Resolved")
        for index in 0..<chats { log.completeChat("chat-\(index)", agent: "agent.\(index % 4)", messages: 6) }
        try store.applyLines(log.takeBatch())
        return (store, log)
    }

    @Test func aBackupTakenWhileAWriterImportsPassesCheck() throws {
        try withTempDirectory(prefix: "backup") { dir in
            let seeded = try seededStore(dir, chats: 200)
            let store = seeded.0
            var log = seeded.1
            var batches: [[String]] = []
            for batch in 0..<60 {
                log.completeChat("late-\(batch)", agent: "agent.1", messages: 10)
                log.startChat("open-\(batch)", contact: "cust-open-\(batch)", agent: "agent.2", messages: ["still here"])
                batches.append(log.takeBatch())
            }
            let writerDone = DispatchSemaphore(value: 0)
            let started = DispatchSemaphore(value: 0)
            let failure = LockedBox<String?>(nil)
            let allBatches = batches
            Thread {
                for (index, batch) in allBatches.enumerated() {
                    do { try store.applyLines(batch) } catch { failure.value = "\(error)"; break }
                    if index == 2 { started.signal() }
                }
                writerDone.signal()
            }.start()
            started.wait()

            let destination = dir.path("copy.sqlite")
            var steps = 0
            let summary = try store.backup(to: destination, pagesPerStep: 4) { _, _ in steps += 1 }
            writerDone.wait()
            #expect(failure.value == nil, "the writer failed: \(failure.value ?? "")")
            #expect(steps > 1, "the copy went in several steps")
            #expect(summary.pages > 0 && summary.bytes == Int64(summary.pages * summary.pageSize))
            #expect(ExportFiles.mode(destination) == 0o600)

            let copy = try Store(path: destination, options: .init(migrate: false))
            let report = try copy.check()
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.chainsVerified >= 200)
            // A snapshot: every event the copy holds is a prefix of the source's ledger.
            let copied = try copy.rowCount("events")
            let sourceIds = try store.read { db in try db.query("SELECT event_id FROM events ORDER BY seq LIMIT ?", [copied]) { $0.string(0) } }
            let copyIds = try copy.read { db in try db.query("SELECT event_id FROM events ORDER BY seq") { $0.string(0) } }
            #expect(copyIds == sourceIds)
        }
    }

    @Test func anExistingDestinationIsRefusedAndLeftAlone() throws {
        try withTempDirectory(prefix: "backup") { dir in
            let (store, _) = try seededStore(dir, chats: 2)
            let destination = dir.path("taken.sqlite")
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: destination))
            do {
                _ = try store.backup(to: destination)
                Issue.record("an existing file was overwritten")
            } catch let error as StoreError {
                #expect(error.category == .output)
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == Data("keep me".utf8))
            #expect(throws: StoreError.self) { _ = try store.backup(to: dir.path("no/such/dir/copy.sqlite")) }
        }
    }

    @Test func storectlBackupPrintsASummaryAndTheCopyPassesStorectlCheck() throws {
        try withTempDirectory(prefix: "backup") { dir in
            _ = try seededStore(dir, chats: 5)
            let destination = dir.path("cli-copy.sqlite")
            let result = try StoreCtlRunner.run(["backup", destination, "--db", dir.databasePath])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("pages") && result.stdout.contains("bytes") && result.stdout.contains(" s"), "\(result)")
            let check = try StoreCtlRunner.run(["check", "--db", destination])
            #expect(check.status == 0, "\(check)")
            let again = try StoreCtlRunner.run(["backup", destination, "--db", dir.databasePath])
            #expect(again.status == 73, "\(again)")
            #expect(again.stderr.contains("already exists"))
        }
    }
}
