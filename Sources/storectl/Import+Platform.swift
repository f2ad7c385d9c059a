import ArgumentParser
import Foundation
import InteractionStore
import PlatformImport

/// `storectl import FILE… --from genesys-xml|amazon-connect` (SPEC §8).
extension StoreCtl.Import {
    /// The options that belong to one mode only are usage errors in the other (exit 64): without
    /// `--from` the command is exactly the NDJSON import (one FILE or `-`).
    func validatePlatformOptions() throws {
        guard from != nil else {
            if file.count != 1 { throw ValidationError("import takes one event log (FILE or -); several files need --from genesys-xml|amazon-connect") }
            if dryRun || emit != nil { throw ValidationError("--dry-run and --emit need --from genesys-xml|amazon-connect") }
            return
        }
        _ = try platformFormat()
        if file.contains("-") { throw ValidationError("--from reads transcript files or directories, not standard input") }
        if emit != nil, !dryRun { throw ValidationError("--emit needs --dry-run (it writes the converted events instead of importing them)") }
        if dryRun, rejectFile != nil || commitEvery != nil { throw ValidationError("--dry-run writes nothing to the database: --reject-file and --commit-every do not apply") }
    }

    /// The `--from` platform, nil without `--from`.
    /// - Throws: `ValidationError` (exit 64) for an unknown platform.
    func platformFormat() throws -> PlatformFormat? {
        guard let from else { return nil }
        guard let format = PlatformFormat(rawValue: from) else {
            let known = PlatformFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown platform \"\(from)\" for --from (expected one of \(known))")
        }
        return format
    }

    /// Converts the transcripts and imports them (or, with `--dry-run`, only converts them).
    func runPlatformImport(_ format: PlatformFormat) throws {
        let files: [String]
        do {
            files = try TranscriptFiles.expand(file, fileExtension: format.fileExtension)
        } catch {
            throw CommandFailure(status: error.doesNotExist ? .noInput : .ioError, message: "\(error.path): \(error.reason); nothing was imported")
        }
        let label = file.count == 1 ? file[0] : "\(file.count) inputs"
        do {
            if dryRun {
                try dryRunPlatform(format, files: files, label: label)
            } else {
                try importPlatform(format, files: files, label: label)
            }
        } catch let missing as TranscriptFiles.Missing {
            throw CommandFailure(status: missing.doesNotExist ? .noInput : .ioError, message: "\(missing.path): \(missing.reason)")
        }
    }

    private func importPlatform(_ format: PlatformFormat, files: [String], label: String) throws {
        var rejectSink: OutputFile?
        if let rejectFile { rejectSink = try OutputFile(path: rejectFile) }
        let store = try database.open()
        let options = ImportOptions(atomic: rejectFile == nil && commitEvery == nil, commitEvery: commitEvery)
        let summary = try TranscriptImporter(format: format).importFiles(
            files, into: store, options: options,
            onProblem: { problem, line in
                if let sink = rejectSink {
                    try sink.write(Array("# \(problem.description)\n".utf8))
                    if let line {
                        try sink.write(line)
                        try sink.write([0x0A])
                    }
                } else {
                    Terminal.printError(problem.description)
                }
            },
            onCommit: { stored, file in
                Terminal.printError("committed: \(stored) events through \(file)")
            })
        try rejectSink?.close()
        if !summary.committed {
            Terminal.printError("\(label): nothing imported: \(summary.problems) problem(s) in \(files.count) transcript file(s); fix them, or use --reject-file to keep the good events")
        } else if !quiet {
            var line = "\(label): \(summary.transcripts) transcript(s), \(summary.stored) stored, \(summary.duplicates) skipped as duplicates, \(summary.problems) rejected, in \(String(format: "%.2f", summary.elapsedSeconds)) s (\(Int(summary.eventsPerSecond.rounded())) events/s); source records skipped: \(summary.skipped)"
            if let rejectFile, summary.problems > 0 { line += "; rejected events written to \(rejectFile)" }
            Terminal.printError(line)
        }
        if summary.problems > 0 { throw CommandFailure(status: .dataError, message: "") }
    }

    private func dryRunPlatform(_ format: PlatformFormat, files: [String], label: String) throws {
        let sink = try emit.map { try OutputFile(path: $0) }
        var buffer: [UInt8] = []
        let summary = try TranscriptImporter(format: format).convertFiles(
            files,
            onProblem: { Terminal.printError($0.description) },
            emit: { line in
                guard let sink else { return }
                buffer.append(contentsOf: line)
                if buffer.count >= 1 << 20 {
                    try sink.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            })
        if let sink {
            try sink.write(buffer)
            try sink.close()
        }
        if !quiet {
            let written = emit.map { "\(summary.events) events written to \($0)" } ?? "\(summary.events) events"
            Terminal.printError("\(label): \(summary.transcripts) transcript(s) converted, \(written), \(summary.problems) rejected (dry run: nothing imported); source records skipped: \(summary.skipped)")
        }
        if summary.problems > 0 { throw CommandFailure(status: .dataError, message: "") }
    }
}
