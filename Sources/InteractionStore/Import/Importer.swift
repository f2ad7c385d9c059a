import EventLog
import InteractionModel

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
        // Reading, decoding and hashing run on the pipeline's thread; the rules and the writes here.
        let pipeline = ImportPipeline(fd: fd, alreadyRead: alreadyRead)
        defer { pipeline.finish() }
        return try runImport(options: options, onProgress: onProgress) { run in
            while let batch = pipeline.next() {
                for line in batch.lines {
                    run.count(through: line.number)
                    // Bad input or a broken rule rejects the line; anything else (SQLite) aborts.
                    let rejected: RejectedLine?
                    switch line {
                    case let .event(_, event, digest, _):
                        rejected = try run.apply(event, digest: digest)
                    case .rejected(let unreadable, _):
                        run.reject(unreadable)
                        rejected = unreadable
                    }
                    if let rejected {
                        try batch.text.withUnsafeBytes { text in
                            try onRejected(rejected, UnsafeRawBufferPointer(rebasing: text[line.bytes]))
                        }
                    }
                    try run.commitIfDue()
                }
                run.count(through: batch.linesRead)
                if case .readFailed(let errno) = batch.end { throw StoreError.fileFailed(.readInput, path: "", errno: errno) }
            }
        }
    }
}
