import Foundation
import InteractionModel
import EventLog

/// What happened to one event line given to a `LineImport`.
package enum LineImportOutcome: Sendable, Equatable {
    /// Checked and written (committed with the import's transaction).
    case stored
    /// A repeat of a stored event: skipped.
    case duplicate
    /// Bad input or a broken rule: nothing of it was written.
    case rejected(eventId: String?, reason: String)
}

/// An import fed by its caller, one NDJSON event line at a time, with exactly the semantics of
/// `Store.importEvents(fd:)`: the same decoder, the same rules, all or nothing unless
/// `ImportOptions.atomic` is false, batched commits with `commitEvery`. For importers that
/// produce the log themselves (other platforms' transcripts) rather than read it from a file.
///
/// Lives only inside `Store.importLines`; not `Sendable`.
package struct LineImport: ~Copyable {
    let applier: EventApplier
    let options: ImportOptions
    let onCommit: (Int) -> Void
    /// Events stored so far (0 again when an atomic import was rejected).
    package private(set) var stored = 0
    /// Repeats skipped so far.
    package private(set) var duplicates = 0
    /// Lines and other inputs rejected so far.
    package private(set) var rejected = 0
    private var sinceCommit = 0

    init(applier: EventApplier, options: ImportOptions, onCommit: @escaping (Int) -> Void) {
        self.applier = applier
        self.options = options
        self.onCommit = onCommit
    }

    /// Decodes and applies one event line (its bytes without the line end).
    /// - Returns: stored, duplicate, or rejected with the reason `storectl import` gives.
    /// - Throws: `SQLiteError` (busy, I/O): the import is over and nothing uncommitted is kept.
    package mutating func apply(line: UnsafeRawBufferPointer) throws -> LineImportOutcome {
        let outcome: LineImportOutcome
        do {
            let event = try EventDecoder.decode(line)
            switch try applier.apply(event) {
            case .stored:
                stored += 1
                sinceCommit += 1
                outcome = .stored
            case .duplicate:
                duplicates += 1
                outcome = .duplicate
            }
        } catch let error as EventDecodingError {
            rejected += 1
            outcome = .rejected(eventId: error.eventId, reason: error.reason)
        } catch let violation as RuleViolation {
            rejected += 1
            outcome = .rejected(eventId: violation.eventId, reason: violation.reason)
        }
        if !options.atomic, let every = options.commitEvery, sinceCommit >= every {
            try applier.commitAndContinue()
            sinceCommit = 0
            onCommit(stored)
        }
        return outcome
    }

    /// Applies one event line given as bytes.
    /// - Throws: `SQLiteError`.
    package mutating func apply(line: [UInt8]) throws -> LineImportOutcome {
        try line.withUnsafeBytes { try apply(line: $0) }
    }

    /// Counts a rejection the caller found itself (an input it could not turn into events): in an
    /// all-or-nothing import it undoes the whole import, as a bad line does.
    package mutating func reject() {
        rejected += 1
    }
}

/// What `Store.importLines` did.
package struct LineImportSummary: Sendable, Equatable {
    /// Events written (0 when an all-or-nothing import was rejected).
    package var stored: Int
    /// Repeats skipped.
    package var duplicates: Int
    /// Rejections (lines, and inputs the caller rejected).
    package var rejected: Int
    /// Whether the import's transaction was committed.
    package var committed: Bool
    /// Wall time in seconds.
    package var elapsedSeconds: Double
}

private struct AtomicLineImportRejected: Error {}

extension Store {
    /// Runs an import whose event lines `body` feeds one by one (`LineImport.apply(line:)`), with
    /// the semantics of `importEvents(fd:)`: atomic by default (any rejection and nothing is
    /// written), else the good events are committed, in batches of `commitEvery` when set.
    ///
    /// - Parameters:
    ///   - options: atomic (default), or keep the good ones; batch size.
    ///   - onCommit: called after each batch commit with the events stored so far.
    ///   - body: feeds the lines; an error it throws rolls back what is not yet committed.
    /// - Returns: the counts, and whether the import committed.
    /// - Throws: what `body` throws, `SQLiteError`.
    package func importLines(options: ImportOptions = ImportOptions(), onCommit: @escaping (Int) -> Void = { _ in },
                            _ body: (inout LineImport) throws -> Void) throws -> LineImportSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = LineImportSummary(stored: 0, duplicates: 0, rejected: 0, committed: false, elapsedSeconds: 0)
        try withApplier(caching: options.caching) { applier in
            applier.isolateEvents = !options.atomic
            do {
                try applier.transaction {
                    var session = LineImport(applier: applier, options: options, onCommit: onCommit)
                    try body(&session)
                    summary.stored = session.stored
                    summary.duplicates = session.duplicates
                    summary.rejected = session.rejected
                    if options.atomic, session.rejected > 0 { throw AtomicLineImportRejected() }
                }
                summary.committed = true
            } catch is AtomicLineImportRejected {
                summary.committed = false
                summary.stored = 0
            }
        }
        summary.elapsedSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }
}
