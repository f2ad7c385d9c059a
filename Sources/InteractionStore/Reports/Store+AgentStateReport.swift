import InteractionModel
import StoreSQLite

extension Store {
    /// Time per agent, channel and state within `from <= t < to` (SPEC section 3, `report agents`).
    ///
    /// A period runs from an `agent.state` to the same agent's next one on the same channel
    /// (ties in time keep the order they were stored in). A repeated identical state (same
    /// state and same reason) continues the period; a change of reason starts a new one; a
    /// zero-length period counts. Periods overlapping the range count and are clipped to it;
    /// the open last period runs to `to`, or to `now` when `to` is nil.
    ///
    /// ```swift
    /// let rows = try store.agentStateReport(from: nil, to: nil, now: nowMs, byReason: true)
    /// ```
    /// - Parameters:
    ///   - from: inclusive lower bound in ms, nil for no bound.
    ///   - to: exclusive upper bound in ms, nil for `now`.
    ///   - now: the current time in ms: where open periods end without `to`.
    ///   - byReason: split `not_ready` by reason (rows carry `reason`); otherwise one `not_ready` row.
    /// - Returns: rows ordered by agent, channel, state (and reason).
    /// - Throws: `SQLiteError`.
    public func agentStateReport(from: Int64?, to: Int64?, now: Int64, byReason: Bool) throws -> [AgentStateRow] {
        try read { db in try Self.agentStateRows(db, timelines: try AgentTimelineScan.timelines(db), from: from, to: to, now: now, byReason: byReason) }
    }

    /// The rows of `agentStateReport(from:to:now:byReason:)` for `timelines` only (each from
    /// `agentTimelines()`), in the order given: the report's rows are the rows of its
    /// timelines one after another, so parts of the timelines read on separate readers and
    /// concatenated in order give the whole report.
    /// - Throws: `SQLiteError`.
    package func agentStateReport(timelines: [AgentTimeline], from: Int64?, to: Int64?, now: Int64,
                                  byReason: Bool) throws -> [AgentStateRow] {
        try read { db in try Self.agentStateRows(db, timelines: timelines, from: from, to: to, now: now, byReason: byReason) }
    }

    private static func agentStateRows(_ db: Connection, timelines: [AgentTimeline], from: Int64?, to: Int64?, now: Int64,
                                       byReason: Bool) throws -> [AgentStateRow] {
        let lower = from ?? .min
        let upper = to ?? now
        var fold = AgentPeriodFold(lower: lower, upper: upper, byReason: byReason)
        try AgentTimelineScan.run(db, timelines: timelines, lower: lower, upper: upper) { agent, channel in
            fold.begin(agent: agent, channel: channel)
        } change: { state, reason, at in
            fold.add(state: state, reason: reason, at: at)
        }
        return fold.finish()
    }
}

/// Folds one agent timeline after another into per-state totals and period counts.
///
/// A period is a run of consecutive changes with the same state and reason; it runs from
/// the run's first change to the next change (or to `upper`). It counts when it overlaps
/// `[lower, upper)` — a zero-length period counts when it lies at or after `lower` — and adds
/// its part inside the range to the total.
struct AgentPeriodFold {
    let lower: Int64
    let upper: Int64
    let byReason: Bool

    private struct Key: Equatable {
        var state: AgentState
        var reason: String?
    }

    private var agent: String?
    private var channel: String?
    private var runState: AgentState?
    private var runReason: String?
    private var runStart: Int64 = 0
    /// The timeline's totals: a handful of states and reasons, searched in place (hashing a key
    /// per period cost more than the search).
    private var totals: [(key: Key, total: Int64, count: Int)] = []
    private var rows: [AgentStateRow] = []

    init(lower: Int64, upper: Int64, byReason: Bool) {
        self.lower = lower
        self.upper = upper
        self.byReason = byReason
    }

    /// Starts the next timeline (its changes follow through `add`), finishing the one before.
    mutating func begin(agent: String, channel: String) {
        closeRun(at: upper)
        flushTimeline()
        self.agent = agent
        self.channel = channel
    }

    /// The timeline's next change, in timeline order.
    mutating func add(state: AgentState, reason: String?, at: Int64) {
        if let runState {
            if state == runState && reason.same(runReason) { return }  // a repeated identical state continues the period
            closeRun(at: at)
        }
        runState = state
        runReason = reason
        runStart = at
    }

    mutating func finish() -> [AgentStateRow] {
        closeRun(at: upper)
        flushTimeline()
        return rows
    }

    private mutating func closeRun(at end: Int64) {
        guard let state = runState else { return }
        runState = nil
        let overlaps = runStart < upper && (end > lower || (runStart == end && runStart >= lower))
        guard overlaps else { return }
        let key = Key(state: state, reason: byReason && state == .notReady ? runReason : nil)
        let inside = Swift.max(0, Swift.min(end, upper) - Swift.max(runStart, lower))
        if let index = totals.firstIndex(where: { $0.key == key }) {
            totals[index].total += inside
            totals[index].count += 1
        } else {
            totals.append((key, inside, 1))
        }
    }

    /// Emits the finished timeline's rows ordered by state, then reason (null first), as bytes.
    private mutating func flushTimeline() {
        guard let agent, let channel else { return }
        let ordered = totals.sorted { lhs, rhs in
            if lhs.key.state != rhs.key.state {
                return lhs.key.state.rawValue.utf8.lexicographicallyPrecedes(rhs.key.state.rawValue.utf8)
            }
            switch (lhs.key.reason, rhs.key.reason) {
            case (nil, _): return rhs.key.reason != nil
            case (_, nil): return false
            case let (left?, right?): return left.utf8.lexicographicallyPrecedes(right.utf8)
            }
        }
        for entry in ordered {
            rows.append(AgentStateRow(agent: agent, channel: channel, state: entry.key.state, reason: entry.key.reason,
                                      totalMs: entry.total, count: entry.count))
        }
        totals.removeAll(keepingCapacity: true)
    }
}
