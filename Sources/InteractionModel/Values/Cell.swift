/// One value of a report row, as every output format sees it.
package enum Cell: Sendable, Equatable {
    /// A value that does not exist: JSON null, an empty CSV field.
    case null
    /// Text.
    case text(String)
    /// An integer (durations in milliseconds, counts).
    case integer(Int64)
    /// A fraction (rates).
    case number(Double)
    /// A boolean, always true or false.
    case bool(Bool)
    /// A time in milliseconds, shown as `YYYY-MM-DDTHH:MM:SS.sssZ`.
    case time(Int64)

    /// Text or null from an optional string.
    package static func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .null }
    /// Integer or null from an optional integer.
    package static func integer(_ value: Int64?) -> Cell { value.map(Cell.integer) ?? .null }
    /// Time or null from optional milliseconds.
    package static func time(_ value: Int64?) -> Cell { value.map(Cell.time) ?? .null }

    /// The value as plain text (tables and CSV); null is empty.
    package var plainText: String {
        switch self {
        case .null: return ""
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .number(let value): return JSONWriter.number(value)
        case .bool(let value): return value ? "true" : "false"
        case .time(let value): return Timestamp.format(value)
        }
    }

    /// The value as a JSON literal.
    package var json: String {
        switch self {
        case .null: return "null"
        case .text(let text): return JSONWriter.quote(text)
        case .integer(let value): return String(value)
        case .number(let value): return JSONWriter.number(value)
        case .bool(let value): return value ? "true" : "false"
        case .time(let value): return JSONWriter.quote(Timestamp.format(value))
        }
    }
}
