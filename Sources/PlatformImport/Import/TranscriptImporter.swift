import Foundation
import InteractionStore
import EventLog

/// One problem of a platform import: a transcript that could not be converted, or one of its
/// events that the store rejected.
package struct TranscriptProblem: Sendable, Equatable, CustomStringConvertible {
    /// The transcript file.
    package var file: String
    /// The source record the event came from (`message eventId="92" at byte offset 3012`);
    /// nil for a conversion failure.
    package var origin: String?
    /// The converted event's id, when the store rejected one.
    package var eventId: String?
    /// Why (a conversion error names its byte offset or element itself).
    package var reason: String

    /// `FILE: ORIGIN: event ID: reason`, or `FILE: reason`.
    package var description: String {
        var text = file + ": "
        if let origin { text += origin + ": " }
        if let eventId { text += "event \(eventId): " }
        return text + reason
    }
}

/// What a platform import (or dry run) did.
package struct TranscriptImportSummary: Sendable, Equatable {
    /// Transcript files converted.
    package var transcripts = 0
    /// Events converted from them.
    package var events = 0
    /// Events written (0 when an all-or-nothing import was rejected).
    package var stored = 0
    /// Events skipped as repeats of stored ones.
    package var duplicates = 0
    /// Problems: transcripts that did not convert and events the store rejected.
    package var problems = 0
    /// Source records with no counterpart, by kind.
    package var skipped = SkippedRecords()
    /// Whether the import committed (a dry run: whether every transcript converted).
    package var committed = false
    /// Wall time in seconds.
    package var elapsedSeconds = 0.0

    /// Nothing done yet.
    package init() {}

    /// Events per second over the whole run.
    package var eventsPerSecond: Double {
        elapsedSeconds > 0 ? Double(events) / elapsedSeconds : 0
    }
}

/// Converts transcript files and imports their events through the store's rules (SPEC §8):
/// each event goes through `EventEncoder` and the store's NDJSON decoder, so importing a
/// transcript and importing its `--dry-run --emit` output are the same import.
package struct TranscriptImporter {
    /// The platform the files come from.
    package var format: PlatformFormat

    /// An importer of `format` files.
    package init(format: PlatformFormat) {
        self.format = format
    }

    /// Imports `files` into `store`: all or nothing unless `options.atomic` is false (then the
    /// good events are committed, in batches with `commitEvery`).
    /// - Parameters:
    ///   - onProblem: each problem, with the converted event's NDJSON line when the store rejected one.
    ///   - onCommit: after each batch commit: events stored so far and the file being read.
    /// - Throws: `TranscriptFiles.Missing` (a file became unreadable), what the callbacks throw, `SQLiteError`.
    package func importFiles(_ files: [String], into store: Store, options: ImportOptions,
                            onProblem: (TranscriptProblem, [UInt8]?) throws -> Void,
                            onCommit: @escaping (Int, String) -> Void = { _, _ in }) throws -> TranscriptImportSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = TranscriptImportSummary()
        let current = CurrentFile()
        let result = try store.importLines(options: options, onCommit: { onCommit($0, current.path) }) { session in
            try convertEach(files, into: &summary, onFile: { current.path = $0 }, unconvertible: { file, reason in
                session.reject()
                try onProblem(TranscriptProblem(file: file, reason: reason), nil)
            }) { file, converted, line in
                guard case let .rejected(eventId, reason) = try session.apply(line: line) else { return false }
                try onProblem(TranscriptProblem(file: file, origin: converted.origin, eventId: eventId, reason: reason), line)
                return true
            }
        }
        summary.stored = result.stored
        summary.duplicates = result.duplicates
        summary.committed = result.committed
        summary.elapsedSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }

    /// Converts `files` without importing (`--dry-run`): each event's NDJSON line goes to `emit`.
    /// - Throws: `TranscriptFiles.Missing`, what the callbacks throw.
    package func convertFiles(_ files: [String], onProblem: (TranscriptProblem) throws -> Void,
                             emit: ([UInt8]) throws -> Void) throws -> TranscriptImportSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = TranscriptImportSummary()
        try convertEach(files, into: &summary, unconvertible: { file, reason in
            try onProblem(TranscriptProblem(file: file, reason: reason))
        }) { _, _, line in
            line.append(0x0A)
            try emit(line)
            return false
        }
        summary.committed = summary.problems == 0
        summary.elapsedSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }

    /// Reads and converts each of `files` in turn, counting into `summary`: a file that does not
    /// convert goes to `unconvertible` (with the reason), each converted event's NDJSON line
    /// (no newline) to `handle`, which says whether the event was a problem.
    private func convertEach(_ files: [String], into summary: inout TranscriptImportSummary,
                             onFile: (String) -> Void = { _ in },
                             unconvertible: (String, String) throws -> Void,
                             handle: (String, ConvertedEvent, inout [UInt8]) throws -> Bool) throws {
        var line: [UInt8] = []
        line.reserveCapacity(1024)
        for file in files {
            onFile(file)
            let bytes = try TranscriptFiles.read(file)
            let transcript: ConvertedTranscript
            do throws(ConversionError) {
                transcript = try format.convert(bytes)
            } catch {
                summary.problems += 1
                try unconvertible(file, error.description)
                continue
            }
            summary.transcripts += 1
            summary.skipped.add(transcript.skipped)
            for converted in transcript.events {
                summary.events += 1
                line.removeAll(keepingCapacity: true)
                EventEncoder.append(converted.event, to: &line)
                if try handle(file, converted, &line) { summary.problems += 1 }
            }
        }
    }
}

/// The file being read, for the commit callback.
private final class CurrentFile {
    var path = ""
}
