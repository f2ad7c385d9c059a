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

    /// The listing's columns.
    package static let columns = ["agent", "channel", "state", "reason", "since"]

    /// Cells in `columns` order.
    package var cells: [Cell] { [.text(agent), .text(channel), .text(state.rawValue), .text(reason), .time(since)] }
}

extension Store {
    /// The latest state of every agent on every channel, by agent and channel.
    /// - Throws: `SQLiteError`.
    public func currentAgentStates() throws -> [CurrentAgentState] {
        try read { db in
            try db.query("""
                SELECT agent_id, channel, state, reason, at FROM (
                    SELECT agent_id, channel, state, reason, at,
                           row_number() OVER (PARTITION BY agent_id, channel ORDER BY at DESC, id DESC) AS newest
                    FROM agent_states)
                WHERE newest = 1 ORDER BY agent_id, channel
                """) {
                CurrentAgentState(agent: $0.string(0), channel: $0.string(1), state: AgentState(rawValue: $0.string(2)) ?? .loggedIn,
                                  reason: $0.optionalString(3), since: $0.int64(4))
            }
        }
    }
}
