import InteractionModel
import InteractionStore

/// How CurrentAgentState is shown: its columns and cells (the JSON keys, the CSV header, a table).
extension CurrentAgentState: ReportRow {
    /// The listing's columns.
    package static let columns = ["agent", "channel", "state", "reason", "since"]

    /// Cells in `columns` order.
    package var cells: [Cell] { [.text(agent), .text(channel), .text(state.rawValue), .text(reason), .time(since)] }
}
