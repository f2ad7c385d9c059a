import InteractionModel
import InteractionStore
/// A row of a report: a fixed list of named columns and one cell per column.
///
/// The CLI only picks the output format; the column names (snake_case, the JSON keys and
/// the CSV header) and their order are defined here, next to the values.
///
/// ```swift
/// let table = Tabular(reportRows: try store.dispositionReport(from: nil, to: nil))
/// print(table.json())
/// ```
package protocol ReportRow: Sendable {
    /// The column names, in output order.
    static var columns: [String] { get }
    /// The row's values, one per column of `columns`, in the same order.
    var cells: [Cell] { get }
}

extension Tabular {
    /// A table of report rows with the row type's columns (an empty report keeps its header).
    package init<Row: ReportRow>(reportRows rows: [Row]) {
        self.init(columns: Row.columns, rows: rows.map(\.cells))
    }
}
