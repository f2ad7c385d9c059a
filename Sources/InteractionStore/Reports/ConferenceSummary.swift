import InteractionModel
/// The totals of `storectl report conferences --summary` (SPEC section 3): one object.
public struct ConferenceSummary: Sendable, Equatable {
    /// Conference requests in the range (every row of the report).
    public var requested: Int
    /// Rows with outcome `accepted`.
    public var accepted: Int
    /// Rows with outcome `declined`.
    public var declined: Int
    /// Rows with outcome `timeout`.
    public var timeout: Int
    /// Rows with outcome `cancelled`.
    public var cancelled: Int
    /// Rows still `pending`.
    public var pending: Int
    /// The median `wait_ms` of the accepted rows (with an even count, the lower middle value); nil when none.
    public var medianWaitMs: Int64?
    /// Rows whose joined agent became the owner automatically (`became_owner` true).
    public var autoTransfers: Int
    /// Rows whose joined agent was deleted from the conference (`end_reason` `removed`).
    public var removed: Int

    /// `accepted ÷ (requested − pending)`: the share of answered requests that were accepted,
    /// in [0, 1] and not rounded; nil when nothing was answered.
    public var acceptRate: Double? {
        let answered = requested - pending
        return answered > 0 ? Double(accepted) / Double(answered) : nil
    }
}
