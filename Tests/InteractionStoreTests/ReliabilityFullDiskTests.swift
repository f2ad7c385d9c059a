import Foundation
import Testing
@testable import InteractionStore
@testable import InteractionModel
@testable import StoreSQLite

/// Full disk and I/O errors (issue 7, part 3). The database's size limit (`PRAGMA
/// max_page_count` on the store's writer) stands in for a full disk at library level; a file
/// size limit (`ulimit -f`) makes the real `storectl` hit EFBIG on the WAL. Either way the
/// import fails with exit status 74, the database is unchanged (or keeps exactly the batches it
/// acknowledged) and passes check, and the same import succeeds once there is room.
@Suite struct ReliabilityFullDiskTests {
    /// Imports `log` through the library, returning the error it threw (nil on success).
    private static func importFile(_ store: Store, _ log: String, options: ImportOptions = ImportOptions(),
                                   acknowledged: inout [Int]) throws -> SQLiteError? {
        let fd = open(log, O_RDONLY | O_CLOEXEC)
        try #require(fd >= 0)
        defer { close(fd) }
        var lines: [Int] = []
        defer { acknowledged = lines }
        do {
            let summary = try store.importEvents(fd: fd, options: options, onProgress: { progress in
                if progress.committed { lines.append(progress.lines) }
            })
            #expect(summary.rejected.isEmpty, "\(summary.rejected.prefix(3))")
            return nil
        } catch let error as SQLiteError {
            return error
        }
    }

    private static func setPageLimit(_ store: Store, extra: Int64?) throws {
        try store.withWriter { db in
            if let extra {
                let pages = try db.scalarInt("PRAGMA page_count") ?? 0
                _ = try db.scalarInt("PRAGMA max_page_count = \(pages + extra)")
            } else {
                _ = try db.scalarInt("PRAGMA max_page_count = 1073741823")
            }
        }
    }

    @Test func atomicImportThatRunsOutOfSpaceChangesNothing() throws {
        try withTempDirectory(prefix: "fulldisk") { dir in
            let earlier = try DemoLog(chats: 3, seed: 40, in: dir, name: "earlier.ndjson")
            let log = try DemoLog(chats: 30, seed: 41, in: dir)
            let db = dir.databasePath
            let store = try Store(path: db)
            var acknowledged: [Int] = []
            let first = try Self.importFile(store, earlier.path, acknowledged: &acknowledged)
            #expect(first.map { "\($0)" } == nil)
            let before = try DatabaseProbe.dump(db)

            try Self.setPageLimit(store, extra: 16)
            let failure = try #require(try Self.importFile(store, log.path, acknowledged: &acknowledged), "the import did not run out of space")
            #expect(failure.code ~= .full, "\(failure)")
            #expect(failure.category == .io)
            #expect(failure.userMessage.contains("full"), "\(failure.userMessage)")
            let after = try DatabaseProbe.dump(db)
            #expect(after == before, "a failed import wrote: \(DatabaseProbe.difference(before, after))")
            #expect(try store.check().problems.isEmpty)
            let check = try StoreCtlRunner.run(["check", "--db", db])
            #expect(check.status == 0, "\(check)")

            try Self.setPageLimit(store, extra: nil)
            let retry = try Self.importFile(store, log.path, acknowledged: &acknowledged)
            #expect(retry.map { "\($0)" } == nil)
            #expect(try DatabaseProbe.eventIds(db) == Set(earlier.ids + log.ids))
            #expect(try store.check().problems.isEmpty)
        }
    }

    @Test func batchedImportKeepsWhatItAcknowledgedAndResumes() throws {
        try withTempDirectory(prefix: "fulldisk") { dir in
            let log = try DemoLog(chats: 30, seed: 42, in: dir)
            let db = dir.databasePath
            let store = try Store(path: db)
            try Self.setPageLimit(store, extra: 64)
            var acknowledged: [Int] = []
            let failure = try #require(try Self.importFile(store, log.path, options: ImportOptions(atomic: false, commitEvery: 100), acknowledged: &acknowledged),
                                       "the import did not run out of space")
            #expect(failure.category == .io, "\(failure)")
            #expect(!acknowledged.isEmpty, "no batch was committed before the limit")
            let stored = try DatabaseProbe.eventIds(db)
            let through = acknowledged.max() ?? 0
            #expect(log.ids.prefix(through).allSatisfy(stored.contains), "acknowledged events missing")
            #expect(stored.count == through, "the failed batch left \(stored.count - through) event(s) behind")
            #expect(try DatabaseProbe.invariantViolations(db).isEmpty)
            #expect(try store.check().problems.isEmpty)

            try Self.setPageLimit(store, extra: nil)
            let resumed = try Self.importFile(store, log.path, options: ImportOptions(atomic: false, commitEvery: 100), acknowledged: &acknowledged)
            #expect(resumed.map { "\($0)" } == nil)
            #expect(try DatabaseProbe.eventIds(db) == Set(log.ids))
            // The resumed store equals an uninterrupted import.
            let reference = dir.path("reference.sqlite")
            let straight = try StoreCtlRunner.run(["import", log.path, "--db", reference])
            try #require(straight.status == 0, "\(straight)")
            #expect(try DatabaseProbe.dump(db, excluding: DatabaseProbe.bookkeeping) == DatabaseProbe.dump(reference, excluding: DatabaseProbe.bookkeeping))
        }
    }

    /// `storectl import` under a file size limit: the WAL cannot grow (EFBIG).
    /// - Parameter ignoreSignal: ignore SIGXFSZ first, as `storectl` itself should.
    private static func importUnderFileSizeLimit(ignoreSignal: Bool) throws -> (result: StoreCtlResult, unchanged: Bool, check: StoreCtlResult, again: StoreCtlResult) {
        try withTempDirectory(prefix: "fulldisk") { dir in
            let log = try DemoLog(chats: 40, seed: 43, in: dir)
            let db = dir.databasePath
            let migrate = try StoreCtlRunner.run(["migrate", "--db", db])
            try #require(migrate.status == 0, "\(migrate)")
            let before = try DatabaseProbe.dump(db)
            let size = (try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
            // 512-byte blocks (POSIX sh); room for the database and about 256 KB of WAL.
            let blocks = (size + 262_144) / 512
            let binary = try StoreCtlRunner.binaryURL().path
            let script = "ulimit -f \(blocks); " + (ignoreSignal ? "trap '' XFSZ; " : "") + "exec \"$0\" \"$@\""
            // A signal ignored by the test runner stays ignored in its children (and sh cannot
            // reset it), so the default action is restored explicitly with GNU env.
            let shell = ["/bin/sh", "-c", script, binary, "import", log.path, "--db", db]
            let result = try (ignoreSignal
                ? ChildProcess(executable: URL(fileURLWithPath: "/bin/sh"), arguments: Array(shell.dropFirst()))
                : ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["--default-signal=XFSZ"] + shell)).wait(timeout: 120)
            let unchanged = try DatabaseProbe.dump(db) == before
            let check = try StoreCtlRunner.run(["check", "--db", db])
            let again = try StoreCtlRunner.run(["import", log.path, "--db", db])
            return (result, unchanged, check, again)
        }
    }

    @Test func fileSizeLimitFailsTheImportWith74() throws {
        let run = try Self.importUnderFileSizeLimit(ignoreSignal: true)
        #expect(run.result.reason == .exit && run.result.status == 74, "\(run.result)")
        #expect(run.result.stderr.contains("I/O error") || run.result.stderr.contains("full"), "\(run.result)")
        #expect(run.unchanged, "the failed import changed the database")
        #expect(run.check.status == 0, "\(run.check)")
        #expect(run.again.status == 0, "\(run.again)")
    }

    /// True when `/usr/bin/env --default-signal` exists (GNU coreutils 8.31 or later).
    static let canRestoreDefaultSignals: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=XFSZ", "true"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: canRestoreDefaultSignals, "needs GNU env --default-signal"))
    func fileSizeLimitIsNotASignal() throws {
        // SIGXFSZ's default action kills the process; storectl ignores it at start, so a file
        // size limit surfaces as EFBIG → SQLITE_IOERR → exit 74, as with `trap '' XFSZ`.
        let run = try Self.importUnderFileSizeLimit(ignoreSignal: false)
        #expect(run.result.reason == .exit && run.result.status == 74, "\(run.result)")
        #expect(run.unchanged, "the killed import changed the database")
        #expect(run.check.status == 0, "\(run.check)")
        #expect(run.again.status == 0, "\(run.again)")
    }
}
