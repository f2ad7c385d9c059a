import Foundation
import Testing
@testable import InteractionStore
@testable import InteractionModel

/// `Store.export`: exactly-once incremental runs, concurrent writers, failures before the final
/// step, file formats that parse back, the manifest, the directory rules and the history.
@Suite struct ExportTests {
    // MARK: Helpers

    /// A store in `dir` with the codes and a couple of agents defined.
    private func makeStore(_ dir: TempDirectory, log: inout ExportTestLog) throws -> Store {
        let store = try Store(path: dir.databasePath)
        log.defineCode("RESOLVED", "Resolved")
        log.defineCode("FOLLOW_UP", "Follow-up required")
        log.agentState("agent.kim", "ready")
        log.agentState("agent.omar", "ready")
        try store.applyLines(log.takeBatch())
        return store
    }

    private func export(_ store: Store, _ directory: String, full: Bool = false, format: ExportFormat = .ndjson,
                        redact: Bool = false) throws -> ExportResult {
        try store.export(ExportOptions(directory: directory, format: format, full: full, redact: redact))
    }

    /// Every entity's rows (and chains.ndjson's) across `runs` must equal those of `full`, with no row twice.
    private func expectUnionEqualsFull(_ runs: [String], full: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for entity in ExportFiles.listed {
            let union = try runs.flatMap { try ExportFiles.ndjsonLines($0, entity) }
            let everything = try ExportFiles.ndjsonLines(full, entity)
            #expect(Set(union).count == union.count, "\(entity): a row was exported twice", sourceLocation: sourceLocation)
            #expect(union.sorted() == everything.sorted(), "\(entity): the incremental runs differ from a full export", sourceLocation: sourceLocation)
        }
    }

    private func interactionIds(_ directory: String) throws -> [String] {
        try ExportFiles.ndjsonLines(directory, "interactions").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["id"] as? String)
        }
    }

    // MARK: Exactly once

    @Test func twoIncrementalRunsWithImportsBetweenEqualAFullExport() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "inc")
            let store = try makeStore(dir, log: &log)
            log.completeChat("chat-a", agent: "agent.kim")
            log.startChat("chat-b", contact: "cust-b", name: "Bo", agent: "agent.omar", messages: ["hello", "hi"])
            log.startChat("chat-c", contact: "cust-c", agent: "agent.kim", messages: ["I need help"])
            log.consultation("cons-c", of: "chat-c", from: "agent.kim", to: "agent.omar")
            log.endChat("chat-c")
            try store.applyLines(log.takeBatch())

            let first = try export(store, dir.path("run1"))
            #expect(try interactionIds(dir.path("run1")).sorted() == ["chat-a", "chat-c", "cons-c"])
            #expect(first.manifest.fromSeq == 0)
            #expect(try store.exportWatermark() == first.manifest.toSeq)

            // Between the runs: the open chat gets more and ends, a disposition lands on an
            // exported chat, a new chat ends, another stays open, agents change state.
            log.message("chat-b", party: "cust-b", "thanks")
            log.endChat("chat-b")
            log.disposition("chat-a", agent: "agent.kim", code: "FOLLOW_UP")
            log.completeChat("chat-d", agent: "agent.omar")
            log.startChat("chat-e", contact: "cust-e", agent: "agent.kim", messages: ["still typing"])
            log.agentState("agent.kim", "not_ready")
            try store.applyLines(log.takeBatch())

            let second = try export(store, dir.path("run2"))
            #expect(second.manifest.fromSeq == first.manifest.toSeq)
            #expect(try interactionIds(dir.path("run2")).sorted() == ["chat-b", "chat-d"])

            let full = try export(store, dir.path("full"), full: true)
            #expect(full.manifest.fromSeq == 0)
            #expect(full.manifest.toSeq == second.manifest.toSeq)
            #expect(try store.exportWatermark() == second.manifest.toSeq, "--full leaves the watermark alone")
            try expectUnionEqualsFull([dir.path("run1"), dir.path("run2")], full: dir.path("full"))
            #expect(try !interactionIds(dir.path("full")).contains("chat-e"), "an active chat is not final")

            // Nothing new: an empty run that still records itself and keeps the watermark.
            let third = try export(store, dir.path("run3"))
            #expect(third.manifest.rows == 0)
            #expect(third.manifest.fromSeq == second.manifest.toSeq && third.manifest.toSeq == second.manifest.toSeq)
            for run in ["run1", "run2", "run3", "full"] { try ExportFiles.verifyManifest(dir.path(run)) }
            #expect(try store.exportHistory().map(\.full) == [false, false, true, false])
        }
    }

    @Test func aWriterCommittingDuringTheExportGoesToTheNextRun() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "conc")
            let store = try makeStore(dir, log: &log)
            log.completeChat("chat-1", agent: "agent.kim")
            log.startChat("chat-2", contact: "cust-2", agent: "agent.omar", messages: ["hi"])
            try store.applyLines(log.takeBatch())
            let seqBefore = try store.read { db in try db.scalarInt("SELECT max(seq) FROM events") }

            // Committed by another thread after the run fixed its window, before it read a row.
            log.message("chat-2", party: "agent.omar", "bye")
            log.endChat("chat-2")
            log.completeChat("chat-3", agent: "agent.kim")
            log.disposition("chat-1", agent: "agent.kim", code: "FOLLOW_UP")
            log.agentState("agent.omar", "after_call_work")
            let concurrent = log.takeBatch()
            var options = ExportOptions(directory: dir.path("run1"))
            options.afterSnapshot = {
                let done = DispatchSemaphore(value: 0)
                let failure = LockedBox<String?>(nil)
                Thread {
                    do { try store.applyLines(concurrent) } catch { failure.value = "\(error)" }
                    done.signal()
                }.start()
                done.wait()
                if let message = failure.value { Issue.record("the concurrent writer failed: \(message)") }
            }
            let first = try store.export(options)
            #expect(first.manifest.toSeq == seqBefore, "the window ends where the snapshot ended")
            #expect(try interactionIds(dir.path("run1")) == ["chat-1"])
            #expect(try ExportFiles.ndjsonLines(dir.path("run1"), "disposition_changes").count == 1)

            let second = try export(store, dir.path("run2"))
            #expect(try interactionIds(dir.path("run2")).sorted() == ["chat-2", "chat-3"])
            #expect(try ExportFiles.ndjsonLines(dir.path("run2"), "disposition_changes").count == 2)
            #expect(try ExportFiles.ndjsonLines(dir.path("run2"), "agent_states").count == 1)
            #expect(second.manifest.fromSeq == first.manifest.toSeq)

            _ = try export(store, dir.path("full"), full: true)
            try expectUnionEqualsFull([dir.path("run1"), dir.path("run2")], full: dir.path("full"))
        }
    }

    @Test func exportsWhileAWriterThreadImportsMissNothingAndRepeatNothing() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "stress")
            let store = try makeStore(dir, log: &log)
            var batches: [[String]] = []
            for batch in 0..<40 {
                for chat in 0..<3 {
                    let id = "chat-\(batch)-\(chat)"
                    log.completeChat(id, agent: chat % 2 == 0 ? "agent.kim" : "agent.omar", messages: 4)
                }
                log.agentState("agent.kim", batch % 2 == 0 ? "not_ready" : "ready")
                batches.append(log.takeBatch())
            }
            let writerDone = DispatchSemaphore(value: 0)
            let failure = LockedBox<String?>(nil)
            let allBatches = batches
            Thread {
                for batch in allBatches {
                    do { try store.applyLines(batch) } catch { failure.value = "\(error)"; break }
                    usleep(2_000)
                }
                writerDone.signal()
            }.start()

            var runs: [String] = []
            while writerDone.wait(timeout: .now()) == .timedOut {
                let path = dir.path("run\(runs.count)")
                _ = try export(store, path)
                runs.append(path)
            }
            let last = dir.path("run\(runs.count)")
            _ = try export(store, last)
            runs.append(last)
            #expect(failure.value == nil, "the writer failed: \(failure.value ?? "")")

            _ = try export(store, dir.path("full"), full: true)
            try expectUnionEqualsFull(runs, full: dir.path("full"))
            #expect(try ExportFiles.ndjsonLines(dir.path("full"), "interactions").count == 120)
            let windows = try store.exportHistory().filter { !$0.full }.map { ($0.fromSeq, $0.toSeq) }
            for (earlier, later) in zip(windows, windows.dropFirst()) {
                #expect(earlier.1 == later.0, "each run starts where the last ended")
            }
        }
    }

    // MARK: Failure and recovery

    @Test func aFailureBeforeTheFinalStepLeavesNoManifestAndTheWatermarkAndTheRerunWritesTheSameFiles() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "fail")
            let store = try makeStore(dir, log: &log)
            log.completeChat("chat-1", agent: "agent.kim")
            log.completeChat("chat-2", agent: "agent.omar")
            try store.applyLines(log.takeBatch())
            let runDirectory = dir.path("run")

            var failing = ExportOptions(directory: runDirectory)
            failing.beforeFinalStep = { throw ExportTestError.injected }
            #expect(throws: ExportTestError.self) { try store.export(failing) }
            let names = try ExportFiles.names(runDirectory)
            #expect(!names.contains("manifest.json"))
            #expect(!names.contains { $0.hasSuffix(".partial") }, "temporary files are removed: \(names)")
            #expect(try store.exportWatermark() == 0)
            #expect(try store.rowCount("export_runs") == 0)
            var failedFiles: [String: Data] = [:]
            for name in names { failedFiles[name] = try Data(contentsOf: URL(fileURLWithPath: runDirectory).appendingPathComponent(name)) }
            #expect(failedFiles.count == ExportFiles.listed.count)

            let rerun = try store.export(ExportOptions(directory: runDirectory))
            #expect(try ExportFiles.names(runDirectory) == (names + ["manifest.json"]).sorted())
            for (name, data) in failedFiles {
                #expect(try Data(contentsOf: URL(fileURLWithPath: runDirectory).appendingPathComponent(name)) == data, "\(name) differs in the rerun")
            }
            #expect(rerun.manifest.fromSeq == 0)
            #expect(try store.exportWatermark() == rerun.manifest.toSeq)
            try ExportFiles.verifyManifest(runDirectory)
        }
    }

    @Test func aConcurrentExporterThatMovedTheWatermarkMakesTheRunFailWithoutAManifest() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "race")
            let store = try makeStore(dir, log: &log)
            log.completeChat("chat-1", agent: "agent.kim")
            try store.applyLines(log.takeBatch())

            var loser = ExportOptions(directory: dir.path("loser"))
            let winnerDirectory = dir.path("winner")
            loser.beforeFinalStep = { _ = try store.export(ExportOptions(directory: winnerDirectory)) }
            #expect(throws: ExportError.self) { try store.export(loser) }
            #expect(!FileManager.default.fileExists(atPath: dir.path("loser") + "/manifest.json"))
            #expect(FileManager.default.fileExists(atPath: winnerDirectory + "/manifest.json"))
            let history = try store.exportHistory()
            #expect(history.count == 1)
            #expect(try store.exportWatermark() == history.first?.toSeq)
        }
    }

    @Test func theNextRunPutsInPlaceTheManifestOfARunInterruptedAfterItWasRecorded() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "crash")
            let store = try makeStore(dir, log: &log)
            log.completeChat("chat-1", agent: "agent.kim")
            try store.applyLines(log.takeBatch())
            let first = try export(store, dir.path("run1"))
            // What a crash between the commit and the rename leaves: the manifest under its temporary name.
            let manifest = dir.path("run1") + "/manifest.json"
            let pending = dir.path("run1") + "/.manifest.json.12345-1.partial"
            #expect(rename(manifest, pending) == 0)

            let second = try export(store, dir.path("run2"))
            #expect(second.recoveredDirectory == first.directory)
            #expect(FileManager.default.fileExists(atPath: manifest))
            #expect(!FileManager.default.fileExists(atPath: pending))
            try ExportFiles.verifyManifest(dir.path("run1"))
        }
    }

    // MARK: Formats

    @Test func ndjsonAndCSVParseBackToTheSameRows() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "fmt")
            let store = try makeStore(dir, log: &log)
            let awkward = [
                "comma, and \"quotes\"", "line one\nline two", "windows\r\nline", "tab\there", "  padded  ", "",
                "émoji 🎧 and ü", "nul \u{0}inside", "=1+2 looks like a formula", "\"", ",",
            ]
            log.awkwardChat(messages: awkward, notReadyReason: "lunch, late")
            try store.applyLines(log.takeBatch())

            _ = try export(store, dir.path("json"), full: true)
            _ = try export(store, dir.path("csv"), full: true, format: .csv)
            try ExportFiles.verifyManifest(dir.path("json"))
            try ExportFiles.verifyManifest(dir.path("csv"), format: "csv")
            let manifest = try ExportFiles.manifest(dir.path("csv"))
            let csvFiles = try #require(manifest["files"] as? [[String: Any]])

            for (entity, file) in zip(ExportFiles.entities, csvFiles) {
                let objects = try ExportFiles.ndjsonLines(dir.path("json"), entity).map { line in
                    try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                }
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir.path("csv")).appendingPathComponent("\(entity).csv")), as: UTF8.self)
                let records = try RFC4180.parse(text)
                let header = try #require(records.first)
                let rows = Array(records.dropFirst())
                #expect(rows.count == objects.count, "\(entity): row counts")
                #expect((file["rows"] as? NSNumber)?.intValue == rows.count)
                #expect(Set(header) == Set(objects.first?.keys.map { $0 } ?? header))
                for (row, object) in zip(rows, objects) {
                    #expect(row.count == header.count)
                    for (column, field) in zip(header, row) {
                        #expect(field == csvText(object[column], column: column), "\(entity).\(column)")
                    }
                }
                if entity == "timeline" {
                    let texts = objects.compactMap { $0["text"] as? String }
                    for message in awkward { #expect(texts.contains(message), "message \(message.debugDescription) round-trips") }
                }
                if entity == "interactions" {
                    #expect(objects.compactMap { $0["contact_name"] as? String } == ["Reyes, Dana \"D\""])
                }
            }
        }
    }

    /// What a JSON value looks like in CSV: null empty, booleans true/false, numbers in decimal.
    private func csvText(_ value: Any?, column: String) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let text as String: return text
        case let number as NSNumber:
            // The one boolean column; JSONSerialization gives NSNumber for true and false.
            if column == "became_owner" { return number.boolValue ? "true" : "false" }
            return number.stringValue
        default: return "\(value!)"
        }
    }

    @Test func rowsAreByteIdenticalWhicheverRunWritesThem() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "same")
            let store = try makeStore(dir, log: &log)
            log.completeChat("chat-1", agent: "agent.kim")
            try store.applyLines(log.takeBatch())
            _ = try export(store, dir.path("a"))
            _ = try export(store, dir.path("b"), full: true)
            for entity in ExportFiles.entities {
                let a = try Data(contentsOf: URL(fileURLWithPath: dir.path("a")).appendingPathComponent("\(entity).ndjson"))
                let b = try Data(contentsOf: URL(fileURLWithPath: dir.path("b")).appendingPathComponent("\(entity).ndjson"))
                #expect(a == b, "\(entity): same rows, same bytes")
            }
        }
    }

    // MARK: Redaction

    @Test func redactMasksMessageTextAndContactNamesOnly() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "red")
            let store = try makeStore(dir, log: &log)
            log.startChat("chat-1", contact: "cust-1", name: "Dana Reyes", agent: "agent.kim", messages: [
                "mail me at dana.reyes@example.com",
                "call +1 (555) 123-4567 please",
                "card 4111 1111 1111 1111 exp 12/29",
                "order ORD-12345 placed on 2026-11-24, ticket #12345",
            ])
            log.endChat("chat-1")
            try store.applyLines(log.takeBatch())
            let result = try export(store, dir.path("red"), full: true, redact: true)
            #expect(result.manifest.redacted)
            let texts = try ExportFiles.ndjsonLines(dir.path("red"), "timeline").compactMap { line in
                (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
            }
            #expect(texts == [
                "mail me at [email]",
                "call [phone] please",
                "card [card] exp 12/29",
                "order ORD-12345 placed on 2026-11-24, ticket #12345",
            ])
            let interaction = try #require(try JSONSerialization.jsonObject(with: Data(try ExportFiles.ndjsonLines(dir.path("red"), "interactions")[0].utf8)) as? [String: Any])
            #expect(interaction["contact_name"] as? String == "[redacted]")
            #expect(interaction["contact_id"] as? String == "cust-1", "ids are keys and stay")
            #expect(try store.exportHistory().last?.redacted == true)
        }
    }

    // MARK: Directory rules

    @Test func aDirectoryHoldingAManifestIsRefusedAndFilesArePrivate() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "dir")
            let store = try makeStore(dir, log: &log)
            let path = dir.path("nested/run")
            _ = try export(store, path)
            #expect(ExportFiles.mode(path) == 0o700)
            for name in try ExportFiles.names(path) { #expect(ExportFiles.mode(path + "/" + name) == 0o600, "\(name)") }

            do {
                _ = try export(store, path)
                Issue.record("a second run into the same directory was accepted")
            } catch let error as StoreError {
                #expect(error.category == .output)
                #expect(error.description.contains("new directory"))
            }
            #expect(try store.exportHistory().count == 1)

            #expect(FileManager.default.createFile(atPath: dir.path("plain-file"), contents: Data()))
            #expect(throws: StoreError.self) { _ = try export(store, dir.path("plain-file") + "/run") }
        }
    }

    @Test func historyListsEveryRunWithItsWindowAndCounts() throws {
        try withTempDirectory(prefix: "export") { dir in
            var log = ExportTestLog(prefix: "hist")
            let store = try makeStore(dir, log: &log)
            log.completeChat("chat-1", agent: "agent.kim", messages: 2)
            try store.applyLines(log.takeBatch())
            let first = try export(store, dir.path("one"))
            let full = try export(store, dir.path("two"), full: true, format: .csv)
            let history = try store.exportHistory()
            #expect(history.map(\.id) == [first.runId, full.runId])
            #expect(history.map(\.format) == [.ndjson, .csv])
            #expect(history[0].entityRows["timeline"] == Int64(first.manifest.files[2].rows))
            #expect(history[0].entityRows["agent_states"] == 2)
            #expect(history[1].full && history[1].fromSeq == 0)
            #expect(history[0].directory == first.directory)
            let table = ExportRun.table(history)
            #expect(table.columns.contains("disposition_changes"))
            #expect(table.rows.count == 2)
        }
    }
}
