/// One agent timeline: the changes of one agent on one channel (SPEC section 3, `report agents`).
///
/// The agent state report folds timeline after timeline and never carries anything from one to
/// the next, so a caller can split the timelines into parts, read each part on its own reader
/// connection, and concatenate the parts' rows in timeline order to get the report's rows.
package struct AgentTimeline: Sendable, Equatable {
    /// The agent.
    package var agent: String
    /// The channel.
    package var channel: String
}
