import Foundation

/// Where output goes: data on stdout, diagnostics and progress on stderr.
///
/// Everything is written with write(2) (see `DescriptorWriter`), never `FileHandle.write`,
/// which traps when the reader has gone (`storectl report … | head -1`). SIGPIPE is ignored at
/// startup (`StoreCtl.main`), so a closed pipe shows up here as EPIPE.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes `text` and a newline to stderr. A failure is ignored: there is nowhere left to
    /// report it, and losing a diagnostic must not change what the command does.
    static func printError(_ text: String) {
        writeError(text + "\n")
    }

    /// Writes `text` as is to stderr (progress lines); a failure is ignored.
    static func writeError(_ text: String) {
        _ = DescriptorWriter.writeAll(STDERR_FILENO, text)
    }

    /// Writes `text` as is to stdout.
    /// - Throws: `CommandFailure` with exit 74 when stdout cannot take it (see `stdoutFailure`).
    static func write(_ text: String) throws(CommandFailure) {
        if let failure = DescriptorWriter.writeAll(STDOUT_FILENO, text) { throw stdoutFailure(failure) }
    }

    /// Writes `bytes` as is to stdout.
    /// - Throws: `CommandFailure` with exit 74 when stdout cannot take them.
    static func write(_ bytes: [UInt8]) throws(CommandFailure) {
        if let failure = DescriptorWriter.writeAll(STDOUT_FILENO, bytes) { throw stdoutFailure(failure) }
    }

    /// Writes `text` and a newline to stdout.
    /// - Throws: `CommandFailure` with exit 74 when stdout cannot take it.
    static func print(_ text: String) throws(CommandFailure) {
        try write(text + "\n")
    }

    /// The command stops with exit 74 (I/O error). A reader that went away (EPIPE: `| head`)
    /// is what the user asked for, so it stops silently; any other failure (a full disk
    /// behind `> file`) is named on stderr.
    static func stdoutFailure(_ code: Int32) -> CommandFailure {
        CommandFailure(status: .ioError, message: code == EPIPE ? "" : "cannot write to standard output: \(String(cString: strerror(code)))")
    }
}
