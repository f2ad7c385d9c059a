import InteractionModel
/// One period of an agent's state on a channel, as the console's state timeline draws it.
///
/// A period runs from an `agent.state` to the same agent's next change on the same channel;
/// a repeated identical state (same state and reason) continues it, as in the agent report.
package struct AgentStatePeriod: Sendable, Equatable {
    /// The agent.
    package var agent: String
    /// The channel.
    package var channel: String
    /// The state.
    package var state: AgentState
    /// Its reason code, if any.
    package var reason: String?
    /// When the period started (ms since the epoch); may lie before the range asked for.
    package var start: Int64
    /// When the next change came; nil while the period is still open (the agent's latest state)
    /// or when the next change lies at or after the end of the range asked for.
    package var end: Int64?
}
