import Foundation
import Testing
@testable import InteractionStore

/// The export's chain check runs on the timeline rows as they stream into the timeline file
/// (`ChainCheck`): every way a chain can break is found there, the file holds only its own
/// columns, and a refused run still leaves nothing behind.
@Suite struct ExportChainCheckTests {
    private func breaks(_ store: Store, into directory: String, format: ExportFormat = .ndjson,
                        redact: Bool = false) throws -> [ChainBreak] {
        let error = #expect(throws: ExportError.self) {
            try store.export(ExportOptions(directory: directory, format: format, redact: redact))
        }
        return error.map { if case .brokenChains(let breaks) = $0 { breaks } else { [] } } ?? []
    }

    /// A refused run leaves no directory, no history, the watermark and head unmoved.
    private func expectNothingWritten(_ store: Store, _ directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!FileManager.default.fileExists(atPath: directory), "the refused run left \(directory)", sourceLocation: sourceLocation)
        #expect(try store.exportWatermark() == 0, sourceLocation: sourceLocation)
        #expect(try store.storedStoreHead() == nil, sourceLocation: sourceLocation)
        #expect(try store.rowCount("export_runs") == 0, sourceLocation: sourceLocation)
    }

    @Test func aChatWhoseEveryEntryWasDeletedIsMissingFromItsFirstEntry() throws {
        try withTempDirectory(prefix: "chaincheck") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try Tamper.run(dir.databasePath, "DELETE FROM timeline WHERE interaction_id = 'chat-2'")
            #expect(try breaks(store, into: dir.path("run1")) == [ChainBreak(interaction: "chat-2", entry: 1, problem: .missing(next: nil))])
            try expectNothingWritten(store, dir.path("run1"))
        }
    }

    @Test func aChatWithNoEntriesAndNoneRecordedHolds() throws {
        try withTempDirectory(prefix: "chaincheck") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try Tamper.run(dir.databasePath, """
                DELETE FROM timeline WHERE interaction_id = 'chat-2';
                UPDATE interactions SET next_entry = 1, chain_head = NULL WHERE id = 'chat-2';
                """)
            let result = try store.export(ExportOptions(directory: dir.path("run1")))
            #expect(result.chainsVerified == 3)
            #expect(result.entriesVerified == 2 * 7)
            #expect(try ExportFiles.ndjsonLines(dir.path("run1"), "chains")[1]
                    == "{\"interaction\":\"chat-2\",\"seq\":0,\"head\":\"\(String(repeating: "0", count: 64))\"}")
        }
    }

    @Test func aRecordedHeadThatIsNotTheLastEntrysHashIsABreakAtTheLastEntry() throws {
        try withTempDirectory(prefix: "chaincheck") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try Tamper.run(dir.databasePath, "UPDATE interactions SET chain_head = zeroblob(32) WHERE id = 'chat-3'")
            #expect(try breaks(store, into: dir.path("run1"))
                    == [ChainBreak(interaction: "chat-3", entry: 7, problem: .headMismatch(head: String(repeating: "0", count: 64)))])
            try expectNothingWritten(store, dir.path("run1"))
        }
    }

    @Test func anEntryPastTheRecordedCountIsABreak() throws {
        try withTempDirectory(prefix: "chaincheck") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try Tamper.run(dir.databasePath, "UPDATE interactions SET next_entry = next_entry - 1 WHERE id = 'chat-1'")
            #expect(try breaks(store, into: dir.path("run1")) == [ChainBreak(interaction: "chat-1", entry: 7, problem: .unrecorded(recorded: 6))])
            try expectNothingWritten(store, dir.path("run1"))
        }
    }

    @Test func aGapInsideAChainNamesTheMissingEntryAndTheNextStoredOne() throws {
        try withTempDirectory(prefix: "chaincheck") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try Tamper.run(dir.databasePath, "DELETE FROM timeline WHERE interaction_id = 'chat-1' AND seq = 3")
            #expect(try breaks(store, into: dir.path("run1")) == [ChainBreak(interaction: "chat-1", entry: 3, problem: .missing(next: 4))])
            try expectNothingWritten(store, dir.path("run1"))
        }
    }

    /// Every chain of the run is judged, not only the first broken one, in id order.
    @Test func breaksInSeveralChainsAreAllNamedInIdOrder() throws {
        try withTempDirectory(prefix: "chaincheck") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try Tamper.run(dir.databasePath, """
                UPDATE timeline SET text = 'edited' WHERE interaction_id = 'chat-3' AND seq = 3;
                UPDATE timeline SET text = 'edited' WHERE interaction_id = 'chat-1' AND seq = 4;
                UPDATE timeline SET text = 'edited again' WHERE interaction_id = 'chat-1' AND seq = 5;
                """)
            #expect(try breaks(store, into: dir.path("run1")) == [
                ChainBreak(interaction: "chat-1", entry: 4, problem: .changedContent),
                ChainBreak(interaction: "chat-3", entry: 3, problem: .changedContent),
            ])
            try expectNothingWritten(store, dir.path("run1"))
        }
    }

    /// The check hashes the stored text, not the redacted text the file gets; and a CSV run checks as an NDJSON run does.
    @Test func aRedactedCSVRunChecksTheStoredText() throws {
        try withTempDirectory(prefix: "chaincheck") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let whole = try store.export(ExportOptions(directory: dir.path("full"), format: .csv, full: true, redact: true))
            #expect(whole.chainsVerified == 3)
            #expect(whole.entriesVerified == 3 * 7)
            try Tamper.run(dir.databasePath, "UPDATE timeline SET text = 'edited' WHERE interaction_id = 'chat-2' AND seq = 4")
            #expect(try breaks(store, into: dir.path("run1"), format: .csv, redact: true)
                    == [ChainBreak(interaction: "chat-2", entry: 4, problem: .changedContent)])
            #expect(!FileManager.default.fileExists(atPath: dir.path("run1")))
        }
    }

    /// The timeline query selects what the check needs after the exported columns; the file holds only the exported ones.
    @Test func theTimelineFileHoldsOnlyItsOwnColumns() throws {
        try withTempDirectory(prefix: "chaincheck") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            _ = try store.export(ExportOptions(directory: dir.path("json")))
            _ = try store.export(ExportOptions(directory: dir.path("csv"), format: .csv, full: true))
            let columns = ["interaction_id", "seq", "at", "kind", "party_id", "text", "visibility", "reason", "by_party",
                           "event_seq", "prev_hash", "hash"]
            let first = try #require(try ExportFiles.ndjsonLines(dir.path("json"), "timeline").first)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(columns))
            let csv = try String(contentsOfFile: dir.path("csv") + "/timeline.csv", encoding: .utf8)
            #expect(csv.hasPrefix(columns.joined(separator: ",") + "\r\n"))
        }
    }

    @Test func theCheckTimeIsReportedAsPartOfTheRun() throws {
        try withTempDirectory(prefix: "chaincheck") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let result = try store.export(ExportOptions(directory: dir.path("run1")))
            #expect(result.verificationSeconds > 0)
            #expect(result.verificationSeconds < result.elapsedSeconds)
        }
    }
}
