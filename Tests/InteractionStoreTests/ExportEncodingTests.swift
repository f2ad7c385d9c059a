import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite
@testable import InteractionModel
@testable import RecordOutput

/// The export writes column bytes straight from SQLite; these tests hold it to the bytes the
/// store's other outputs write for the same values (`Cell.json` / `JSONWriter` for NDJSON,
/// `Cell.plainText` / `Tabular.csvField` for CSV), on values chosen to need escaping.
@Suite struct ExportEncodingTests {
    @Test(arguments: [(ExportFormat.ndjson, false), (.csv, false), (.ndjson, true), (.csv, true)])
    func everyFileEqualsTheCellRendering(format: ExportFormat, redact: Bool) throws {
        try withTempDirectory(prefix: "encoding") { dir in
            let store = try Store(path: dir.databasePath)
            var log = ExportTestLog(prefix: "enc")
            log.defineCode("RESOLVED", "Resolved")
            log.agentState("agent.kim", "ready")
            let awkward = ["comma, and \"quotes\"", "line one\nline two", "windows\r\nline", "tab\there", "", "back\\slash",
                           "émoji 🎧 and ü", "nul \u{0}inside", "\u{1}\u{1f}\u{7f}", "mail dana@example.com or +1 415 555 0100"]
            log.awkwardChat(messages: awkward, notReadyReason: "lunch, \"late\"")
            try store.applyLines(log.takeBatch())

            let out = dir.path("out")
            _ = try store.export(ExportOptions(directory: out, format: format, full: true, redact: redact))
            let redactor = redact ? Redactor() : nil
            for entity in ExportEntity.all {
                let written = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(entity.fileName(format)))
                let expected = try reference(entity, store: store, format: format, redactor: redactor)
                #expect(String(decoding: written, as: UTF8.self) == expected, "\(entity.name).\(format.fileExtension)")
            }
        }
    }

    /// The file as the cell-based renderers write it.
    private func reference(_ entity: ExportEntity, store: Store, format: ExportFormat, redactor: Redactor?) throws -> String {
        let rows = try store.read { db in
            try db.query(entity.sql, [Int64(0), Int64.max]) { row in
                entity.columns.enumerated().map { index, column in cell(column.kind, row, Int32(index), redactor) }
            }
        }
        switch format {
        case .ndjson:
            return rows.map { JSONWriter.object(Array(zip(entity.columnNames, $0))) + "\n" }.joined()
        case .csv:
            let lines = [entity.columnNames.map(Tabular.csvField)] + rows.map { $0.map { Tabular.csvField($0.plainText) } }
            return lines.map { $0.joined(separator: ",") + "\r\n" }.joined()
        }
    }

    private func cell(_ kind: ExportColumn.Kind, _ row: Statement, _ index: Int32, _ redactor: Redactor?) -> Cell {
        if row.isNull(index) { return .null }
        switch kind {
        case .text: return .text(row.string(index))
        case .integer: return .integer(row.int64(index))
        case .time: return .time(row.int64(index))
        case .bool: return .bool(row.int64(index) != 0)
        case .hex: return .text(row.blob(index).hexString)
        case .contactName: return .text(redactor == nil ? row.string(index) : Redactor.contactName)
        case .messageText: return .text(redactor.map { $0.redact(row.string(index)) } ?? row.string(index))
        }
    }
}
