import StoreSQLite
import InteractionModel
/// Turns the current row of an entity's query into the bytes of one format, copying each
/// column's bytes from SQLite straight into the file's buffer: no `String` or cell per value
/// (export streams millions of rows, and per-value allocations were most of its time).
///
/// The bytes are exactly what `JSONWriter`/`Cell.json` and `Tabular.csvField`/`Cell.plainText`
/// write for the same values, so an export reads like every other output of the store.
struct ExportRowEncoder {
    let format: ExportFormat
    let columns: [ExportColumn]
    let redactor: Redactor?
    /// For NDJSON: `{"col0":`, `,"col1":`, … precomputed.
    private let keyPrefixes: [[UInt8]]

    init(format: ExportFormat, columns: [ExportColumn], redactor: Redactor?) {
        self.format = format
        self.columns = columns
        self.redactor = redactor
        keyPrefixes = columns.enumerated().map { index, column in
            Array(((index == 0 ? "{" : ",") + JSONWriter.quote(column.name) + ":").utf8)
        }
    }

    /// The CSV header line (nothing for NDJSON).
    var header: [UInt8] {
        format == .csv ? Array((columns.map { Tabular.csvField($0.name) }.joined(separator: ",") + "\r\n").utf8) : []
    }

    /// Appends the statement's current row to `file`.
    /// - Throws: `StoreError.fileFailed` when the file cannot be written.
    func write(_ row: Statement, to file: ExportFile) throws {
        try file.appendRow { out in
            for (index, column) in columns.enumerated() {
                switch format {
                case .ndjson: out.append(contentsOf: keyPrefixes[index])
                case .csv: if index > 0 { out.append(UInt8(ascii: ",")) }
                }
                write(column.kind, Int32(index), row, &out)
            }
            switch format {
            case .ndjson: out.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
            case .csv: out.append(contentsOf: [0x0D, 0x0A])
            }
        }
    }

    private func write(_ kind: ExportColumn.Kind, _ index: Int32, _ row: Statement, _ out: inout [UInt8]) {
        let json = format == .ndjson
        if row.isNull(index) {
            if json { out.append(contentsOf: Self.null) }
            return
        }
        switch kind {
        case .integer:
            Self.appendDecimal(row.int64(index), to: &out)
        case .bool:
            out.append(contentsOf: row.int64(index) != 0 ? Self.true : Self.false)
        case .time:
            if json { out.append(UInt8(ascii: "\"")) }
            Timestamp.append(row.int64(index), to: &out)
            if json { out.append(UInt8(ascii: "\"")) }
        case .hex:
            if json { out.append(UInt8(ascii: "\"")) }
            _ = row.withBytes(index) { Hex.append($0, to: &out) }
            if json { out.append(UInt8(ascii: "\"")) }
        case .contactName where redactor != nil:
            appendText(Array(Redactor.contactName.utf8)[...], json: json, to: &out)
        case .messageText where redactor != nil:
            let masked = redactor?.redact(row.string(index)) ?? ""
            appendText(Array(masked.utf8)[...], json: json, to: &out)
        case .text, .contactName, .messageText:
            _ = row.withBytes(index) { appendText($0, json: json, to: &out) }
        }
    }

    /// Text as a JSON string literal (as `JSONWriter.quote`) or a CSV field (as `Tabular.csvField`).
    private func appendText<Bytes: Collection>(_ bytes: Bytes, json: Bool, to out: inout [UInt8]) where Bytes.Element == UInt8 {
        if json {
            JSONWriter.appendQuoted(bytes, to: &out)
        } else {
            Tabular.appendCSVField(bytes, to: &out)
        }
    }

    private static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    private static let null = Array("null".utf8)
    private static let `true` = Array("true".utf8)
    private static let `false` = Array("false".utf8)
}
