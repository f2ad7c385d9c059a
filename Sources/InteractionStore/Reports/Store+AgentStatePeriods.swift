import InteractionModel
extension Store {
    /// The state periods of every agent and channel that overlap `from <= t < to`, for a
    /// state timeline (the console's agents page).
    ///
    /// Each agent's period in effect at `from` comes first (it starts before `from`), then the
    /// periods that start inside the range. Consecutive identical states (same state and reason)
    /// are one period, as in `agentStateReport`.
    ///
    /// ```swift
    /// let day = try store.agentStatePeriods(from: dayStart, to: dayStart + 86_400_000)
    /// ```
    /// - Parameters:
    ///   - from: inclusive lower bound in ms.
    ///   - to: exclusive upper bound in ms.
    /// - Returns: periods ordered by agent, channel, start.
    /// - Throws: `SQLiteError`.
    package func agentStatePeriods(from: Int64, to: Int64) throws -> [AgentStatePeriod] {
        try read { db in
            var periods: [AgentStatePeriod] = []
            var agent = ""
            var channel = ""
            var fresh = true  // no period of this timeline yet
            try AgentTimelineScan.run(db, lower: from, upper: to) { nextAgent, nextChannel in
                agent = nextAgent
                channel = nextChannel
                fresh = true
            } change: { state, reason, at in
                if !fresh, let last = periods.last {
                    if last.state == state, last.reason.same(reason) { return }  // a repeat continues the period
                    periods[periods.count - 1].end = at
                }
                fresh = false
                periods.append(AgentStatePeriod(agent: agent, channel: channel, state: state, reason: reason, start: at, end: nil))
            }
            return periods
        }
    }
}
