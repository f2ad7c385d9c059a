import InteractionModel

/// What the console's overview draws from the conference report for one range and agent: the
/// summary, the rows per UTC day and outcome, per target kind and outcome, and the accepted
/// rows' waits — counted over exactly the rows of `conferenceReport(from:to:agent:)`, in one
/// pass and without making the rows (on 100,000 chats the overview needs 40,000 of them for
/// all time, and only these totals).
package struct ConferenceFigures: Sendable, Equatable {
    /// The totals of `report conferences --summary` for the same rows.
    package var summary: ConferenceSummary
    /// Row counts per UTC day of `requested_at` (ms at 00:00 UTC), each in
    /// `RequestOutcome.allCases` order; days without rows are absent.
    package var perDay: [Int64: [Int]]
    /// Row counts per target kind, each in `RequestOutcome.allCases` order; kinds without rows are absent.
    package var byTargetKind: [TargetKind: [Int]]
    /// The `wait_ms` of every accepted row that has one, in ascending order.
    package var acceptedWaits: [Int64]

    /// Figures of no rows: zero counts, no rate, no median.
    package static let empty = ConferenceFigures(
        summary: ConferenceSummary(requested: 0, accepted: 0, declined: 0, timeout: 0, cancelled: 0, pending: 0,
                                   medianWaitMs: nil, autoTransfers: 0, removed: 0),
        perDay: [:], byTargetKind: [:], acceptedWaits: [])

    /// The counts of `kind` in `RequestOutcome.allCases` order (zeros when it has no rows).
    package func counts(of kind: TargetKind) -> [Int] {
        byTargetKind[kind] ?? Array(repeating: 0, count: RequestOutcome.allCases.count)
    }

    /// The counts of the day starting at `dayStart` in `RequestOutcome.allCases` order (zeros when it has no rows).
    package func counts(onDay dayStart: Int64) -> [Int] {
        perDay[dayStart] ?? Array(repeating: 0, count: RequestOutcome.allCases.count)
    }
}
