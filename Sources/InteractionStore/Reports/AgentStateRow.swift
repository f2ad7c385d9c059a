import InteractionModel
/// Time one agent spent in one state on one channel, in `storectl report agents` (SPEC section 3).
public struct AgentStateRow: ReportRow, Equatable {
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

    /// Creates a row.
    package init(agent: String, channel: String, state: AgentState, reason: String? = nil, totalMs: Int64, count: Int) {
        self.agent = agent
        self.channel = channel
        self.state = state
        self.reason = reason
        self.totalMs = totalMs
        self.count = count
    }

    /// The report's columns without `--by-reason`.
    package static let columns = ["agent", "channel", "state", "total_ms", "count"]

    /// The report's columns with `--by-reason`: `reason` after `state`.
    package static let columnsByReason = ["agent", "channel", "state", "reason", "total_ms", "count"]

    /// The row's values in `columns` order.
    package var cells: [Cell] {
        [.text(agent), .text(channel), .text(state.rawValue), .integer(totalMs), .integer(Int64(count))]
    }

    /// The row's values in `columnsByReason` order.
    package var cellsByReason: [Cell] {
        [.text(agent), .text(channel), .text(state.rawValue), .text(reason), .integer(totalMs), .integer(Int64(count))]
    }

    /// The report as a table, with the `reason` column when `byReason`.
    package static func tabular(_ rows: [AgentStateRow], byReason: Bool) -> Tabular {
        byReason ? Tabular(columns: columnsByReason, rows: rows.map(\.cellsByReason)) : Tabular(reportRows: rows)
    }
}
