import StoreSQLite
import InteractionModel
/// Thrown inside an all-or-nothing log's savepoint to roll it back when a line was bad; it
/// carries the log's summary (every bad line) out of the savepoint.
private struct LogRejected: Error {
    var summary: ImportSummary
}

extension Store {
    /// Applies several independent requests in one write transaction (group commit), in order,
    /// each inside its own savepoint: a request that is rejected rolls back alone and never
    /// changes what another request of the group stores or is told.
    ///
    /// The rules and line counting are `storectl import`'s; idempotency by event id holds across
    /// requests of one group as across imports. Nothing is acknowledged before this returns:
    /// the outcomes describe what the commit holds.
    ///
    /// ```swift
    /// let commit = try store.applyGroup([.log(DecodedLog(bytes: body), atomic: true), .event(event)])
    /// ```
    /// - Returns: one outcome per request, and what the commit wrote (for live readers).
    /// - Throws: `SQLiteError` when the transaction itself cannot begin or commit (busy, full
    ///   disk, I/O): then nothing of any request is written.
    package func applyGroup(_ requests: [GroupRequest]) throws -> GroupCommit {
        try withApplier { applier in
            try applier.transaction {
                let db = applier.db
                let lastEntry = try db.scalarInt("SELECT coalesce(max(id), 0) FROM timeline") ?? 0
                var outcomes: [GroupOutcome] = []
                outcomes.reserveCapacity(requests.count)
                for request in requests {
                    do {
                        outcomes.append(try applier.isolatedRequest { try Self.apply(request, with: applier) })
                    } catch let rejected as LogRejected {
                        var summary = rejected.summary
                        summary.stored = 0
                        summary.committed = false
                        outcomes.append(.log(summary))
                    } catch let error as SQLiteError {
                        outcomes.append(.failed(error))
                    }
                }
                var touched = Set<String>()
                try db.forEach("SELECT DISTINCT interaction_id FROM timeline WHERE id > ?", [lastEntry]) { touched.insert($0.string(0)) }
                let highest = try db.scalarInt("SELECT coalesce(max(seq), 0) FROM events") ?? 0
                return GroupCommit(outcomes: outcomes, notification: CommitNotification(interactions: touched, highestSeq: highest))
            }
        }
    }

    /// Imports an NDJSON log held in memory (SPEC section 2), exactly as `importEvents(fd:)`
    /// would read the same bytes: the same line numbers, reasons and counts.
    /// - Parameter atomic: all or nothing (default); false keeps the good events.
    /// - Throws: `SQLiteError` (busy, full disk: nothing is kept).
    public func importEvents(bytes: [UInt8], atomic: Bool = true) throws -> ImportSummary {
        let commit = try applyGroup([.log(DecodedLog(bytes: bytes), atomic: atomic)])
        switch commit.outcomes.first {
        case .log(let summary): return summary
        case .failed(let error): throw error
        case .event, .eventRejected, nil: return ImportSummary()
        }
    }

    /// Applies one request inside its savepoint. An all-or-nothing log with a bad line throws
    /// `LogRejected` so that the savepoint rolls back.
    private static func apply(_ request: GroupRequest, with applier: EventApplier) throws -> GroupOutcome {
        switch request {
        case .event(let event):
            applier.isolateEvents = false  // the request's own savepoint isolates it
            do {
                return .event(try applier.apply(event))
            } catch let violation as RuleViolation {
                return .eventRejected(violation)
            }
        case .log(let log, let atomic):
            applier.isolateEvents = !atomic
            var summary = ImportSummary()
            summary.lines = log.lines
            for item in log.items {
                switch item {
                case .rejected(let line):
                    summary.rejected.append(line)
                case .event(let line, let event):
                    do {
                        switch try applier.apply(event) {
                        case .stored: summary.stored += 1
                        case .duplicate: summary.duplicates += 1
                        }
                    } catch let violation as RuleViolation {
                        summary.rejected.append(RejectedLine(line: line, eventId: violation.eventId, reason: violation.reason))
                    }
                }
            }
            if atomic, !summary.rejected.isEmpty { throw LogRejected(summary: summary) }
            summary.committed = true
            return .log(summary)
        }
    }
}
