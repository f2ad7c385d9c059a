import StoreSQLite

extension Store {
    /// Every agent timeline with a recorded change, ordered by agent, then channel (as bytes):
    /// what `agentStateReport(timelines:from:to:now:byReason:)` takes, whole or in parts.
    /// - Throws: `SQLiteError`.
    package func agentTimelines() throws -> [AgentTimeline] {
        try read { db in try AgentTimelineScan.timelines(db) }
    }

    /// The agents that have rows in `agentStateReport(from:to:now:byReason:)` for the range
    /// `lower <= t < upper` (nil: none), in the report's order, without folding any period.
    ///
    /// A timeline has a row exactly when the range is not empty and it has a change before
    /// `upper`: a change inside the range starts (or continues) a period that overlaps it, and
    /// the last change before `lower` runs at least to `lower`'s next change, which lies at or
    /// after `lower`. One seek of `agent_states_agent` per timeline.
    /// - Throws: `SQLiteError`.
    package func agentsWithStateRows(from: Int64?, to: Int64?, now: Int64) throws -> [String] {
        let lower = from ?? .min
        let upper = to ?? now
        guard lower < upper else { return [] }
        return try read { db in
            var agents: [String] = []
            for timeline in try AgentTimelineScan.timelines(db) where agents.last.map({ !$0.utf8.elementsEqual(timeline.agent.utf8) }) ?? true {
                if try db.queryOne(AgentTimelineQueries.anyBefore, [timeline.agent, timeline.channel, upper], { _ in true }) != nil {
                    agents.append(timeline.agent)
                }
            }
            return agents
        }
    }
}
