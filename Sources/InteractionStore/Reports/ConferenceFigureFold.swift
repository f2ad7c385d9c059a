import InteractionModel

/// Counts conference report rows into `ConferenceFigures`, one row at a time, in any order.
///
/// The summary follows `ConferenceQueries.summary` exactly: `requested` counts every row, the
/// outcome counts their rows, the median is the lower middle `wait_ms` of the accepted rows in
/// ascending order with a missing wait first (SQLite sorts NULL first), `auto_transfers` counts
/// `became_owner` rows and `removed` the rows whose joined agent was removed.
struct ConferenceFigureFold {
    private static let outcomes = RequestOutcome.allCases
    private static let dayLength: Int64 = 86_400_000

    private var outcomeCounts = Array(repeating: 0, count: outcomes.count)
    private var perDay: [Int64: [Int]] = [:]
    private var byTargetKind: [TargetKind: [Int]] = [:]
    private var acceptedWaits: [Int64?] = []
    private var autoTransfers = 0
    private var removed = 0

    /// Adds one row.
    mutating func add(requestedAt: Int64, targetKind: TargetKind, outcome: RequestOutcome, waitMs: Int64?,
                      becameOwner: Bool, wasRemoved: Bool) {
        let index = Self.outcomes.firstIndex(of: outcome) ?? 0
        outcomeCounts[index] += 1
        // Floor division: a time before 1970 belongs to the day it falls in.
        let day = requestedAt - ((requestedAt % Self.dayLength) + Self.dayLength) % Self.dayLength
        perDay[day, default: Array(repeating: 0, count: Self.outcomes.count)][index] += 1
        byTargetKind[targetKind, default: Array(repeating: 0, count: Self.outcomes.count)][index] += 1
        if outcome == .accepted { acceptedWaits.append(waitMs) }
        if becameOwner { autoTransfers += 1 }
        if wasRemoved { removed += 1 }
    }

    /// The figures of every row added.
    func finish() -> ConferenceFigures {
        let waits = acceptedWaits.sorted { lhs, rhs in
            switch (lhs, rhs) {
            case (nil, nil), (_, nil): return false
            case (nil, _): return true
            case let (left?, right?): return left < right
            }
        }
        let median = waits.isEmpty ? nil : waits[(waits.count + 1) / 2 - 1]
        func count(_ outcome: RequestOutcome) -> Int { outcomeCounts[Self.outcomes.firstIndex(of: outcome) ?? 0] }
        let summary = ConferenceSummary(
            requested: outcomeCounts.reduce(0, +), accepted: count(.accepted), declined: count(.declined), timeout: count(.timeout),
            cancelled: count(.cancelled), pending: count(.pending), medianWaitMs: median, autoTransfers: autoTransfers, removed: removed)
        return ConferenceFigures(summary: summary, perDay: perDay, byTargetKind: byTargetKind, acceptedWaits: waits.compactMap { $0 })
    }
}
