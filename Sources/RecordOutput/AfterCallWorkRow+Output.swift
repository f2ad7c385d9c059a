import InteractionModel
import InteractionStore

/// How AfterCallWorkRow is shown: its columns and cells (the JSON keys, the CSV header, a table).
extension AfterCallWorkRow: ReportRow {
    /// The report's columns.
    package static let columns = ["interaction", "agent", "left_at", "acw_ms"]

    /// The row's values in `columns` order.
    package var cells: [Cell] { [.text(interaction), .text(agent), .time(leftAt), .integer(acwMs)] }
}
