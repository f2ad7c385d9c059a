import InteractionModel
import InteractionStore

/// How InteractionListRow is shown: its columns and cells (the JSON keys, the CSV header, a table).
extension InteractionListRow {
    /// The list's keys, in order.
    package static let columns = ["id", "kind", "parent", "contact", "started_at", "ended_at", "owner", "agents"]

    /// The rows as a JSON array of objects (one line per row, like every read), `agents` an array of strings.
    package static func json(_ rows: [InteractionListRow]) -> String {
        guard !rows.isEmpty else { return "[]\n" }
        let objects = rows.map { row -> String in
            let cells: [Cell] = [.text(row.id), .text(row.kind.rawValue), .text(row.parent), .text(row.contact),
                                 .time(row.startedAt), .time(row.endedAt), .text(row.owner)]
            let pairs = zip(columns, cells).map { JSONWriter.quote($0) + ":" + $1.json }
            let agents = "[" + row.agents.map(JSONWriter.quote).joined(separator: ",") + "]"
            return "{" + pairs.joined(separator: ",") + "," + JSONWriter.quote("agents") + ":" + agents + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// The rows as a table (CSV and terminal), `agents` joined by spaces.
    package static func tabular(_ rows: [InteractionListRow]) -> Tabular {
        Tabular(columns: columns, rows: rows.map { row in
            [.text(row.id), .text(row.kind.rawValue), .text(row.parent), .text(row.contact), .time(row.startedAt),
             .time(row.endedAt), .text(row.owner), .text(row.agents.joined(separator: " "))]
        })
    }
}
