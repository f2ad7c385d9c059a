import InteractionModel
/// Time one agent spent in one state on one channel, in `storectl report agents` (SPEC section 3).
public struct AgentStateRow: Sendable, Equatable {
    /// The agent.
    public var agent: String
    /// The channel (`chat` unless the event named another).
    public var channel: String
    /// The state.
    public var state: AgentState
    /// With `byReason`, the `not_ready` reason (nil for no reason); always nil otherwise.
    public var reason: String?
    /// The periods' milliseconds inside the range.
    public var totalMs: Int64
    /// The periods that overlap the range (zero-length ones included).
    public var count: Int
}
