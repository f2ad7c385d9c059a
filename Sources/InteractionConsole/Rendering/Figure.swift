import InteractionStore
import InteractionModel

/// Marks a figure with the report key and the exact JSON value it shows, so tests (and the
/// browser script) can compare what people read with the matching `/v1/reports/…` response.
enum Figure {
    /// `<dd data-figure="summary.requested" data-value="42">42</dd>`-style attributes.
    static func attributes(_ key: String, _ cell: Cell) -> HTML {
        "data-figure=\"\(key)\" data-value=\"\(cell.json)\""
    }

    /// A table cell holding a figure, right-aligned.
    static func cell(_ key: String, _ cell: Cell, shown: String) -> HTML {
        "<td class=\"number\" \(attributes(key, cell))>\(shown)</td>"
    }
}
