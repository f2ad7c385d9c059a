import Foundation

/// What one run of `storectl` produced.
public struct StoreCtlResult: Sendable, CustomStringConvertible {
    /// The exit status (for a signal: the signal number, see `reason`).
    public var status: Int32
    /// Everything written to stdout, decoded as UTF-8.
    public var stdout: String
    /// Everything written to stderr, decoded as UTF-8.
    public var stderr: String
    /// Whether the process exited or was killed by a signal.
    public var reason: Process.TerminationReason

    /// A result with these fields (tests build one for a process they ran themselves).
    public init(status: Int32, stdout: String, stderr: String, reason: Process.TerminationReason) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.reason = reason
    }

    /// For failure messages: status and both streams.
    public var description: String {
        "storectl exited \(status)\(reason == .uncaughtSignal ? " (signal)" : "")\n--- stdout ---\n\(stdout)--- stderr ---\n\(stderr)"
    }
}

/// Failures of the runner itself (not of the command being run).
public enum StoreCtlRunnerError: Error, CustomStringConvertible {
    case binaryNotFound(searched: [String])
    case timedOut(arguments: [String], seconds: Double)

    public var description: String {
        switch self {
        case .binaryNotFound(let searched):
            return "storectl binary not found; build it first (swift build --scratch-path …). Searched: \(searched.joined(separator: ", ")). Set STORECTL_BINARY to override."
        case let .timedOut(arguments, seconds):
            return "storectl \(arguments.joined(separator: " ")) did not finish within \(seconds) s and was terminated"
        }
    }
}

/// Runs the built `storectl` binary as a child process.
///
/// The binary is looked up next to the running test executable (on Linux `swift test` runs
/// `<scratch>/debug/InteractionStorePackageTests.xctest`; on macOS the executable sits inside the
/// `.xctest` bundle), searching a few directories up; `$STORECTL_BINARY` overrides the search.
///
/// Output is captured in temporary files, so a child writing a lot to both streams can never
/// deadlock against the parent. `$STORECTL_DB` is removed from the child's environment unless
/// `environment` sets it, so a developer's own database is never touched.
///
/// ```swift
/// let result = try StoreCtlRunner.run(["migrate", "--db", path])
/// #expect(result.status == 0)
/// ```
public enum StoreCtlRunner {
    /// The `storectl` executable, found once.
    public static func binaryURL() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["STORECTL_BINARY"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var starts: [URL] = [Bundle.main.bundleURL, Bundle.main.executableURL].compactMap { $0 }
        if let argument = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: argument).resolvingSymlinksInPath())
        }
        var searched: [String] = []
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<5 {
                let candidate = directory.appendingPathComponent("storectl")
                searched.append(candidate.path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw StoreCtlRunnerError.binaryNotFound(searched: searched)
    }

    /// Runs `storectl` with `arguments` and waits for it to finish.
    /// - Parameters:
    ///   - arguments: the command line after `storectl`.
    ///   - stdin: bytes fed to standard input (none: `/dev/null`).
    ///   - environment: variables to set (a `nil` value removes the variable) on top of this
    ///     process's environment minus `STORECTL_DB`.
    ///   - workingDirectory: the child's current directory (default: this process's).
    ///   - timeout: seconds before the child is terminated and `timedOut` thrown.
    /// - Throws: `StoreCtlRunnerError` or an error launching the process. A non-zero exit is
    ///   not an error: check `status`.
    public static func run(
        _ arguments: [String],
        stdin: Data? = nil,
        environment: [String: String?] = [:],
        workingDirectory: URL? = nil,
        timeout: Double = 60
    ) throws -> StoreCtlResult {
        let binary = try binaryURL()
        let scratch = try TempDirectory(prefix: "storectl-io")
        defer { scratch.remove() }

        let stdoutURL = scratch.url("stdout")
        let stderrURL = scratch.url("stderr")
        guard FileManager.default.createFile(atPath: stdoutURL.path, contents: nil),
              FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: scratch.path])
        }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["STORECTL_DB"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle

        var stdinHandle: FileHandle?
        if let stdin {
            let stdinURL = scratch.url("stdin")
            try stdin.write(to: stdinURL)
            stdinHandle = try FileHandle(forReadingFrom: stdinURL)
            process.standardInput = stdinHandle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        defer { try? stdinHandle?.close() }

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            process.waitUntilExit()
            throw StoreCtlRunnerError.timedOut(arguments: arguments, seconds: timeout)
        }
        process.waitUntilExit()

        let out = (try? Data(contentsOf: stdoutURL)) ?? Data()
        let err = (try? Data(contentsOf: stderrURL)) ?? Data()
        return StoreCtlResult(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self),
            reason: process.terminationReason
        )
    }
}
