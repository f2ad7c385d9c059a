import InteractionModel
/// How many (agent, interaction) pairs ended up with one disposition code, in
/// `storectl report dispositions` (SPEC section 3).
public struct DispositionCountRow: Sendable, Equatable {
    /// The code (retired codes still count).
    public var code: String
    /// The code's label in the catalog.
    public var label: String
    /// Agent–interaction pairs whose latest disposition is this code; always at least 1.
    public var count: Int
}
