import ArgumentParser
import Foundation
import InteractionStore

extension StoreCtl {
    /// `storectl import FILE|-`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an NDJSON event log (all or nothing unless --reject-file is given).",
            discussion: """
                Every line is checked. Without --reject-file, any bad line rejects the whole file: nothing is \
                written and every bad line is listed on stderr as `line N: event ID: reason`. With --reject-file F, \
                good events are committed and each bad line is written to F (a `# line N: …` comment, then the line \
                as it was). Re-running an import is safe: repeated events are skipped. Exit 0 when every event was \
                stored or skipped, 65 when any line was rejected, 66 when FILE does not exist.

                With --from genesys-xml|amazon-connect, each FILE (or every *.xml / *.json file below a directory, \
                in name order) is another platform's stored chat transcript: it is converted into events and \
                imported through the same rules, all or nothing (or --reject-file). --dry-run --emit F writes the \
                converted NDJSON events to F instead and leaves the database alone.
                """
        )

        @Argument(help: "The event log, or - for standard input (with --from: transcript files or directories).") var file: [String]
        @OptionGroup var database: DatabaseOptions
        @Option(name: .customLong("reject-file"), help: "Commit the good events and write each bad line, with its reason, to this file.")
        var rejectFile: String?
        @Option(name: .customLong("commit-every"), help: "Commit after every N stored events and report each commit on stderr (`committed: N events through line L`); bad lines are listed but no longer undo the committed batches, so a killed import resumes by running it again.")
        var commitEvery: Int?
        @Flag(help: "No progress or summary on stderr (rejected lines are still listed).") var quiet = false
        @Option(name: .customLong("from"), help: ArgumentHelp("Convert other platforms' transcripts: genesys-xml or amazon-connect.", valueName: "platform"))
        var from: String?
        @Flag(name: .customLong("dry-run"), help: "With --from: convert only; nothing is written to the database.") var dryRun = false
        @Option(name: .customLong("emit"), help: "With --from --dry-run: write the converted NDJSON events to this file.") var emit: String?

        func validate() throws {
            if let commitEvery, commitEvery < 1 { throw ValidationError("--commit-every needs a positive count") }
            try validatePlatformOptions()
        }

        func run() throws {
            if let platform = try platformFormat() {
                try runPlatformImport(platform)
                return
            }
            let file = self.file[0]
            let fd: Int32
            if file == "-" {
                fd = STDIN_FILENO
            } else {
                fd = open(file, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else {
                    let reason = String(cString: strerror(errno))
                    throw CommandFailure(status: errno == ENOENT ? .noInput : .ioError, message: "\(file): \(reason); nothing was imported")
                }
            }
            defer { if fd != STDIN_FILENO { close(fd) } }

            // An empty log is a valid log of zero events and writes nothing (SPEC): not even the
            // database file an import into a new path would create. So the input is read up to
            // its first non-blank byte before the store is opened. (Removing the file afterwards
            // instead could race another process that opened it meanwhile.)
            guard let start = try Self.readPastBlankLines(fd) else {
                try report(ImportSummary(committed: true))
                return
            }
            var rejectSink: OutputFile?
            if let rejectFile { rejectSink = try OutputFile(path: rejectFile) }
            let showProgress = !quiet && Terminal.stderrIsTerminal
            let store = try database.open()
            let outcome = Result {
                try store.importEvents(
                    fd: fd, alreadyRead: start, options: ImportOptions(atomic: rejectFile == nil && commitEvery == nil, commitEvery: commitEvery),
                    onRejected: { rejected, raw in
                        if let sink = rejectSink {
                            try sink.write(Array("# \(rejected.description)\n".utf8))
                            try sink.write(Array(raw))
                            try sink.write([0x0A])
                        } else {
                            Terminal.printError(rejected.description)
                        }
                    },
                    onProgress: { progress in
                        if commitEvery != nil, progress.committed {
                            Terminal.printError("committed: \(progress.stored) events through line \(progress.lines)")
                        } else if showProgress {
                            Terminal.writeError("\r\(progress.lines) lines, \(progress.stored) events…")
                        }
                    })
            }
            let summary = try outcome.get()
            try rejectSink?.close()
            if showProgress { Terminal.writeError("\r\u{1B}[K") }
            try report(summary)
        }

        /// The summary line on stderr; exit 65 when any line was rejected.
        private func report(_ summary: ImportSummary) throws {
            let file = self.file[0]
            let rate = Int(summary.eventsPerSecond.rounded())
            let elapsed = String(format: "%.2f", summary.elapsedSeconds)
            if !summary.committed {
                Terminal.printError("\(file): nothing imported: \(summary.rejected.count) bad line(s) of \(summary.lines); fix them, or use --reject-file to keep the good events")
            } else if !quiet {
                var line = "\(file): \(summary.stored) stored, \(summary.duplicates) skipped as duplicates, \(summary.rejected.count) rejected, in \(elapsed) s (\(rate) events/s)"
                if let rejectFile, !summary.rejected.isEmpty { line += "; rejected lines written to \(rejectFile)" }
                Terminal.printError(line)
            }
            if !summary.rejected.isEmpty { throw CommandFailure(status: .dataError, message: "") }
        }

        /// Reads `fd` until a byte other than a space, tab, CR or LF has been read: the bytes
        /// read so far, or nil when the input ended first (it holds only blank lines).
        /// - Throws: `CommandFailure` (exit 74) on a read error.
        static func readPastBlankLines(_ fd: Int32) throws -> [UInt8]? {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else {
                    throw CommandFailure(status: .ioError, message: "cannot read the input: \(String(cString: strerror(errno))); nothing was imported")
                }
                if count == 0 { return nil }
                bytes.append(contentsOf: chunk[..<count])
                if chunk[..<count].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) { return bytes }
            }
        }
    }
}
