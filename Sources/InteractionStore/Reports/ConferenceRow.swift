import InteractionModel
/// One conference request in `storectl report conferences` (SPEC section 3).
///
/// Transfer and consultation requests are not rows; a `consultation`-mode conference (a
/// consultation turned into a conference) is.
public struct ConferenceRow: Sendable, Equatable {
    /// The request id.
    public var request: String
    /// The chat the conference was requested in.
    public var interaction: String
    /// When the request was made (ms since the epoch).
    public var requestedAt: Int64
    /// The agent who sent the request.
    public var fromAgent: String
    /// Agent, queue or routing point.
    public var targetKind: TargetKind
    /// The target's id (for a queue or routing point: not the agent who answered).
    public var target: String
    /// Instant, or from a consultation.
    public var mode: ConferenceMode
    /// Accepted, declined, timeout, cancelled, or pending while unanswered.
    public var outcome: RequestOutcome
    /// When it was accepted or released; for a cancel by the chat's end, the end time; nil while pending.
    public var answeredAt: Int64?
    /// `answeredAt − requestedAt`; nil while pending.
    public var waitMs: Int64?
    /// The agent who joined (for a queue or routing point: the agent it was routed to); nil when nobody joined.
    public var joinedAgent: String?
    /// When the joined agent's connection ended; nil while connected or when nobody joined.
    public var leftAt: Int64?
    /// `leftAt − answeredAt`; nil while connected or when nobody joined.
    public var durationMs: Int64?
    /// How the joined agent's connection ended; nil while connected or when nobody joined.
    public var endReason: LeaveReason?
    /// True when the chat passed to the joined agent because the owner left or was removed.
    public var becameOwner: Bool
}
