import InteractionModel
import InteractionStore

/// How DispositionCountRow is shown: its columns and cells (the JSON keys, the CSV header, a table).
extension DispositionCountRow: ReportRow {
    /// The report's columns.
    package static let columns = ["code", "label", "count"]

    /// The row's values in `columns` order.
    package var cells: [Cell] { [.text(code), .text(label), .integer(Int64(count))] }
}
