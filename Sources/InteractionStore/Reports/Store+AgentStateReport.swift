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
        let lower = from ?? .min
        let upper = to ?? now
        return try read { db in
            try db.query(AgentStateQueries.report, [lower, upper, byReason]) { row in
                AgentStateRow(agent: row.string(0), channel: row.string(1), state: try row.vocabulary(AgentState.self, 2),
                              reason: row.optionalString(3), totalMs: row.int64(4), count: Int(row.int64(5)))
            }
        }
    }
}

/// The agent state report's SQL. Parameters: ?1 lower bound, ?2 upper bound, ?3 split by reason (0/1).
enum AgentStateQueries {
    /// Only the changes from each agent and channel's last one before the range (whose period
    /// reaches into it) up to the end of the range are read, along `agent_states_agent`
    /// (agent_id, channel, at, id), which also gives the window its order. Changes at or after
    /// the end are not needed: a period they would end is clipped at the end anyway.
    /// `IS NOT` compares reasons with NULL as a value. `finished` never exceeds ?2, since every
    /// change read is before it.
    static let report = """
        WITH timelines AS (
            SELECT DISTINCT agent_id, channel FROM agent_states
        ),
        since AS (
            SELECT t.agent_id, t.channel,
                   COALESCE((SELECT MAX(p.at) FROM agent_states AS p
                             WHERE p.agent_id = t.agent_id AND p.channel = t.channel AND p.at < ?1), ?1) AS at
            FROM timelines AS t
        ),
        changes AS (
            SELECT s.agent_id, s.channel, s.state, s.reason, s.at, s.id,
                   LAG(s.state) OVER timeline AS previous_state, LAG(s.reason) OVER timeline AS previous_reason
            FROM since
            JOIN agent_states AS s ON s.agent_id = since.agent_id AND s.channel = since.channel
                                  AND s.at >= since.at AND s.at < ?2
            WINDOW timeline AS (PARTITION BY s.agent_id, s.channel ORDER BY s.at, s.id)
        ),
        periods AS (
            SELECT agent_id, channel, state, reason, at AS started,
                   COALESCE(LEAD(at) OVER (PARTITION BY agent_id, channel ORDER BY at, id), ?2) AS finished
            FROM changes
            WHERE state IS NOT previous_state OR reason IS NOT previous_reason
        )
        SELECT agent_id, channel, state,
               CASE WHEN ?3 AND state = 'not_ready' THEN reason END AS shown_reason,
               SUM(finished - MAX(started, ?1)), COUNT(*)
        FROM periods
        WHERE finished > ?1 OR started >= ?1
        GROUP BY agent_id, channel, state, shown_reason
        ORDER BY agent_id, channel, state, shown_reason
        """
}
