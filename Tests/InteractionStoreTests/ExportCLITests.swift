import Foundation
import Testing
@testable import InteractionStore

/// `storectl export` and `storectl export history`, run as the real binary: output, files
/// and exit statuses.
@Suite struct ExportCLITests {
    private static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/examples")

    /// A database holding one of the shared example logs (or a generated one when they are absent).
    private func importedDatabase(_ dir: TempDirectory) throws -> String {
        let example = Self.examples.appendingPathComponent("instant-conference.ndjson").path
        if FileManager.default.fileExists(atPath: example) {
            let result = try StoreCtlRunner.run(["import", example, "--db", dir.databasePath])
            #expect(result.status == 0, "\(result)")
        } else {
            var log = ExportTestLog(prefix: "cli")
            log.defineCode("RESOLVED", "Resolved")
            log.completeChat("chat-ex1", agent: "agent.kim")
            try Store(path: dir.databasePath).applyLines(log.takeBatch())
        }
        return dir.databasePath
    }

    @Test func exportWritesTheFilesAndASummaryAndRefusesAUsedDirectory() throws {
        try withTempDirectory(prefix: "export-cli") { dir in
            let db = try importedDatabase(dir)
            let out = dir.path("run1")
            let result = try StoreCtlRunner.run(["export", "--out", out, "--format", "csv", "--db", db])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix("export #1 (incremental)"), "\(result)")
            // Its own throughput, as the import's summary line gives events/s.
            #expect(result.stdout.range(of: #"in \d+\.\d\d s \(\d+ rows/s, \d+\.\d MB/s\)\n$"#, options: .regularExpression) != nil, "\(result)")
            #expect(try ExportFiles.names(out) == ["agent_states.csv", "chains.ndjson", "disposition_changes.csv", "interactions.csv",
                                                    "manifest.json", "parties.csv", "requests.csv", "timeline.csv"])
            try ExportFiles.verifyManifest(out, format: "csv")

            let again = try StoreCtlRunner.run(["export", "--out", out, "--db", db])
            #expect(again.status == 73, "\(again)")
            #expect(again.stderr.contains("new directory"), "\(again)")

            #expect(FileManager.default.createFile(atPath: dir.path("file"), contents: Data()))
            let underFile = try StoreCtlRunner.run(["export", "--out", dir.path("file") + "/run", "--db", db])
            #expect(underFile.status == 73, "\(underFile)")
        }
    }

    @Test func usageErrorsExit64() throws {
        try withTempDirectory(prefix: "export-cli") { dir in
            let db = try importedDatabase(dir)
            for arguments in [["export", "--db", db], ["export", "--out", dir.path("x"), "--format", "table", "--db", db],
                              ["export", "history", "--format", "ndjson", "--db", db],
                              ["export", "history", "--full", "--db", db]] {
                let result = try StoreCtlRunner.run(arguments)
                #expect(result.status == 64, "\(arguments): \(result)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.path("x")))
        }
    }

    @Test func historyListsTheRunsInEveryFormat() throws {
        try withTempDirectory(prefix: "export-cli") { dir in
            let db = try importedDatabase(dir)
            #expect(try StoreCtlRunner.run(["export", "--out", dir.path("a"), "--db", db]).status == 0)
            #expect(try StoreCtlRunner.run(["export", "--out", dir.path("b"), "--full", "--redact", "--db", db]).status == 0)

            let json = try StoreCtlRunner.run(["export", "history", "--format", "json", "--db", db])
            #expect(json.status == 0, "\(json)")
            let runs = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(runs.count == 2)
            #expect(runs.map { $0["full"] as? Bool } == [false, true])
            #expect(runs.map { $0["redacted"] as? Bool } == [false, true])
            #expect((runs[0]["timeline"] as? NSNumber)?.intValue ?? 0 > 0)

            let csv = try StoreCtlRunner.run(["export", "history", "--format", "csv", "--db", db])
            #expect(csv.status == 0, "\(csv)")
            let records = try RFC4180.parse(csv.stdout)
            #expect(records.count == 3)
            #expect(records.first?.first == "id")

            let table = try StoreCtlRunner.run(["export", "history", "--format", "table", "--db", db])
            #expect(table.status == 0 && table.stdout.contains("from_seq"), "\(table)")

            let missing = try StoreCtlRunner.run(["export", "history", "--db", dir.path("none.sqlite")])
            #expect(missing.status == 66, "\(missing)")
        }
    }
}
