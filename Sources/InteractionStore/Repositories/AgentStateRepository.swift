import InteractionModel
/// An agent's current state on a channel.
public struct CurrentAgentState: Sendable, Equatable {
    /// The agent.
    public var agent: String
    /// The channel.
    public var channel: String
    /// The latest state.
    public var state: AgentState
    /// Its reason code, if any.
    public var reason: String?
    /// Since when.
    public var since: Int64
}

extension Store {
    /// The latest state of every agent on every channel, by agent and channel (one index seek
    /// per timeline: `AgentTimelineQueries`).
    /// - Throws: `SQLiteError`.
    public func currentAgentStates() throws -> [CurrentAgentState] {
        try read { db in
            try db.query(AgentTimelineQueries.latest) {
                try CurrentAgentState(agent: $0.string(0), channel: $0.string(1), state: $0.vocabulary(2, AgentState.self, table: "agent_states", column: "state"),
                                  reason: $0.optionalString(3), since: $0.int64(4))
            }
        }
    }
}
