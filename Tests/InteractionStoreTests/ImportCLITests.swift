import Foundation
import Testing
@testable import InteractionStore

private let L = Log.line

/// `storectl import` run as a process: exit codes, stderr listings, atomicity, reject file, stdin.
@Suite struct ImportCLITests {
    private func write(_ lines: [String], to path: String, trailer: String = "\n") throws {
        try Data((lines.joined(separator: "\n") + trailer).utf8).write(to: URL(fileURLWithPath: path))
    }

    private func rows(_ db: String, _ sql: String) throws -> Int64 {
        let store = try Store(path: db)
        return try store.read { try $0.scalarInt(sql) ?? -1 }
    }

    @Test func atomicImportListsEveryBadLineAndWritesNothing() throws {
        try withTempDirectory { dir in
            let log = dir.path("log.ndjson")
            let db = dir.databasePath
            try write(Log.base + [
                "",
                L("bad1", "message", 30, #""interaction":"c1","party":"zz","text":"hi""#),
                "{not json",
                L("bad2", "message", 31, #""interaction":"c1","party":"a1","text":"hi","colour":"red""#),
            ], to: log)
            let result = try StoreCtlRunner.run(["import", log, "--db", db])
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("line 9: event bad1: unknown party: party \"zz\" is not a party of \"c1\""), "\(result)")
            #expect(result.stderr.contains("line 10: malformed JSON"), "\(result)")
            #expect(result.stderr.contains("line 11: event bad2: unknown key \"colour\""), "\(result)")
            #expect(try rows(db, "SELECT count(*) FROM events") == 0)
            #expect(try rows(db, "SELECT count(*) FROM interactions") == 0)
        }
    }

    @Test func rejectFileKeepsTheGoodAndListsTheBad() throws {
        try withTempDirectory { dir in
            let log = dir.path("log.ndjson")
            let rejects = dir.path("rejects.txt")
            let db = dir.databasePath
            let bad = L("bad1", "message", 30, #""interaction":"c1","party":"zz","text":"hi""#)
            try write(Log.base + [bad], to: log)
            let result = try StoreCtlRunner.run(["import", log, "--db", db, "--reject-file", rejects])
            #expect(result.status == 65, "\(result)")
            #expect(try rows(db, "SELECT count(*) FROM events") == Int64(Log.base.count))
            let text = try String(contentsOfFile: rejects, encoding: .utf8)
            #expect(text == "# line 8: event bad1: unknown party: party \"zz\" is not a party of \"c1\"\n\(bad)\n")
        }
    }

    @Test func reimportIsANoOpAndStdinWorks() throws {
        try withTempDirectory { dir in
            let log = dir.path("log.ndjson")
            let db = dir.databasePath
            try write(Log.conferenced, to: log, trailer: "\r\n\n   \n")
            let first = try StoreCtlRunner.run(["import", log, "--db", db])
            #expect(first.status == 0, "\(first)")
            // The summary line gives the import's own throughput.
            #expect(first.stderr.range(of: #"\d+ stored, 0 skipped as duplicates, 0 rejected, in \d+\.\d\d s \(\d+ events/s\)"#,
                                       options: .regularExpression) != nil, "\(first)")
            let before = try rows(db, "SELECT count(*) FROM timeline")
            let again = try StoreCtlRunner.run(["import", "-", "--db", db], stdin: try Data(contentsOf: URL(fileURLWithPath: log)))
            #expect(again.status == 0, "\(again)")
            #expect(again.stderr.contains("0 stored, \(Log.conferenced.count) skipped as duplicates"), "\(again)")
            #expect(try rows(db, "SELECT count(*) FROM timeline") == before)
        }
    }

    @Test func missingFileExits66AndEmptyInputIsValid() throws {
        try withTempDirectory { dir in
            let missing = try StoreCtlRunner.run(["import", dir.path("nope.ndjson"), "--db", dir.databasePath])
            #expect(missing.status == 66, "\(missing)")
            let empty = try StoreCtlRunner.run(["import", "-", "--db", dir.databasePath], stdin: Data())
            #expect(empty.status == 0, "\(empty)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [], "the empty import left a database behind")
        }
    }

    // MARK: Nothing stored into a new path

    /// What is in `dir` besides the log (and reject file) the test wrote.
    private func databaseFiles(_ dir: TempDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("store.sqlite") }.sorted()
    }

    @Test func emptyInputIntoANewPathCreatesNoDatabase() throws {
        try withTempDirectory { dir in
            let log = dir.path("log.ndjson")
            for content in ["", "\n  \r\n\n"] {
                try Data(content.utf8).write(to: URL(fileURLWithPath: log))
                let result = try StoreCtlRunner.run(["import", log, "--db", dir.databasePath])
                #expect(result.status == 0, "\(result)")
                #expect(try databaseFiles(dir) == [], "\(content.debugDescription)")
            }
        }
    }

    /// A rejected import into a new path leaves the database it had to create, migrated and
    /// empty (removing it afterwards could race another process that opened it meanwhile).
    @Test func aRejectedImportIntoANewPathLeavesAnEmptyDatabase() throws {
        try withTempDirectory { dir in
            let log = dir.path("log.ndjson")
            try write(Log.base + ["{not json"], to: log)
            let atomic = try StoreCtlRunner.run(["import", log, "--db", dir.databasePath])
            #expect(atomic.status == 65, "\(atomic)")
            #expect(atomic.stderr.contains("nothing imported"), "\(atomic)")
            #expect(try databaseFiles(dir) == ["store.sqlite"], "one self-contained file, no WAL left")
            for table in ["events", "interactions", "timeline", "disposition_codes", "agent_states"] {
                #expect(try rows(dir.databasePath, "SELECT count(*) FROM \(table)") == 0, "\(table)")
            }
            let transcript = try StoreCtlRunner.run(["transcript", "c1", "--db", dir.databasePath])
            #expect(transcript.status == 65, "\(transcript)")
        }
    }

    /// The import reads past leading blank lines before it opens the store; those bytes are
    /// still the log's first lines (counted in `line N`), from a file or from standard input.
    @Test func leadingBlankLinesAreReadAheadAndStillCounted() throws {
        try withTempDirectory { dir in
            let blank = String(repeating: " \r\n\n", count: 40_000)  // larger than one read
            let input = Data((blank + "{not json\n" + Log.base[0] + "\n").utf8)
            let fromStdin = try StoreCtlRunner.run(["import", "-", "--db", dir.databasePath], stdin: input)
            #expect(fromStdin.status == 65, "\(fromStdin)")
            #expect(fromStdin.stderr.contains("line 80001: malformed JSON"), "\(fromStdin)")

            let log = dir.path("log.ndjson")
            try Data((blank + Log.base.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: log))
            let fromFile = try StoreCtlRunner.run(["import", log, "--db", dir.databasePath])
            #expect(fromFile.status == 0, "\(fromFile)")
            #expect(try rows(dir.databasePath, "SELECT count(*) FROM events") == Int64(Log.base.count))
        }
    }

    @Test func anImportThatStoresSomethingIntoANewPathKeepsTheDatabase() throws {
        try withTempDirectory { dir in
            let log = dir.path("log.ndjson")
            try write(Log.base + ["{not json"], to: log)
            let result = try StoreCtlRunner.run(["import", log, "--db", dir.databasePath, "--reject-file", dir.path("rejects.txt")])
            #expect(result.status == 65, "\(result)")
            #expect(try rows(dir.databasePath, "SELECT count(*) FROM events") == Int64(Log.base.count))
        }
    }

    @Test func nothingStoredIntoAnExistingDatabaseLeavesItByteForByte() throws {
        try withTempDirectory { dir in
            let db = dir.databasePath
            try #require(try StoreCtlRunner.run(["migrate", "--db", db]).status == 0)
            let before = try Data(contentsOf: URL(fileURLWithPath: db))
            let empty = try StoreCtlRunner.run(["import", "-", "--db", db], stdin: Data())
            #expect(empty.status == 0, "\(empty)")
            let rejected = try StoreCtlRunner.run(["import", "-", "--db", db], stdin: Data("{not json\n".utf8))
            #expect(rejected.status == 65, "\(rejected)")
            #expect(FileManager.default.fileExists(atPath: db))
            #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        }
    }

    @Test func malformedInputIsNamedByLine() throws {
        try withTempDirectory { dir in
            let log = dir.path("log.ndjson")
            var bytes = Data("\u{FEFF}".utf8) + Data(Log.base[0].utf8) + Data("\n".utf8)
            bytes += Data([0x7B, 0xFF, 0x7D, 0x0A])  // invalid UTF-8
            bytes += Data(#"{"id":"u1","type":"message","id":"u1"}"#.utf8) + Data("\n".utf8)
            bytes += Data(L("t1", "message", 1, #""interaction":"c1","party":"a1","text":"\ud800""#).utf8) + Data("\n".utf8)
            bytes += Data(#"{"id":"z1","type":"chat.started","at":"2026-03-02T09:00:00+01:00","interaction":"c9","contact":{"id":"x"}}"#.utf8) + Data("\n".utf8)
            bytes += Data(#"{"type":"message","text":"a","text":"b","id":"late"}"#.utf8)
            try bytes.write(to: URL(fileURLWithPath: log))
            let result = try StoreCtlRunner.run(["import", log, "--db", dir.databasePath])
            #expect(result.status == 65)
            // An id read before the fault names the event; one after it cannot be read.
            for expected in ["line 1: malformed JSON: byte order mark", "line 2: malformed JSON: invalid UTF-8",
                             "line 3: event u1: malformed JSON: duplicate key \"id\"", "line 4: event t1: malformed JSON: lone surrogate",
                             "line 5: event z1: invalid time", "line 6: malformed JSON: duplicate key \"text\""] {
                #expect(result.stderr.contains(expected), "missing \(expected) in \(result)")
            }
        }
    }
}
