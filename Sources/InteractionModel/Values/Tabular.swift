import Foundation
/// Rows with named columns, rendered as an aligned table, JSON (an array of objects with
/// snake_case keys) or RFC 4180 CSV. Reports produce these; the CLI only picks the format.
package struct Tabular: Sendable, Equatable {
    /// Column names, snake_case (they are the JSON keys and the CSV header).
    package var columns: [String]
    /// The rows, each with one cell per column.
    package var rows: [[Cell]]

    /// Creates a table.
    package init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// A JSON array of objects, one line per row, ending with a newline.
    package func json() -> String {
        guard !rows.isEmpty else { return "[]\n" }
        let objects = rows.map { JSONWriter.object(Array(zip(columns, $0))) }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// RFC 4180 CSV with a header line and CRLF line ends.
    package func csv() -> String {
        var lines = [columns.map(Self.csvField).joined(separator: ",")]
        for row in rows { lines.append(row.map { Self.csvField($0.plainText) }.joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it holds a comma, a quote, CR or LF (quotes doubled).
    package static func csvField(_ text: String) -> String {
        guard needsQuoting(text.utf8) else { return text }
        var out: [UInt8] = []
        appendCSVField(text.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 `bytes` as a CSV field (what `csvField` returns) to `out`.
    package static func appendCSVField<Bytes: Collection>(_ bytes: Bytes, to out: inout [UInt8]) where Bytes.Element == UInt8 {
        guard needsQuoting(bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(34)
        for byte in bytes {
            out.append(byte)
            if byte == 34 { out.append(34) }  // a quote is doubled
        }
        out.append(34)
    }

    /// A field holding a comma, a quote, CR or LF is quoted.
    private static func needsQuoting<Bytes: Sequence>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        bytes.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
    }

    /// Columns padded to their widest value for a terminal; embedded newlines shown as ⏎.
    package func table() -> String {
        let shown = rows.map { $0.map { $0.plainText.replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: "\r", with: "") } }
        var widths = columns.map(\.count)
        for row in shown {
            for (index, value) in row.enumerated() where index < widths.count {
                widths[index] = Swift.max(widths[index], value.count)
            }
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
                .joined(separator: "  ").trailingSpacesTrimmed
        }
        var out = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        out += shown.map(line)
        if rows.isEmpty { out.append("(no rows)") }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    var trailingSpacesTrimmed: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

