import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite
@testable import EventLog

/// Concurrency (issue 7, part 2): importers, a reporter and an exporter run as separate
/// processes against one database; none may surface a busy/locked error, and afterwards every
/// event is there, check passes, the reports agree with the data, and the incremental exports
/// taken while writers ran add up to a full export. A lock held past the busy timeout is
/// reported as busy, exit 75.
@Suite struct ReliabilityConcurrencyTests {
    @Test func twoImportersAReporterAndAnExporterAtOnce() throws {
        try withTempDirectory(prefix: "concurrency") { dir in
            let first = try DemoLog(chats: 50, seed: 31, in: dir, name: "first.ndjson")
            let second = try DemoLog(chats: 50, seed: 32, in: dir, name: "second.ndjson")
            let db = dir.databasePath
            let migrate = try StoreCtlRunner.run(["migrate", "--db", db])
            try #require(migrate.status == 0, "\(migrate)")

            let importers = try [first, second].map { log in
                try ChildProcess.storectl(["import", log.path, "--db", db, "--commit-every", "250"])
            }
            // While the importers run: reports and incremental exports, one after another.
            var reads: [StoreCtlResult] = []
            var exports: [String] = []
            var round = 0
            while importers.contains(where: { $0.process.isRunning }) || round < 2 {
                round += 1
                reads.append(try StoreCtlRunner.run(["report", "conferences", "--summary", "--db", db, "--format", "json"], timeout: 120))
                let out = dir.path("export-\(round)")
                let export = try StoreCtlRunner.run(["export", "--out", out, "--db", db, "--quiet"], timeout: 120)
                #expect(export.status == 0, "export during the imports: \(export)")
                if export.status == 0 { exports.append(out) }
            }
            for importer in importers {
                let result = try importer.wait(timeout: 300)
                #expect(result.status == 0 && result.reason == .exit, "importer: \(result)")
                #expect(!result.stderr.contains("busy") && !result.stderr.contains("locked"), "\(result)")
            }
            let busyReads = reads.filter { $0.status != 0 }.count
            for read in reads {
                #expect(read.status == 0, "report during the imports: \(read)")
            }

            // Everything is there and sound.
            #expect(try DatabaseProbe.eventIds(db) == Set(first.ids + second.ids))
            let check = try StoreCtlRunner.run(["check", "--db", db])
            #expect(check.status == 0, "\(check)")
            #expect(try DatabaseProbe.invariantViolations(db).isEmpty)

            // The report agrees with the data.
            let report = try StoreCtlRunner.run(["report", "conferences", "--summary", "--db", db, "--format", "json"])
            try #require(report.status == 0, "\(report)")
            let summary = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any] ?? [:]
            let connection = try Connection(path: db, mode: .readOnly)
            let conferences = try connection.scalarInt("SELECT count(*) FROM requests WHERE kind = 'conference'") ?? -1
            let accepted = try connection.scalarInt("SELECT count(*) FROM requests WHERE kind = 'conference' AND outcome = 'accepted'") ?? -1
            #expect((summary["requested"] as? NSNumber)?.int64Value == conferences, "\(report.stdout)")
            #expect((summary["accepted"] as? NSNumber)?.int64Value == accepted, "\(report.stdout)")

            // Incremental exports taken during the imports, plus one after, hold exactly the
            // rows of a full export: nothing twice, nothing skipped.
            let last = dir.path("export-last")
            let full = dir.path("export-full")
            for (out, extra) in [(last, [String]()), (full, ["--full"])] {
                let export = try StoreCtlRunner.run(["export", "--out", out, "--db", db, "--quiet"] + extra)
                try #require(export.status == 0, "\(export)")
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: full).filter { $0.hasSuffix(".ndjson") }
            #expect(!files.isEmpty)
            for file in files {
                let expected = try Self.lines(full + "/" + file)
                var union: [String] = []
                for out in exports + [last] { union += try Self.lines(out + "/" + file) }
                #expect(union.sorted() == expected.sorted(), "\(file): incremental exports hold \(union.count) rows, the full export \(expected.count)")
            }
            print("concurrency: 2 importers, \(reads.count) reports (\(busyReads) busy), \(exports.count) exports during the imports; \(first.ids.count + second.ids.count) events stored")
        }
    }

    private static func lines(_ path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// A writer that holds the lock for less than the busy timeout only delays an import.
    @Test func importWaitsForAShortLock() throws {
        try withTempDirectory(prefix: "concurrency") { dir in
            let log = dir.path("log.ndjson")
            try Data((Log.base.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: log))
            let db = dir.databasePath
            let holder = try Connection(path: db)
            try Migrator().migrate(holder)
            try holder.execute("BEGIN IMMEDIATE")
            let importer = try ChildProcess.storectl(["import", log, "--db", db])
            usleep(1_000_000)
            try holder.execute("ROLLBACK")
            let result = try importer.wait(timeout: 60)
            #expect(result.status == 0, "\(result)")
            #expect(try DatabaseProbe.count(db, "events") == Int64(Log.base.count))
        }
    }

    /// A lock held past the busy timeout (5 s) ends the import with exit 75 and says the
    /// database is busy; nothing is written, and the same import succeeds once the lock is gone.
    @Test func lockHeldPastTheTimeoutExits75() throws {
        try withTempDirectory(prefix: "concurrency") { dir in
            let log = dir.path("log.ndjson")
            try Data((Log.base.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: log))
            let db = dir.databasePath
            let holder = try Connection(path: db)
            try Migrator().migrate(holder)
            try holder.execute("BEGIN IMMEDIATE")
            let started = Date()
            let blocked = try StoreCtlRunner.run(["import", log, "--db", db], timeout: 60)
            let waited = Date().timeIntervalSince(started)
            try holder.execute("ROLLBACK")
            #expect(blocked.status == 75, "\(blocked)")
            #expect(blocked.stderr.contains("the database is busy"), "\(blocked)")
            #expect(waited >= 4, "gave up after \(waited) s, before the busy timeout")
            #expect(try DatabaseProbe.count(db, "events") == 0)
            let again = try StoreCtlRunner.run(["import", log, "--db", db])
            #expect(again.status == 0, "\(again)")
        }
    }

    /// In WAL mode a reader never needs the write lock: a report and a transcript answer while
    /// a writer holds it for longer than the busy timeout (opening a current store does not
    /// migrate, so it takes no lock).
    @Test func readersDoNotNeedTheWriteLock() throws {
        try withTempDirectory(prefix: "concurrency") { dir in
            let db = dir.databasePath
            do {
                let store = try Store(path: db)
                try store.apply(try Log.conferenced.map { try EventDecoder.decode($0) })
            }
            let holder = try Connection(path: db)
            try holder.execute("BEGIN IMMEDIATE")
            defer { try? holder.execute("ROLLBACK") }
            let reportChild = try ChildProcess.storectl(["report", "conferences", "--summary", "--db", db, "--format", "json"])
            let transcriptChild = try ChildProcess.storectl(["transcript", "c1", "--db", db, "--format", "json"])
            let report = try reportChild.wait(timeout: 60)
            let transcript = try transcriptChild.wait(timeout: 60)
            #expect(report.status == 0, "\(report)")
            #expect(transcript.status == 0, "\(transcript)")
        }
    }
}
