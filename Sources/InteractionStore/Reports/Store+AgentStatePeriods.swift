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
            try db.forEach(AgentStatePeriodQueries.changes, [from, to]) { row in
                let agent = row.string(0)
                let channel = row.string(1)
                let state = try row.vocabulary(AgentState.self, 2)
                let reason = row.optionalString(3)
                let at = row.int64(4)
                if let last = periods.last, last.agent.same(agent), last.channel.same(channel) {
                    if last.state == state, last.reason.same(reason) { return }  // a repeat continues the period
                    periods[periods.count - 1].end = at
                }
                periods.append(AgentStatePeriod(agent: agent, channel: channel, state: state, reason: reason, start: at, end: nil))
            }
            return periods
        }
    }
}

/// The state timeline's SQL. Parameters: ?1 lower bound, ?2 upper bound.
enum AgentStatePeriodQueries {
    /// Every agent's last change before the range (one seek each on `agent_states_agent`), then
    /// the changes inside it (a range scan of `agent_states_at`), in timeline order. A change
    /// before the range that repeats the state in effect is found by the fold, not here: the
    /// period it continues started earlier, which only moves the drawn start to the left edge.
    static let changes = """
        WITH timelines AS (SELECT DISTINCT agent_id, channel FROM agent_states),
        opening AS (
            SELECT (SELECT s.id FROM agent_states AS s
                    WHERE s.agent_id = t.agent_id AND s.channel = t.channel AND s.at < ?1
                    ORDER BY s.at DESC, s.id DESC LIMIT 1) AS id
            FROM timelines AS t
        )
        SELECT agent_id, channel, state, reason, at, id FROM agent_states
        WHERE id IN (SELECT id FROM opening WHERE id IS NOT NULL)
        UNION ALL
        SELECT agent_id, channel, state, reason, at, id FROM agent_states
        WHERE at >= ?1 AND at < ?2
        ORDER BY 1, 2, 5, 6
        """
}
