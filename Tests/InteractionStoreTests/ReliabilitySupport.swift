import Foundation
@testable import InteractionStore
@testable import StoreSQLite
@testable import EventLog

// Helpers shared by the reliability tests (crash, concurrency, full disk, security) and the
// hostile-input tests: child processes that can be killed, database dumps, store invariants.

/// A child process started without waiting: it can be killed (SIGKILL) or waited for.
///
/// Output goes to files in a scratch directory, so a child writing a lot never blocks, and what
/// it wrote before a kill (stderr is unbuffered in `storectl`) can still be read.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched from the test's thread; the semaphore is thread-safe.

    let process: Process
    let arguments: [String]
    private let scratch: TempDirectory
    private let finished = DispatchSemaphore(value: 0)
    private var reaped = false

    /// Starts `executable` with `arguments` (stdin `/dev/null` unless `stdin` is given).
    /// - Throws: when the process cannot be launched.
    init(executable: URL, arguments: [String], environment: [String: String?] = [:], stdin: FileHandle? = nil) throws {
        scratch = try TempDirectory(prefix: "child")
        self.arguments = arguments
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["STORECTL_DB"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        _ = FileManager.default.createFile(atPath: scratch.path("stdout"), contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.path("stderr"), contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: scratch.url("stdout"))
        process.standardError = try FileHandle(forWritingTo: scratch.url("stderr"))
        process.standardInput = stdin ?? FileHandle.nullDevice
        let finished = self.finished
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
    }

    /// Starts `storectl` with `arguments`.
    static func storectl(_ arguments: [String], environment: [String: String?] = [:], stdin: FileHandle? = nil) throws -> ChildProcess {
        try ChildProcess(executable: try StoreCtlRunner.binaryURL(), arguments: arguments, environment: environment, stdin: stdin)
    }

    /// Starts `storectl` through `/bin/sh` with `umask 000` first, so every file it creates
    /// gets the mode it asks for and nothing less.
    static func storectlWithOpenUmask(_ arguments: [String], stdin: FileHandle? = nil) throws -> ChildProcess {
        let binary = try StoreCtlRunner.binaryURL().path
        return try ChildProcess(executable: URL(fileURLWithPath: "/bin/sh"),
                                arguments: ["-c", "umask 000; exec \"$0\" \"$@\"", binary] + arguments, stdin: stdin)
    }

    var pid: Int32 { process.processIdentifier }

    /// What the child wrote to stderr so far.
    var stderrSoFar: String { (try? String(contentsOfFile: scratch.path("stderr"), encoding: .utf8)) ?? "" }

    /// Kills the child with SIGKILL (no cleanup code of its own runs) and reaps it.
    /// - Returns: true when the child was still running and was killed; false when it had exited.
    @discardableResult
    func kill() -> Bool {
        let running = process.isRunning
        if running { Foundation.kill(process.processIdentifier, SIGKILL) }
        _ = try? wait(timeout: 30)
        return running && process.terminationReason == .uncaughtSignal
    }

    /// Waits for the child to exit; kills it and throws after `timeout` seconds.
    /// - Throws: `StoreCtlRunnerError.timedOut` when it did not finish in time.
    @discardableResult
    func wait(timeout: Double = 120) throws -> StoreCtlResult {
        if !reaped {
            if finished.wait(timeout: .now() + timeout) == .timedOut {
                Foundation.kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                reaped = true
                throw StoreCtlRunnerError.timedOut(arguments: arguments, seconds: timeout)
            }
            process.waitUntilExit()
            reaped = true
        }
        let out = (try? Data(contentsOf: scratch.url("stdout"))) ?? Data()
        let err = (try? Data(contentsOf: scratch.url("stderr"))) ?? Data()
        return StoreCtlResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                              stderr: String(decoding: err, as: UTF8.self), reason: process.terminationReason)
    }

    deinit {
        // Never leave a process behind, whatever the test did.
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        scratch.remove()
    }
}

/// Reads a database file without changing it: table dumps and the store's invariants.
enum DatabaseProbe {
    /// Tables that differ between two stores holding the same data (timings, export runs).
    static let bookkeeping: Set<String> = ["schema_migrations", "export_runs", "sqlite_sequence"]

    /// Every table's rows, each rendered exactly (text escaped, blobs in hex), ordered by all
    /// columns: two dumps are equal exactly when the tables hold the same rows.
    /// - Parameter excluding: tables left out (e.g. `bookkeeping` for a canonical dump).
    static func dump(_ path: String, excluding: Set<String> = []) throws -> [String: [String]] {
        let db = try Connection(path: path, mode: .readOnly)
        return try db.readTransaction {
            let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { $0.string(0) }
            var dump: [String: [String]] = [:]
            for table in tables where !excluding.contains(table) {
                let probe = try db.prepare("SELECT * FROM \"\(table)\"")
                let columns = Int(probe.columnCount)
                let order = (1...max(columns, 1)).map(String.init).joined(separator: ", ")
                let statement = try db.prepare("SELECT * FROM \"\(table)\" ORDER BY \(order)")
                var rows: [String] = []
                while try statement.step() {
                    rows.append((0..<statement.columnCount).map { render(statement.value($0)) }.joined(separator: " | "))
                }
                dump[table] = rows
            }
            return dump
        }
    }

    private static func render(_ value: SQLValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let number): return String(number)
        case .real(let number): return "real:\(number)"
        case .text(let text): return text.debugDescription
        case .blob(let bytes): return "x'" + bytes.map { String(format: "%02x", $0) }.joined() + "'"
        }
    }

    /// A short account of how two dumps differ (for failure messages), empty when equal.
    static func difference(_ before: [String: [String]], _ after: [String: [String]]) -> String {
        var lines: [String] = []
        for table in Set(before.keys).union(after.keys).sorted() {
            let old = before[table] ?? [], new = after[table] ?? []
            guard old != new else { continue }
            let added = Set(new).subtracting(old), removed = Set(old).subtracting(new)
            lines.append("\(table): \(old.count) → \(new.count) rows; +\(added.count) −\(removed.count)"
                         + (added.first.map { "; e.g. + \(String($0.prefix(200)))" } ?? "")
                         + (removed.first.map { "; e.g. − \(String($0.prefix(200)))" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    /// True when the file holds a migrated store (a run killed before its first migration
    /// committed leaves an empty file, which `storectl check` calls not migrated).
    static func isMigrated(_ path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let db = try Connection(path: path, mode: .readOnly)
        return try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'") == 1
    }

    /// Number of rows of `table`.
    static func count(_ path: String, _ table: String) throws -> Int64 {
        let db = try Connection(path: path, mode: .readOnly)
        return try db.scalarInt("SELECT count(*) FROM \"\(table)\"") ?? -1
    }

    /// Every stored event id, as UTF-8 bytes (a `Set<String>` would merge canonically
    /// equivalent ids, which the store keeps apart).
    static func eventIds(_ path: String) throws -> Set<[UInt8]> {
        let db = try Connection(path: path, mode: .readOnly)
        return Set(try db.query("SELECT event_id FROM events") { Array($0.string(0).utf8) })
    }

    /// The store's cross-table invariants: each query counts rows that break one. A half-applied
    /// event (ledger row without its effects, a timeline without its connection change, an
    /// ended interaction with a party still connected) shows up here.
    static let invariants: [(name: String, sql: String)] = [
        ("timeline seq not contiguous from 1",
         "SELECT count(*) FROM (SELECT interaction_id FROM timeline GROUP BY interaction_id HAVING min(seq) != 1 OR max(seq) != count(*))"),
        ("next_entry disagrees with the timeline",
         "SELECT count(*) FROM interactions i WHERE next_entry != 1 + (SELECT coalesce(max(seq), 0) FROM timeline t WHERE t.interaction_id = i.id)"),
        ("chain_head is not the last entry's hash",
         "SELECT count(*) FROM interactions i WHERE chain_head IS NOT (SELECT hash FROM timeline t WHERE t.interaction_id = i.id ORDER BY seq DESC LIMIT 1)"),
        ("ended interaction with a connected party",
         "SELECT count(*) FROM interactions i JOIN connections c ON c.interaction_id = i.id WHERE i.status = 'ended' AND c.left_at IS NULL"),
        ("open connections disagree with joined − left/removed entries",
         """
         SELECT count(*) FROM interactions i WHERE (SELECT count(*) FROM connections c WHERE c.interaction_id = i.id AND c.left_at IS NULL)
           != (SELECT count(*) FILTER (WHERE kind = 'joined') - count(*) FILTER (WHERE kind IN ('left', 'removed')) FROM timeline t WHERE t.interaction_id = i.id)
         """),
        ("connections disagree with joined entries",
         "SELECT count(*) FROM interactions i WHERE (SELECT count(*) FROM connections c WHERE c.interaction_id = i.id) != (SELECT count(*) FROM timeline t WHERE t.interaction_id = i.id AND kind = 'joined')"),
        ("pending request in an ended interaction",
         "SELECT count(*) FROM requests r JOIN interactions i ON i.id = r.interaction_id WHERE r.status = 'pending' AND i.status = 'ended'"),
        ("active interaction whose owner is not connected",
         "SELECT count(*) FROM interactions i WHERE i.status = 'active' AND i.owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM connections c WHERE c.interaction_id = i.id AND c.party_id = i.owner_id AND c.left_at IS NULL)"),
        ("message event without exactly one timeline message",
         "SELECT count(*) FROM events e WHERE e.type = 'message' AND (SELECT count(*) FROM timeline t WHERE t.event_seq = e.seq AND t.kind = 'message') != 1"),
        ("agent.state event without its row",
         "SELECT count(*) FROM events e WHERE e.type = 'agent.state' AND NOT EXISTS (SELECT 1 FROM agent_states a WHERE a.event_seq = e.seq)"),
        ("disposition.set event without its row",
         "SELECT count(*) FROM events e WHERE e.type = 'disposition.set' AND NOT EXISTS (SELECT 1 FROM disposition_changes d WHERE d.event_seq = e.seq)"),
        ("start event without its interaction",
         "SELECT count(*) FROM events e WHERE e.type IN ('chat.started', 'consultation.requested') AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.started_seq = e.seq)"),
        ("request event without its request",
         "SELECT count(*) FROM events e WHERE e.type LIKE '%.requested' AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.requested_seq = e.seq)"),
        ("timeline row without its event",
         "SELECT count(*) FROM timeline t WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.seq = t.event_seq)"),
        ("latest_at earlier than a timeline entry",
         "SELECT count(*) FROM interactions i WHERE latest_at < (SELECT coalesce(max(at), 0) FROM timeline t WHERE t.interaction_id = i.id)"),
        ("timeline entry after the interaction ended",
         "SELECT count(*) FROM timeline t JOIN interactions i ON i.id = t.interaction_id WHERE i.ended_at IS NOT NULL AND t.at > i.ended_at"),
    ]

    /// The invariants the database breaks, with the number of offending rows; empty when sound.
    static func invariantViolations(_ path: String) throws -> [String] {
        let db = try Connection(path: path, mode: .readOnly)
        return try db.readTransaction {
            try invariants.compactMap { invariant in
                let offending = try db.scalarInt(invariant.sql) ?? 0
                return offending == 0 ? nil : "\(invariant.name): \(offending) row(s)"
            }
        }
    }
}

/// Event logs for the reliability tests, emitted by `storectl demo --emit` (the realistic
/// generator), with each line's event id so acknowledgements can be checked line by line.
struct DemoLog {
    let path: String
    /// The event id of each line as UTF-8 bytes, in file order (every demo line is an event).
    let ids: [[UInt8]]

    /// Emits a log of `chats` chats for `seed` into `directory`.
    /// - Throws: when the generator fails or a line cannot be read back.
    init(chats: Int, seed: UInt64, in directory: TempDirectory, name: String = "demo.ndjson") throws {
        path = directory.path(name)
        let result = try StoreCtlRunner.run(["demo", "--emit", path, "--interactions", String(chats), "--seed", String(seed)])
        guard result.status == 0 else { throw DemoEmitFailed(result: "\(result)") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        ids = try text.split(separator: "\n").map { line in Array(try EventDecoder.decode(String(line)).id.utf8) }
    }
}

/// A seeded generator (SplitMix64): the same seed gives the same kill schedule.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The `committed: N events through line L` acknowledgements an import printed on stderr.
func acknowledgedLines(_ stderr: String) -> [Int] {
    stderr.split(separator: "\n").compactMap { line -> Int? in
        guard line.hasPrefix("committed: "), let range = line.range(of: " through line ") else { return nil }
        return Int(line[range.upperBound...])
    }
}

/// `storectl demo --emit` failed while a test made its log.
struct DemoEmitFailed: Error, CustomStringConvertible {
    var result: String
    var description: String { "demo --emit failed: \(result)" }
}
