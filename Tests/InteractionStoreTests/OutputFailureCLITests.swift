import Foundation
import Testing
@testable import InteractionStore

/// `storectl` whose stdout or stderr fails: a reader that went away (`| head -1`: EPIPE) or a
/// full disk. Output that cannot be written stops the command with exit 74 — never a crash,
/// never a signal; a failing stderr is ignored.
@Suite struct OutputFailureCLITests {
    /// Which of the child's streams is the pipe whose read end is closed before launch.
    enum ClosedStream { case stdout, stderr }

    /// Runs `storectl` with one stream a pipe nobody reads (its read end closed before the
    /// launch, so the first write fails with EPIPE) and the other captured in a file.
    private func run(_ arguments: [String], closing closed: ClosedStream) throws -> StoreCtlResult {
        let scratch = try TempDirectory(prefix: "storectl-pipe")
        defer { scratch.remove() }
        let captured = scratch.url("captured")
        guard FileManager.default.createFile(atPath: captured.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: captured.path])
        }
        let capture = try FileHandle(forWritingTo: captured)
        defer { try? capture.close() }
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()

        let process = Process()
        process.executableURL = try StoreCtlRunner.binaryURL()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["STORECTL_DB"] = nil
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = closed == .stdout ? pipe : capture
        process.standardError = closed == .stderr ? pipe : capture
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + 60) == .timedOut {
            process.terminate()
            process.waitUntilExit()
            throw StoreCtlRunnerError.timedOut(arguments: arguments, seconds: 60)
        }
        process.waitUntilExit()
        let text = String(decoding: (try? Data(contentsOf: captured)) ?? Data(), as: UTF8.self)
        return StoreCtlResult(status: process.terminationStatus, stdout: closed == .stdout ? "" : text,
                              stderr: closed == .stderr ? "" : text, reason: process.terminationReason)
    }

    /// A database holding the conferenced chat `c1` (and its agents' states).
    private func database(_ dir: TempDirectory) throws -> String {
        let log = dir.path("log.ndjson")
        try Data((Log.conferenced.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: log))
        let result = try StoreCtlRunner.run(["import", log, "--db", dir.databasePath, "--quiet"])
        try #require(result.status == 0, "\(result)")
        return dir.databasePath
    }

    @Test(arguments: [
        ["report", "conferences"], ["report", "conferences", "--summary"], ["report", "agents"], ["report", "dispositions"],
        ["transcript", "c1"], ["transcript", "c1", "--format", "table"], ["audit", "c1"], ["audit", "c1", "--format", "csv"],
        ["agents"], ["dispositions", "list"], ["migrate", "status"], ["check"], ["export", "history"],
        ["demo", "--emit", "-", "--interactions", "50"],
    ])
    func aClosedStdoutExits74WithoutACrash(_ arguments: [String]) throws {
        try withTempDirectory(prefix: "closed-stdout") { dir in
            let db = try database(dir)
            let result = try run(arguments + ["--db", db], closing: .stdout)
            #expect(result.reason == .exit, "\(result)")
            #expect(result.status == 74, "\(result)")
            // The reader went away on purpose (`| head`): nothing to say about it, no backtrace.
            #expect(result.stderr == "", "\(result)")
        }
    }

    @Test func aClosedStdoutDuringAPurgeListingExits74AfterThePurge() throws {
        try withTempDirectory(prefix: "closed-stdout") { dir in
            let db = try database(dir)
            let end = try StoreCtlRunner.run(["import", "-", "--db", db, "--quiet"],
                                             stdin: Data((Log.line("e1", "chat.ended", 40, #""interaction":"c1""#) + "\n").utf8))
            try #require(end.status == 0, "\(end)")
            let result = try run(["purge", "--before", "2027-01-01T00:00:00Z", "--list", "--dry-run", "--db", db], closing: .stdout)
            #expect(result.reason == .exit, "\(result)")
            #expect(result.status == 74, "\(result)")
        }
    }

    @Test func aShellPipeToAReaderThatQuitsIsNoCrash() throws {
        let binary = try StoreCtlRunner.binaryURL().path
        // 2,000 chats of log: far more than a pipe buffer, so the writer meets the closed pipe.
        let script = #""$0" demo --emit - --interactions 2000 | true; echo "status=${PIPESTATUS[0]}""#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, binary]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Small outputs: reading one stream to its end cannot block the other.
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output == "status=74\n" || output == "status=0\n", "\(output) \(errors)")
        #expect(errors == "", "\(errors)")
    }

    @Test func aFullDiskBehindStdoutExits74AndSaysSo() throws {
        guard FileManager.default.isWritableFile(atPath: "/dev/full") else { return }  // Linux only
        try withTempDirectory(prefix: "full-stdout") { dir in
            let db = try database(dir)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", #""$0" transcript c1 --format json --db "$1" > /dev/full"#, try StoreCtlRunner.binaryURL().path, db]
            let err = Pipe()
            process.standardError = err
            try process.run()
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 74, "\(errors)")
            #expect(errors == "cannot write to standard output: No space left on device\n")
        }
    }

    @Test(arguments: [["transcript", "nope"], ["report", "conferences", "--from", "bogus"], ["check"]])
    func aClosedStderrIsIgnored(_ arguments: [String]) throws {
        try withTempDirectory(prefix: "closed-stderr") { dir in
            let db = try database(dir)
            let result = try run(arguments + ["--db", db], closing: .stderr)
            #expect(result.reason == .exit, "\(result)")
            let expected: Int32 = arguments[0] == "transcript" ? 65 : arguments[0] == "report" ? 64 : 0
            #expect(result.status == expected, "\(result)")
        }
    }

    @Test func anImportWithAClosedStderrStillListsNothingAndExits65() throws {
        try withTempDirectory(prefix: "closed-stderr") { dir in
            let log = dir.path("log.ndjson")
            try Data((Log.base + ["{bad", "{worse"]).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: log))
            let result = try run(["import", log, "--db", dir.databasePath], closing: .stderr)
            #expect(result.reason == .exit, "\(result)")
            #expect(result.status == 65, "\(result)")
        }
    }
}
