import Foundation
import Testing
@testable import InteractionStore
@testable import InteractionModel

/// Anchored history (SPEC section 4): every export run writes `chains.ndjson` and links its
/// `store_head` to the run before; it refuses to export a broken chain.
@Suite struct ExportChainTests {
    private func chainLine(_ store: Store, _ id: String) throws -> String {
        let chain = try store.recordedChain(id)
        return "{\"interaction\":\"\(id)\",\"seq\":\(chain.seq),\"head\":\"\(chain.head)\"}"
    }

    // MARK: chains.ndjson and the heads

    @Test func everyRunWritesChainsSortedByIdAsBytesAndListsItInTheManifest() throws {
        try withTempDirectory(prefix: "chains") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            // Ids whose byte order is not their order as Swift strings would sort them by case.
            var log = ExportTestLog(prefix: "order", start: "2026-03-03T08:00:00.000Z")
            for id in ["chat-é", "Chat-Z", "chat-10"] { log.completeChat(id, agent: "agent.kim", messages: 1) }
            try store.applyLines(log.takeBatch())

            let result = try store.export(ExportOptions(directory: dir.path("run1"), format: .csv))
            let ids = ["Chat-Z", "chat-1", "chat-10", "chat-2", "chat-3", "chat-é"]
            #expect(try ExportFiles.ndjsonLines(dir.path("run1"), "chains") == ids.map { try chainLine(store, $0) })
            #expect(try store.recordedChain("chat-2").seq == 7)
            let chains = try #require(result.manifest.files.last)
            #expect(chains.entity == "chains")
            #expect(chains.name == "chains.ndjson")  // NDJSON also in a CSV run
            #expect(chains.rows == 6)
            #expect(chains.sha256 == (try Hex.sha256(file: dir.path("run1") + "/chains.ndjson")))
            try ExportFiles.verifyManifest(dir.path("run1"), format: "csv")
            #expect(result.chainsVerified == 6)
            #expect(result.entriesVerified == 3 * 7 + 3 * 5)
        }
    }

    @Test func incrementalRunsLinkFromZerosAndTheStoredHeadMovesWithTheWatermark() throws {
        try withTempDirectory(prefix: "chains") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            #expect(try store.storedStoreHead() == nil)
            let first = try store.export(ExportOptions(directory: dir.path("run1")))
            let firstChains = try Hex.sha256(file: dir.path("run1") + "/chains.ndjson")
            #expect(first.manifest.previousHead == StoreHead.origin)
            #expect(first.manifest.previousHead == String(repeating: "0", count: 64))
            #expect(first.manifest.storeHead == Hex.sha256(String(repeating: "0", count: 64) + firstChains))
            #expect(try store.storedStoreHead() == first.manifest.storeHead)

            // A full run links to nothing and leaves the stored head alone.
            let full = try store.export(ExportOptions(directory: dir.path("full"), full: true))
            #expect(full.manifest.previousHead == nil)
            #expect(full.manifest.storeHead == (try Hex.sha256(file: dir.path("full") + "/chains.ndjson")))
            #expect(try store.storedStoreHead() == first.manifest.storeHead)

            // A run with nothing new still links (an empty chains file) and moves the head.
            let second = try store.export(ExportOptions(directory: dir.path("run2")))
            #expect(try ExportFiles.ndjsonLines(dir.path("run2"), "chains") == [])
            #expect(second.manifest.previousHead == first.manifest.storeHead)
            #expect(second.manifest.storeHead == Hex.sha256(first.manifest.storeHead + Hex.sha256("")))
            #expect(try store.storedStoreHead() == second.manifest.storeHead)

            let text = try String(contentsOfFile: dir.path("run2") + "/manifest.json", encoding: .utf8)
            #expect(text.contains("  \"manifest_version\" : 2,\n"))
            #expect(text.contains("  \"previous_head\" : \"\(first.manifest.storeHead)\",\n"))
            #expect(text.contains("  \"store_head\" : \"\(second.manifest.storeHead)\",\n"))
            let fullText = try String(contentsOfFile: dir.path("full") + "/manifest.json", encoding: .utf8)
            #expect(fullText.contains("  \"previous_head\" : null,\n"))
            #expect(fullText.contains("  \"store_head\" : \"\(full.manifest.storeHead)\",\n"))
        }
    }

    @Test func theUnionOfIncrementalChainsEqualsAFullExportsChains() throws {
        try withTempDirectory(prefix: "chains") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            _ = try store.export(ExportOptions(directory: dir.path("run1")))
            var log = ExportTestLog(prefix: "more", start: "2026-03-04T08:00:00.000Z")
            log.completeChat("chat-4", agent: "agent.kim")
            log.startChat("chat-5", contact: "cust-5", agent: "agent.kim", messages: ["still open"])
            try store.applyLines(log.takeBatch())
            _ = try store.export(ExportOptions(directory: dir.path("run2")))
            #expect(try ExportFiles.ndjsonLines(dir.path("run2"), "chains") == [try chainLine(store, "chat-4")])
            log.endChat("chat-5")
            try store.applyLines(log.takeBatch())
            _ = try store.export(ExportOptions(directory: dir.path("run3")))
            _ = try store.export(ExportOptions(directory: dir.path("full"), full: true))

            let union = try ["run1", "run2", "run3"].flatMap { try ExportFiles.ndjsonLines(dir.path($0), "chains") }
            #expect(Set(union).count == union.count, "an interaction's chain was exported twice")
            #expect(union.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                    == (try ExportFiles.ndjsonLines(dir.path("full"), "chains")))
            #expect(union.count == 5)
        }
    }

    @Test func aConcurrentRunOverAnEmptyWindowCannotForkTheHeads() throws {
        try withTempDirectory(prefix: "chains") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            _ = try store.export(ExportOptions(directory: dir.path("run1")))
            // Nothing new: both runs read the same watermark; only the head tells them apart.
            var loser = ExportOptions(directory: dir.path("loser"))
            let winnerDirectory = dir.path("winner")
            loser.beforeFinalStep = { _ = try store.export(ExportOptions(directory: winnerDirectory)) }
            #expect(throws: ExportError.self) { try store.export(loser) }
            let winner = try ExportFiles.manifest(winnerDirectory)
            #expect(try store.storedStoreHead() == winner["store_head"] as? String)
            #expect(!FileManager.default.fileExists(atPath: dir.path("loser") + "/manifest.json"))
        }
    }

    // MARK: A broken chain stops the export

    /// What the refused run must leave: no directory (it was created by the run), no history,
    /// the watermark and head where they were.
    private func expectNothingWritten(_ store: Store, _ directory: String, watermark: Int64, head: String?,
                                      runs: Int64, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!FileManager.default.fileExists(atPath: directory), "the refused run left \(directory)", sourceLocation: sourceLocation)
        #expect(try store.exportWatermark() == watermark, sourceLocation: sourceLocation)
        #expect(try store.storedStoreHead() == head, sourceLocation: sourceLocation)
        #expect(try store.rowCount("export_runs") == runs, sourceLocation: sourceLocation)
    }

    @Test func anEditedEntryStopsTheRunNamingTheInteractionAndEntry() throws {
        try withTempDirectory(prefix: "chains") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try Tamper.run(dir.databasePath, "UPDATE timeline SET text = 'edited' WHERE interaction_id = 'chat-2' AND seq = 4")
            let error = #expect(throws: ExportError.self) { try store.export(ExportOptions(directory: dir.path("run1"))) }
            #expect(error.map { if case .brokenChains(let breaks) = $0 { breaks } else { [] } }
                    == [ChainBreak(interaction: "chat-2", entry: 4, problem: .changedContent)])
            try expectNothingWritten(store, dir.path("run1"), watermark: 0, head: nil, runs: 0)

            // An existing (empty) directory stays, and stays empty.
            try FileManager.default.createDirectory(atPath: dir.path("given"), withIntermediateDirectories: false)
            #expect(throws: ExportError.self) { try store.export(ExportOptions(directory: dir.path("given"), full: true)) }
            #expect(try ExportFiles.names(dir.path("given")) == [])
        }
    }

    @Test func aDeletedLastEntryAndARecomputedRewriteAreBreaksToo() throws {
        try withTempDirectory(prefix: "chains") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try Tamper.run(dir.databasePath, "DELETE FROM timeline WHERE interaction_id = 'chat-3' AND seq = 7")
            try Tamper.run(dir.databasePath, "UPDATE timeline SET prev_hash = zeroblob(32) WHERE interaction_id = 'chat-1' AND seq = 2")
            let error = #expect(throws: ExportError.self) { try store.export(ExportOptions(directory: dir.path("run1"))) }
            #expect(error.map { if case .brokenChains(let breaks) = $0 { breaks } else { [] } } == [
                ChainBreak(interaction: "chat-1", entry: 2, problem: .brokenLink),
                ChainBreak(interaction: "chat-3", entry: 7, problem: .missing(next: nil)),
            ])
            #expect(error?.category == .data)
            #expect(error?.description == """
                interaction chat-1 entry 2 does not link to entry 1: its previous-hash is not that entry's hash
                interaction chat-3 entry 7 is missing: the interaction records it, but its last stored entry is 6 (entries were deleted)
                export refused: 2 broken hash chains among the interactions of this run; nothing was written and the watermark did not move (run the store's check, and restore the database from a backup)
                """)
            try expectNothingWritten(store, dir.path("run1"), watermark: 0, head: nil, runs: 0)
        }
    }

    @Test func onlyTheInteractionsOfThisRunAreVerified() throws {
        try withTempDirectory(prefix: "chains") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let first = try store.export(ExportOptions(directory: dir.path("run1")))
            try Tamper.run(dir.databasePath, "UPDATE timeline SET text = 'edited' WHERE interaction_id = 'chat-1' AND seq = 3")
            var log = ExportTestLog(prefix: "later", start: "2026-03-04T08:00:00.000Z")
            log.completeChat("chat-4", agent: "agent.kim")
            try store.applyLines(log.takeBatch())
            // chat-1 was exported by run1: run2 holds chat-4 only, whose chain is whole.
            let second = try store.export(ExportOptions(directory: dir.path("run2")))
            #expect(second.chainsVerified == 1)
            #expect(second.manifest.previousHead == first.manifest.storeHead)
            // A full run holds chat-1 again, and is refused.
            let error = #expect(throws: ExportError.self) { try store.export(ExportOptions(directory: dir.path("full"), full: true)) }
            #expect(error.map { if case .brokenChains(let breaks) = $0 { breaks } else { [] } }
                    == [ChainBreak(interaction: "chat-1", entry: 3, problem: .changedContent)])
            try expectNothingWritten(store, dir.path("full"), watermark: second.manifest.toSeq, head: second.manifest.storeHead, runs: 2)
        }
    }

    /// A small window (a nightly run over a large store) reads its chains through the indexes.
    @Test func aBreakInASmallWindowIsFoundThroughTheIndexes() throws {
        try withTempDirectory(prefix: "chains") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let first = try store.export(ExportOptions(directory: dir.path("run1")))
            var log = ExportTestLog(prefix: "small", start: "2026-03-04T08:00:00.000Z")
            log.completeChat("chat-4", agent: "agent.kim", messages: 1)  // 5 entries of 26: well under a quarter
            try store.applyLines(log.takeBatch())
            try Tamper.run(dir.databasePath, "UPDATE timeline SET text = 'edited' WHERE interaction_id = 'chat-4' AND seq = 3")
            let error = #expect(throws: ExportError.self) { try store.export(ExportOptions(directory: dir.path("run2"))) }
            #expect(error.map { if case .brokenChains(let breaks) = $0 { breaks } else { [] } }
                    == [ChainBreak(interaction: "chat-4", entry: 3, problem: .changedContent)])
            try expectNothingWritten(store, dir.path("run2"), watermark: first.manifest.toSeq, head: first.manifest.storeHead, runs: 1)
        }
    }

    /// An entry deleted and put back unchanged sits out of rowid order: the sequential read sees
    /// a gap, the check in seq order finds the chain whole, and the export goes ahead.
    @Test func anEntryPutBackUnchangedIsNoBreak() throws {
        try withTempDirectory(prefix: "chains") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let columns = "interaction_id, seq, at, kind, party_id, text, visibility, reason, by_party, event_seq, prev_hash, hash"
            try Tamper.run(dir.databasePath, """
                CREATE TABLE saved AS SELECT \(columns) FROM timeline WHERE interaction_id = 'chat-1' AND seq = 3;
                DELETE FROM timeline WHERE interaction_id = 'chat-1' AND seq = 3;
                INSERT INTO timeline (\(columns)) SELECT \(columns) FROM saved;
                DROP TABLE saved;
                """)
            let result = try store.export(ExportOptions(directory: dir.path("run1")))
            #expect(result.chainsVerified == 3)
            #expect(try ExportFiles.ndjsonLines(dir.path("run1"), "chains") == (try AnchoredLog.chats.map { try chainLine(store, $0) }))
        }
    }

    @Test func theCLIExits65NamingTheEntryAndWritesNothing() throws {
        try withTempDirectory(prefix: "chains") { dir in
            try AnchoredLog.store(dir.databasePath)
            try Tamper.run(dir.databasePath, "UPDATE timeline SET text = 'edited' WHERE interaction_id = 'chat-2' AND seq = 4")
            let result = try StoreCtlRunner.run(["export", "--out", dir.path("run1"), "--db", dir.databasePath])
            #expect(result.status == 65, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr == """
                interaction chat-2 entry 4 was changed after it was written: its stored hash does not match its content
                export refused: 1 broken hash chain among the interactions of this run; nothing was written and the watermark did not move (run storectl check, and restore the database from a backup)

                """)
            #expect(!FileManager.default.fileExists(atPath: dir.path("run1")))
        }
    }

    // MARK: The hasher

    @Test func theColumnHasherMatchesTheModelsHashChain() throws {
        try withTempDirectory(prefix: "chains") { dir in
            var log = ExportTestLog(prefix: "hash")
            log.defineCode("RESOLVED", "Resolved")
            log.awkwardChat(messages: ["", "nul \u{0}inside", "émoji 🎧", String(repeating: "x", count: 5000)], notReadyReason: "lunch")
            let store = try Store(path: dir.databasePath)
            try store.applyLines(log.takeBatch())
            let checked = try store.read { db -> Int in
                let hasher = ChainHasher(columns: .init(interaction: 0, seq: 1, at: 2, kind: 3, party: 4, text: 5, visibility: 6,
                                                        reason: 7, by: 8))
                var computed = HashChain.genesis
                var count = 0
                try db.forEach("SELECT " + ChainVerifier.entryColumns + " FROM timeline ORDER BY interaction_id, seq") { row in
                    hasher.link(previous: row.blob(9), row: row, into: &computed)
                    #expect(computed == row.blob(10), "entry \(row.string(0)) \(row.int64(1))")
                    count += 1
                }
                return count
            }
            #expect(checked > 10)
        }
    }
}
