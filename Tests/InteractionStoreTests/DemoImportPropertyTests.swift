import Foundation
import Testing
import InteractionDemo
import StoreTestSupport
@testable import InteractionStore

/// Property: generated logs of many seeds import cleanly into one store, and afterwards every
/// interaction's numbering is contiguous, no ended interaction has a connected party, and
/// every chain verifies. The batch cache must not change any outcome.
@Suite struct DemoImportPropertyTests {
    private func writeLog(interactions: Int, seed: UInt64, to path: String) throws {
        var text = ""
        for event in DemoGenerator(interactions: interactions, seed: seed) { text += EventEncoder.line(event) + "\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func importFile(_ store: Store, _ path: String, caching: Bool = true) throws -> ImportSummary {
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        return try store.importEvents(fd: fd, options: ImportOptions(caching: caching))
    }

    @Test func manySeedsImportCleanlyIntoOneStore() throws {
        try withTempDirectory(prefix: "demo") { dir in
            let store = try Store(path: dir.databasePath)
            for seed: UInt64 in [0, 1, 2, 3, 7, 42, 1_000, .max] {
                let log = dir.path("seed-\(seed).ndjson")
                try writeLog(interactions: 25, seed: seed, to: log)
                let summary = try importFile(store, log)
                #expect(summary.rejected.isEmpty, "seed \(seed): \(summary.rejected.prefix(3))")
                #expect(summary.committed)
            }
            try store.read { db in
                let gaps = try db.scalarInt("""
                    SELECT count(*) FROM interactions i
                    WHERE i.next_entry - 1 <> (SELECT count(*) FROM timeline t WHERE t.interaction_id = i.id)
                       OR (SELECT max(seq) FROM timeline t WHERE t.interaction_id = i.id) <> i.next_entry - 1
                    """)
                #expect(gaps == 0, "interactions with gaps in their numbering")
                let connectedAfterEnd = try db.scalarInt("""
                    SELECT count(*) FROM connections c JOIN interactions i ON i.id = c.interaction_id
                    WHERE i.status = 'ended' AND c.left_at IS NULL
                    """)
                #expect(connectedAfterEnd == 0)
                #expect(try db.scalarInt("SELECT count(*) FROM interactions WHERE status = 'active'") == 0, "every chat ends within its log")
            }
            let check = try store.check()
            #expect(check.problems.isEmpty, "\(check.problems.prefix(3))")
            #expect(check.chainsVerified > 200)
            // Importing the same logs again writes nothing.
            let again = try importFile(store, dir.path("seed-42.ndjson"))
            #expect(again.stored == 0 && again.rejected.isEmpty && again.duplicates > 0)
        }
    }

    @Test func theBatchCacheChangesNothing() throws {
        try withTempDirectory(prefix: "cache") { dir in
            let log = dir.path("log.ndjson")
            try writeLog(interactions: 60, seed: 9, to: log)
            var dumps: [String] = []
            for caching in [true, false] {
                let path = dir.path("store-\(caching).sqlite")
                let store = try Store(path: path)
                let summary = try importFile(store, log, caching: caching)
                #expect(summary.rejected.isEmpty)
                dumps.append(try StoreDump.rows(of: store))
            }
            #expect(dumps[0] == dumps[1])
        }
    }
}
