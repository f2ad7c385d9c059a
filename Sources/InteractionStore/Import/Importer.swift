import Foundation
import InteractionModel
import EventLog

/// How `importEvents` treats bad lines and commits.
public struct ImportOptions: Sendable {
    /// All or nothing (the default): any bad line and nothing is written.
    /// When false, good events are committed and bad lines are reported through `onRejected`.
    public var atomic: Bool
    /// Commit after every N stored events (non-atomic imports only); nil: one transaction.
    public var commitEvery: Int?
    /// Keep the rules' state of open interactions between events (faster; the default).
    /// Turning it off reads everything afresh for each event: a check on the cache.
    package var caching: Bool

    /// Creates options.
    public init(atomic: Bool = true, commitEvery: Int? = nil, caching: Bool = true) {
        self.atomic = atomic
        self.commitEvery = commitEvery
        self.caching = caching
    }
}

/// Progress of a running import, for a progress line or an acknowledgement channel.
public struct ImportProgress: Sendable {
    /// Lines read so far.
    public var lines: Int
    /// Events stored so far (committed only when `committed` is true).
    public var stored: Int
    /// True when this report follows a commit.
    public var committed: Bool
}

private struct AtomicImportRejected: Error {}

extension Store {
    /// Imports an NDJSON event log from a file descriptor (SPEC section 2), streaming.
    ///
    /// - Parameters:
    ///   - fd: where to read the log (a file or stdin).
    ///   - alreadyRead: the log's first bytes, when the caller read them from `fd` already.
    ///   - options: atomic (default) or keep-the-good.
    ///   - onRejected: called for each bad line with its raw bytes (for a reject file).
    ///   - onProgress: called every 10,000 lines and after each commit.
    /// - Returns: counts and the rejected lines.
    /// - Throws: `SQLiteError` (busy, full disk: nothing of the open transaction is kept), `StoreError.fileFailed`.
    public func importEvents(fd: Int32, alreadyRead: [UInt8] = [], options: ImportOptions = ImportOptions(),
                             onRejected: (RejectedLine, UnsafeRawBufferPointer) throws -> Void = { _, _ in },
                             onProgress: (ImportProgress) -> Void = { _ in }) throws -> ImportSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = ImportSummary()
        var reader = LineReader(fd: fd, alreadyRead: alreadyRead)
        try withApplier(caching: options.caching) { applier in
            applier.isolateEvents = !options.atomic
            var sinceCommit = 0
            func process(_ line: UnsafeRawBufferPointer) throws {
                summary.lines += 1
                if summary.lines % 10_000 == 0 { onProgress(ImportProgress(lines: summary.lines, stored: summary.stored, committed: false)) }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }  // blank (counted, skipped)
                do {
                    let event = try EventDecoder.decode(line)
                    switch try applier.apply(event) {
                    case .stored:
                        summary.stored += 1
                        sinceCommit += 1
                    case .duplicate:
                        summary.duplicates += 1
                    }
                } catch {
                    // Bad input or a broken rule rejects the line; anything else (SQLite) aborts.
                    let rejected: RejectedLine
                    switch error {
                    case let error as EventDecodingError:
                        rejected = RejectedLine(line: summary.lines, eventId: error.eventId, reason: error.reason)
                    case let violation as RuleViolation:
                        rejected = RejectedLine(line: summary.lines, eventId: violation.eventId, reason: violation.reason)
                    default:
                        throw error
                    }
                    summary.rejected.append(rejected)
                    try onRejected(rejected, line)
                }
                if !options.atomic, let every = options.commitEvery, sinceCommit >= every {
                    try applier.commitAndContinue()
                    sinceCommit = 0
                    onProgress(ImportProgress(lines: summary.lines, stored: summary.stored, committed: true))
                }
            }
            do {
                try applier.transaction {
                    do { try reader.forEachLine(process) } catch let error as LogReadError { throw StoreError.fileFailed(.readInput, path: "", errno: error.errno) }
                    if options.atomic, !summary.rejected.isEmpty { throw AtomicImportRejected() }
                }
                summary.committed = true
                onProgress(ImportProgress(lines: summary.lines, stored: summary.stored, committed: true))
            } catch is AtomicImportRejected {
                summary.committed = false
            }
        }
        if !summary.committed { summary.stored = 0 }
        summary.elapsedSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }
}
