extension Store {
    /// After-call work per ended agent connection to a chat with `from <= left_at < to`
    /// (SPEC section 3, `report agents --acw`). Consultations are not chats here.
    ///
    /// The agent's first chat-channel `agent.state` at or after `left_at` decides: when it is
    /// `after_call_work`, `acwMs` runs from `left_at` to the agent's next change to another
    /// state (a repeated `after_call_work` continues it; nil while none has come); otherwise nil.
    ///
    /// ```swift
    /// let rows = try store.afterCallWorkReport(from: nil, to: nil)
    /// ```
    /// - Parameters:
    ///   - from: inclusive lower bound in ms, nil for no bound.
    ///   - to: exclusive upper bound in ms, nil for no bound.
    /// - Returns: rows ordered by `left_at`, interaction, agent.
    /// - Throws: `SQLiteError`.
    public func afterCallWorkReport(from: Int64?, to: Int64?) throws -> [AfterCallWorkRow] {
        let range = ReportRange(from: from, to: to)
        return try read { db in
            try db.query(AfterCallWorkQueries.report, [range.lower, range.upper]) { row in
                AfterCallWorkRow(interaction: row.string(0), agent: row.string(1), leftAt: row.int64(2), acwMs: row.optionalInt64(3))
            }
        }
    }
}

/// The after-call work report's SQL. Parameters: ?1 lower bound, ?2 upper bound.
enum AfterCallWorkQueries {
    /// Ended connections come from the range on `connections_left`; each state lookup is one
    /// seek on `agent_states_agent` (agent_id, channel, at, id), the row value comparison
    /// giving "after it" in stored order even at equal times.
    static let report = """
        WITH ended AS (
            SELECT c.id, c.interaction_id, c.party_id, c.left_at,
                   (SELECT s.id FROM agent_states AS s
                    WHERE s.agent_id = c.party_id AND s.channel = 'chat' AND s.at >= c.left_at
                    ORDER BY s.at, s.id LIMIT 1) AS first_state
            FROM connections AS c
            JOIN interactions AS i ON i.id = c.interaction_id
            WHERE c.left_at IS NOT NULL AND c.left_at >= ?1 AND c.left_at < ?2
              AND c.party_kind = 'agent' AND i.kind = 'chat'
        )
        SELECT e.interaction_id, e.party_id, e.left_at,
               CASE WHEN f.state = 'after_call_work' THEN
                   (SELECT n.at FROM agent_states AS n
                    WHERE n.agent_id = f.agent_id AND n.channel = f.channel AND (n.at, n.id) > (f.at, f.id)
                      AND n.state <> 'after_call_work'
                    ORDER BY n.at, n.id LIMIT 1) - e.left_at
               END AS acw_ms
        FROM ended AS e
        LEFT JOIN agent_states AS f ON f.id = e.first_state
        ORDER BY e.left_at, e.interaction_id, e.party_id, e.id
        """
}
