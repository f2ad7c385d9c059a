import InteractionModel
import InteractionStore

/// How DispositionCode is shown: its columns and cells (the JSON keys, the CSV header, a table).
extension DispositionCode: ReportRow {
    /// The catalog listing's columns.
    package static let columns = ["code", "label", "status", "defined_at", "retired_at"]

    /// The code's cells in `columns` order.
    package var cells: [Cell] {
        [.text(code), .text(label), .text(retiredAt == nil ? "active" : "retired"), .time(definedAt), .time(retiredAt)]
    }
}
