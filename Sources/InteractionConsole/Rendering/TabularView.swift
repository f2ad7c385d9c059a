import InteractionStore
import InteractionModel

/// A store `Tabular` (the rows the JSON and CSV outputs print) as an HTML table: times in UTC,
/// nulls as a dash, interaction ids as links to their transcripts.
enum TabularView {
    /// Columns whose values are interaction ids.
    static let interactionColumns: Set<String> = ["interaction", "consultation"]

    /// The table, with `data-section` naming it for tests.
    static func table(_ tabular: Tabular, section: String) -> HTML {
        guard !tabular.rows.isEmpty else { return "<p class=\"muted\" data-section=\"\(section)\">None.</p>" }
        let header = HTML.joined(tabular.columns.map { "<th>\($0.replacingOccurrences(of: "_", with: " "))</th>" })
        let rows = HTML.joined(tabular.rows.map { row in
            let cells = HTML.joined(zip(tabular.columns, row).map { column, cell in
                "<td data-key=\"\(column)\">\(value(cell, column: column))</td>"
            })
            return "<tr>\(cells)</tr>"
        })
        return "<table data-section=\"\(section)\"><tr>\(header)</tr>\(rows)</table>"
    }

    /// One cell as people read it.
    static func value(_ cell: Cell, column: String) -> HTML {
        switch cell {
        case .null: return "—"
        case .time(let time): return ConsoleFormat.timeElement(time)
        case .text(let text) where interactionColumns.contains(column):
            return "<a class=\"mono\" href=\"\(ConsoleURL.transcript(text))\">\(text)</a>"
        case .text(let text): return "\(text)"
        case .integer(let value): return "\(value)"
        case .number, .bool: return "\(cell.plainText)"
        }
    }

    /// Column `name`'s cell of `row`, or null.
    static func cell(_ tabular: Tabular, _ row: [Cell], _ name: String) -> Cell {
        guard let index = tabular.columns.firstIndex(of: name), index < row.count else { return .null }
        return row[index]
    }
}
