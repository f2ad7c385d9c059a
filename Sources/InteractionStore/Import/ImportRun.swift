import Foundation
import InteractionModel

/// One import in progress, whatever its source (a file's lines, a sequence of `Event`s): the
/// counts, the rejection of events the rules refuse, batched commits and progress reports, so
/// that every entry point imports with exactly the semantics of `storectl import`.
/// `Store.runImport` wraps it in the transaction and the all-or-nothing rule.
struct ImportRun {
    let applier: EventApplier
    let options: ImportOptions
    let onProgress: (ImportProgress) -> Void
    private(set) var summary = ImportSummary()
    private var sinceCommit = 0

    init(applier: EventApplier, options: ImportOptions, onProgress: @escaping (ImportProgress) -> Void) {
        self.applier = applier
        self.options = options
        self.onProgress = onProgress
    }

    /// Counts the next line (blank ones too) or event of the input; reports progress every 10,000.
    mutating func countLine() {
        summary.lines += 1
        if summary.lines % 10_000 == 0 { onProgress(ImportProgress(lines: summary.lines, stored: summary.stored, committed: false)) }
    }

    /// Counts lines up to and including line `number` (1-based), as `countLine` once per line:
    /// the import pipeline hands over only the non-blank lines, each with its number.
    mutating func count(through number: Int) {
        while summary.lines < number { countLine() }
    }

    /// Checks and writes the current line's event.
    /// - Parameter digest: the event's hashes when the caller took them already.
    /// - Returns: the rejection (recorded in the summary) when the rules refuse the event; nil
    ///   when it was stored or skipped as a duplicate.
    /// - Throws: `SQLiteError` (busy, I/O): the import is over.
    mutating func apply(_ event: Event, digest: EventDigest? = nil) throws -> RejectedLine? {
        do {
            switch try applier.apply(event, digest: digest) {
            case .stored:
                summary.stored += 1
                sinceCommit += 1
            case .duplicate:
                summary.duplicates += 1
            }
            return nil
        } catch let violation as RuleViolation {
            let rejected = RejectedLine(line: summary.lines, eventId: violation.eventId, reason: violation.reason)
            summary.rejected.append(rejected)
            return rejected
        }
    }

    /// Records a line the caller could not turn into an event.
    mutating func reject(_ rejected: RejectedLine) {
        summary.rejected.append(rejected)
    }

    /// Commits and opens the next transaction when a batch is full (`commitEvery`, non-atomic only).
    /// - Throws: `SQLiteError`.
    mutating func commitIfDue() throws {
        guard !options.atomic, let every = options.commitEvery, sinceCommit >= every else { return }
        try applier.commitAndContinue()
        sinceCommit = 0
        onProgress(ImportProgress(lines: summary.lines, stored: summary.stored, committed: true))
    }

    /// Marks the end of the input: whether the transaction may commit.
    mutating func finish(committed: Bool) {
        summary.committed = committed
        if !committed { summary.stored = 0 }
    }
}

private struct AtomicImportRejected: Error {}

extension Store {
    /// Runs one import whose input `body` feeds to `ImportRun`, in one write transaction (and
    /// batch commits with `commitEvery`): all or nothing when `options.atomic` (any rejection
    /// rolls everything back), else the good events are kept.
    /// - Returns: the counts, the rejections, whether it committed, and the wall time.
    /// - Throws: what `body` throws, `SQLiteError` (nothing uncommitted is kept).
    func runImport(options: ImportOptions, onProgress: (ImportProgress) -> Void,
                   _ body: (inout ImportRun) throws -> Void) throws -> ImportSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = try withoutActuallyEscaping(onProgress) { onProgress in  // the run ends with this call
            try withApplier(caching: options.caching) { applier in
                applier.isolateEvents = !options.atomic
                var run = ImportRun(applier: applier, options: options, onProgress: onProgress)
                do {
                    try applier.transaction {
                        try body(&run)
                        if options.atomic, !run.summary.rejected.isEmpty { throw AtomicImportRejected() }
                    }
                    run.finish(committed: true)
                    onProgress(ImportProgress(lines: run.summary.lines, stored: run.summary.stored, committed: true))
                } catch is AtomicImportRejected {
                    run.finish(committed: false)
                }
                return run.summary
            }
        }
        summary.elapsedSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }
}
