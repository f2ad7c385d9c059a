import InteractionModel
import EventLog
/// One recorded export run (`storectl export history`).
package struct ExportRun: Sendable, Equatable {
    /// The run's id, in order of recording.
    package var id: Int64
    /// When the run started (milliseconds since the epoch).
    package var startedAt: Int64
    /// When the run was recorded.
    package var finishedAt: Int64
    /// The window's lower bound (exclusive) in the change sequence.
    package var fromSeq: Int64
    /// The window's upper bound (inclusive).
    package var toSeq: Int64
    /// The files' format.
    package var format: ExportFormat
    /// True for a `--full` run (which does not move the watermark).
    package var full: Bool
    /// True for a `--redact` run.
    package var redacted: Bool
    /// Where it was written (absolute).
    package var directory: String
    /// Rows in all its files.
    package var rows: Int64
    /// Rows per entity (`timeline` → 1200), from the run's manifest.
    package var entityRows: [String: Int64]

    /// The entities a run writes a file for, in file order (the keys of `entityRows`).
    package static var entityNames: [String] { ExportEntity.all.map(\.name) }
}

extension Store {
    /// The recorded export runs, oldest first (the per-entity counts come from each manifest).
    /// - Throws: `SQLiteError`.
    package func exportHistory() throws -> [ExportRun] {
        try read { db in
            var runs: [ExportRun] = []
            try db.forEach("""
                SELECT id, started_at, finished_at, from_seq, to_seq, format, full, redacted, directory, rows,
                       (SELECT json_group_array(json_array(json_extract(f.value, '$.entity'), json_extract(f.value, '$.rows')))
                        FROM json_each(manifest, '$.files') f)
                FROM export_runs ORDER BY id
                """) { row in
                runs.append(ExportRun(
                    id: row.int64(0), startedAt: row.int64(1), finishedAt: row.int64(2), fromSeq: row.int64(3), toSeq: row.int64(4),
                    format: try row.vocabulary(5, ExportFormat.self, table: "export_runs", column: "format"), full: row.int64(6) != 0, redacted: row.int64(7) != 0,
                    directory: row.string(8), rows: row.int64(9), entityRows: Self.entityRows(row.optionalString(10))))
            }
            return runs
        }
    }

    /// `[["timeline",12],…]` → counts by entity; a manifest that cannot be read gives none.
    private static func entityRows(_ json: String?) -> [String: Int64] {
        guard let json, case .array(let items)? = try? JSONParser.parse(json) else { return [:] }
        var counts: [String: Int64] = [:]
        for item in items {
            if case .array(let pair) = item, pair.count == 2, case .string(let entity) = pair[0],
               case .number(let text) = pair[1], let rows = Int64(text) {
                counts[entity] = rows
            }
        }
        return counts
    }
}
