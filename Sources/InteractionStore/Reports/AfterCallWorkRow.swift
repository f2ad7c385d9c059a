import InteractionModel
/// One ended agent connection to a chat and its after-call work, in `storectl report agents --acw`.
public struct AfterCallWorkRow: Sendable, Equatable {
    /// The chat.
    public var interaction: String
    /// The agent whose connection ended (left, removed, transferred away, or the chat ended).
    public var agent: String
    /// When the connection ended (ms since the epoch).
    public var leftAt: Int64
    /// From `leftAt` to the agent's next state change out of after-call work; nil when the
    /// agent's first chat-channel state at or after `leftAt` is not `after_call_work`, or while
    /// no change out of it has come.
    public var acwMs: Int64?
}
