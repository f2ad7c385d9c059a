import Foundation
import Testing
@testable import InteractionStore
@testable import InteractionModel

/// `storectl verify DIR… [--public-key P] [--db PATH]`, run as the real binary: files against
/// manifests, store heads and their links, every chain against the store recomputed, purges;
/// one line per problem on stderr, exit 0 / 65 / 66 / 64.
@Suite struct VerifyCLITests {
    private func verify(_ directories: [String], db: String, _ extra: [String] = []) throws -> StoreCtlResult {
        try StoreCtlRunner.run(["verify"] + directories + ["--db", db] + extra)
    }

    private func failed(_ problems: Int, runs: Int = 1) -> String {
        "verify failed: \(problems) problem(s) in \(runs == 1 ? "1 export run" : "\(runs) export runs")\n"
    }

    // MARK: What holds

    @Test func anUntouchedRunVerifies() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            _ = try store.export(ExportOptions(directory: dir.path("run1")))
            let result = try verify([dir.path("run1")], db: dir.databasePath)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == "ok: 1 export run verified: 7 files, 3 chains against 21 stored entries\n")
            #expect(result.stderr == "")
        }
    }

    @Test func aCSVRunWithLineBreaksInsideFieldsVerifies() throws {
        try withTempDirectory(prefix: "verify") { dir in
            var log = ExportTestLog(prefix: "csv")
            log.defineCode("RESOLVED", "Resolved")
            log.awkwardChat(messages: ["line one\nline two", "windows\r\nline", "\"quoted\", and more"], notReadyReason: "lunch, late")
            let store = try Store(path: dir.databasePath)
            try store.applyLines(log.takeBatch())
            _ = try store.export(ExportOptions(directory: dir.path("run1"), format: .csv))
            let result = try verify([dir.path("run1")], db: dir.databasePath)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix("ok: 1 export run verified: 7 files, 2 chains against "), "\(result)")
        }
    }

    // MARK: The store changed since the export

    /// Two stores from one log that differ in one message text: the second is a perfect rewrite
    /// of the first (a valid chain, every hash recomputed). Only that interaction is named.
    @Test func aPerfectRewriteNamesExactlyThatInteraction() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let original = try AnchoredLog.store(dir.path("original.sqlite"))
            let rewritten = try AnchoredLog.store(dir.path("rewritten.sqlite"), rewritten: true)
            _ = try original.export(ExportOptions(directory: dir.path("run1")))
            let check = try StoreCtlRunner.run(["check", "--db", dir.path("rewritten.sqlite")])
            #expect(check.status == 0, "the rewrite is a valid store: \(check)")

            let result = try verify([dir.path("run1")], db: dir.path("rewritten.sqlite"))
            #expect(result.status == 65, "\(result)")
            #expect(result.stdout == "")
            let heads = "the store's entries 1–7 hash to \(try rewritten.recordedChain("chat-2").head), the export's head is \(try original.recordedChain("chat-2").head)"
            #expect(result.stderr == """
                \(dir.path("run1")): interaction chat-2: \(heads): entry 4 was changed since the export (the first whose hash differs from timeline.ndjson)

                """ + failed(1))

            // A CSV run holds no hashes to compare entry by entry: the chain row still finds it.
            _ = try original.export(ExportOptions(directory: dir.path("csv"), format: .csv, full: true))
            let csv = try verify([dir.path("csv")], db: dir.path("rewritten.sqlite"))
            #expect(csv.status == 65, "\(csv)")
            #expect(csv.stderr == """
                \(dir.path("csv")): interaction chat-2: \(heads): an entry was changed since the export

                """ + failed(1))
        }
    }

    @Test func anEntryEditedWithTheTriggerDroppedIsFound() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let rewritten = try AnchoredLog.store(dir.path("rewritten.sqlite"), rewritten: true)
            _ = try store.export(ExportOptions(directory: dir.path("run1")))
            let exported = try store.recordedChain("chat-2").head
            try Tamper.run(dir.databasePath, "UPDATE timeline SET text = '\(AnchoredLog.rewrittenText)' WHERE interaction_id = 'chat-2' AND seq = 4")
            // The edited entries 1–7 hash to what the store holding that text from the start has.
            let result = try verify([dir.path("run1")], db: dir.databasePath)
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr == """
                \(dir.path("run1")): interaction chat-2: the store's entries 1–7 hash to \(try rewritten.recordedChain("chat-2").head), the export's head is \(exported): entry 4 was changed since the export (the first whose hash differs from timeline.ndjson)

                """ + failed(1))
        }
    }

    @Test func deletedAndAddedEntriesAreFound() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            _ = try store.export(ExportOptions(directory: dir.path("run1")))
            try Tamper.run(dir.databasePath, """
                DELETE FROM timeline WHERE interaction_id = 'chat-3' AND seq = 7;
                DELETE FROM timeline WHERE interaction_id = 'chat-1' AND seq = 3;
                INSERT INTO timeline (interaction_id, seq, at, kind, party_id, text, visibility, event_seq, prev_hash, hash)
                    SELECT interaction_id, 8, at, 'message', party_id, 'added later', 'all', event_seq, hash, hash
                    FROM timeline WHERE interaction_id = 'chat-2' AND seq = 7;
                """)
            let result = try verify([dir.path("run1")], db: dir.databasePath)
            #expect(result.status == 65, "\(result)")
            let run = dir.path("run1")
            #expect(result.stderr == """
                \(run): interaction chat-1: entry 3 of the exported 7 is not in the store: it was deleted since the export
                \(run): interaction chat-2: the store holds entries 8–8 after the exported 7: entries were added since the export
                \(run): interaction chat-3: the store holds 6 of the exported 7 entries: entries were deleted since the export

                """ + failed(3))
        }
    }

    @Test func anInteractionDeletedOutsidePurgeIsFound() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            _ = try store.export(ExportOptions(directory: dir.path("run1")))
            try Tamper.run(dir.databasePath, """
                PRAGMA foreign_keys = OFF;
                DROP TRIGGER interactions_no_delete;
                DELETE FROM timeline WHERE interaction_id = 'chat-3';
                DELETE FROM interactions WHERE id = 'chat-3';
                """)
            let result = try verify([dir.path("run1")], db: dir.databasePath)
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr == """
                \(dir.path("run1")): interaction chat-3: not in the store, and no purge recorded it: it was deleted outside storectl purge

                """ + failed(1))
        }
    }

    // MARK: The files changed since the export

    @Test func aFlippedByteInTheTimelineIsNamed() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let result = try store.export(ExportOptions(directory: dir.path("run1")))
            let timeline = dir.path("run1") + "/timeline.ndjson"
            let listed = try #require(result.manifest.files.first { $0.name == "timeline.ndjson" })
            let text = try String(contentsOfFile: timeline, encoding: .utf8)
            let offset = try #require(text.utf8.firstIndex(of: UInt8(ascii: "M")).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) })
            try Tamper.flipByte(timeline, at: offset)

            let verified = try verify([dir.path("run1")], db: dir.databasePath)
            #expect(verified.status == 65, "\(verified)")
            #expect(verified.stderr == """
                \(dir.path("run1")): timeline.ndjson: sha256 is \(try Hex.sha256(file: timeline)), the manifest lists \(listed.sha256): the file was changed

                """ + failed(1))
        }
    }

    @Test func anEditedUnsignedManifestIsCaughtByItsHeadsAndCounts() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let result = try store.export(ExportOptions(directory: dir.path("run1")))
            let path = dir.path("run1") + "/manifest.json"
            let forged = String(repeating: "f", count: 64)
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"store_head\" : \"\(result.manifest.storeHead)\"", with: "\"store_head\" : \"\(forged)\"")
            text = text.replacingOccurrences(of: "\"name\" : \"parties.ndjson\",\n      \"rows\" : 6,",
                                             with: "\"name\" : \"parties.ndjson\",\n      \"rows\" : 5,")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))

            let verified = try verify([dir.path("run1")], db: dir.databasePath)
            #expect(verified.status == 65, "\(verified)")
            #expect(verified.stderr == """
                \(dir.path("run1")): parties.ndjson: 6 rows, the manifest lists 5
                \(dir.path("run1")): manifest.json: store_head is \(forged), but previous_head and chains.ndjson give \(result.manifest.storeHead)

                """ + failed(2))
        }
    }

    // MARK: Runs linked in order

    @Test func incrementalRunsVerifyInOrderAndAGapIsNamed() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let first = try store.export(ExportOptions(directory: dir.path("run1")))
            var log = ExportTestLog(prefix: "more", start: "2026-03-04T08:00:00.000Z")
            log.completeChat("chat-4", agent: "agent.kim")
            try store.applyLines(log.takeBatch())
            let second = try store.export(ExportOptions(directory: dir.path("run2")))
            log.completeChat("chat-5", agent: "agent.kim")
            try store.applyLines(log.takeBatch())
            _ = try store.export(ExportOptions(directory: dir.path("run3")))
            _ = try store.export(ExportOptions(directory: dir.path("full"), full: true))

            let runs = ["run1", "run2", "run3"].map { dir.path($0) }
            let inOrder = try verify(runs + [dir.path("full")], db: dir.databasePath)
            #expect(inOrder.status == 0, "\(inOrder)")
            #expect(inOrder.stdout == "ok: 4 export runs verified: 28 files, 10 chains against 70 stored entries\n")

            let gap = try verify([runs[0], runs[2]], db: dir.databasePath)
            #expect(gap.status == 65, "\(gap)")
            #expect(gap.stderr == """
                \(runs[2]): manifest.json: previous_head is \(second.manifest.storeHead), but the incremental run given before it, \(runs[0]), has store_head \(first.manifest.storeHead): the runs are not consecutive, or one was changed

                """ + failed(1, runs: 2))

            let union = try runs.flatMap { try ExportFiles.ndjsonLines($0, "chains") }
            #expect(union.sorted() == (try ExportFiles.ndjsonLines(dir.path("full"), "chains")).sorted())
        }
    }

    // MARK: Purged since

    @Test func purgedInteractionsAreReportedAndPassWhenTheirHeadsMatch() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            _ = try store.export(ExportOptions(directory: dir.path("run1")))
            let purge = try store.purge(before: Timestamp.parse("2027-01-01T00:00:00Z")!)
            #expect(purge.interactions == 3)
            let purgedAt = try store.read { db in try db.scalarInt("SELECT purged_at FROM purges WHERE id = 1") ?? 0 }
            let run = dir.path("run1")

            let result = try verify([run], db: dir.databasePath)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == AnchoredLog.chats.map {
                "\(run): interaction \($0): purged by purge #1 at \(Timestamp.format(purgedAt)); the head it recorded matches the export\n"
            }.joined() + "ok: 1 export run verified: 7 files, 3 chains (3 purged, with matching heads) against 0 stored entries\n")
            #expect(result.stderr == "")

            // A purge record whose head differs from the export's is a problem.
            let exported = try #require(try ExportFiles.ndjsonLines(run, "chains").dropFirst().first)
            let head = try #require(exported.split(separator: "\"").dropLast().last.map(String.init))
            let other = String(repeating: "a", count: 64)
            try Tamper.run(dir.databasePath, "UPDATE purges SET chain_heads = json_set(chain_heads, '$.\"chat-2\"', '\(other)')")
            let forged = try verify([run], db: dir.databasePath)
            #expect(forged.status == 65, "\(forged)")
            #expect(forged.stderr == """
                \(run): interaction chat-2: purged by purge #1 at \(Timestamp.format(purgedAt)) with chain head \(other), but the export's head is \(head)

                """ + failed(1))
        }
    }

    // MARK: Exit statuses

    @Test func missingInputsExit66AndUsageErrors64() throws {
        try withTempDirectory(prefix: "verify") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            _ = try store.export(ExportOptions(directory: dir.path("run1")))
            try FileManager.default.createDirectory(atPath: dir.path("empty"), withIntermediateDirectories: false)

            let noDirectory = try verify([dir.path("run1"), dir.path("nope")], db: dir.databasePath)
            #expect(noDirectory.status == 66, "\(noDirectory)")
            #expect(noDirectory.stderr == "\(dir.path("nope")): no such file; check the path\n")
            let noManifest = try verify([dir.path("empty")], db: dir.databasePath)
            #expect(noManifest.status == 66, "\(noManifest)")
            #expect(noManifest.stderr == "\(dir.path("empty"))/manifest.json: no such file; check the path\n")
            let noDatabase = try verify([dir.path("run1")], db: dir.path("missing.sqlite"))
            #expect(noDatabase.status == 66, "\(noDatabase)")
            #expect(!FileManager.default.fileExists(atPath: dir.path("missing.sqlite")))
            let noKey = try verify([dir.path("run1")], db: dir.databasePath, ["--public-key", dir.path("nokey.pem")])
            #expect(noKey.status == 66, "\(noKey)")
            #expect(noKey.stderr == "\(dir.path("nokey.pem")): no such key file; check the path\n")

            let noArguments = try StoreCtlRunner.run(["verify", "--db", dir.databasePath])
            #expect(noArguments.status == 64, "\(noArguments)")
            let unknownOption = try verify([dir.path("run1")], db: dir.databasePath, ["--sign-key", "x"])
            #expect(unknownOption.status == 64, "\(unknownOption)")

            try Data("not json".utf8).write(to: URL(fileURLWithPath: dir.path("empty") + "/manifest.json"))
            let garbage = try verify([dir.path("empty")], db: dir.databasePath)
            #expect(garbage.status == 65, "\(garbage)")
            #expect(garbage.stderr.hasPrefix("\(dir.path("empty")): manifest.json: not a manifest storectl can read (invalid JSON"), "\(garbage)")
        }
    }
}
