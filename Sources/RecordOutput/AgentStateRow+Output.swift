import InteractionModel
import InteractionStore

/// How AgentStateRow is shown: its columns and cells (the JSON keys, the CSV header, a table).
extension AgentStateRow: ReportRow {
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
