import InteractionModel
import InteractionStore

/// How the export history is shown (`storectl export history`).
extension ExportRun {
    /// Runs as a table: `id`, `started_at`, `finished_at`, `format`, `full`, `redacted`,
    /// `from_seq`, `to_seq`, `rows`, one column of rows per entity, `directory`.
    package static func table(_ runs: [ExportRun]) -> Tabular {
        let entities = entityNames
        var table = Tabular(columns: ["id", "started_at", "finished_at", "format", "full", "redacted", "from_seq", "to_seq", "rows"]
                                + entities + ["directory"])
        for run in runs {
            table.rows.append([.integer(run.id), .time(run.startedAt), .time(run.finishedAt), .text(run.format.rawValue),
                               .bool(run.full), .bool(run.redacted), .integer(run.fromSeq), .integer(run.toSeq), .integer(run.rows)]
                              + entities.map { Cell.integer(run.entityRows[$0]) } + [.text(run.directory)])
        }
        return table
    }
}
