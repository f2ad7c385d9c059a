/// One exported entity: its file, its columns and the query that streams its rows for a window
/// of the change sequence.
///
/// Every query takes the window `(?1, ?2]` of `events.seq` and returns only rows that can no
/// longer change, so a row is written in exactly one incremental run and is byte-identical in
/// whichever run writes it:
/// - interactions, parties, timeline and requests: those of the interactions whose `final_seq`
///   (the change at which the interaction — and, for a chat, all its consultations, which end at
///   or before it — ended) lies in the window. After its end an interaction's parties, timeline
///   and requests never change; the interaction row leaves out the two columns that still can
///   (`latest_at`, moved by a later disposition, and `end_event_seen`, set by a later no-op
///   `chat.ended`).
/// - disposition changes and agent states: those whose own `event_seq` lies in the window
///   (they are append-only).
///
/// Rows come in a fixed order (by `final_seq`, then id, then position), so re-running the
/// same window writes identical files.
struct ExportEntity: Sendable {
    /// The entity's name: the file's base name and the manifest's `entity`.
    let name: String
    /// The column names: JSON keys and CSV header, snake_case.
    let columns: [String]
    /// The query; `?1` and `?2` bound to the window's lower (exclusive) and upper (inclusive) bounds.
    let sql: String
    /// Reads the current row into one cell per column.
    let row: @Sendable (Statement, Redactor?) -> [Cell]

    /// The file name for `format`, e.g. `timeline.ndjson`.
    func fileName(_ format: ExportFormat) -> String { "\(name).\(format.fileExtension)" }

    /// The six entities, in the order files are written and listed in the manifest.
    static let all: [ExportEntity] = [interactions, parties, timeline, requests, dispositionChanges, agentStates]

    static let interactions = ExportEntity(
        name: "interactions",
        columns: ["id", "kind", "parent_id", "contact_id", "contact_name", "owner_id", "started_at", "ended_at",
                  "final_seq", "entries", "chain_head"],
        sql: """
            SELECT i.id, i.kind, i.parent_id, i.contact_id, i.contact_name, i.owner_id, i.started_at, i.ended_at,
                   i.final_seq, i.next_entry - 1, i.chain_head
            FROM interactions i
            WHERE i.final_seq > ?1 AND i.final_seq <= ?2
            ORDER BY i.final_seq, i.id
            """,
        row: { row, redactor in
            let name = row.optionalString(4)
            return [.text(row.string(0)), .text(row.string(1)), .text(row.optionalString(2)), .text(row.optionalString(3)),
                    .text(redactor == nil ? name : name.map { _ in Redactor.contactName }), .text(row.optionalString(5)),
                    .time(row.int64(6)), .time(row.optionalInt64(7)), .integer(row.int64(8)), .integer(row.int64(9)),
                    .text(row.isNull(10) ? nil : row.blob(10).hexString)]
        })

    static let parties = ExportEntity(
        name: "parties",
        columns: ["connection_id", "interaction_id", "party_id", "party_kind", "role", "joined_at", "left_at",
                  "leave_reason", "removed_by", "request_id", "became_owner"],
        sql: """
            SELECT c.id, c.interaction_id, c.party_id, c.party_kind, c.role, c.joined_at, c.left_at,
                   c.leave_reason, c.removed_by, c.request_id, c.became_owner
            FROM interactions i JOIN connections c ON c.interaction_id = i.id
            WHERE i.final_seq > ?1 AND i.final_seq <= ?2
            ORDER BY i.final_seq, i.id, c.id
            """,
        row: { row, _ in
            [.integer(row.int64(0)), .text(row.string(1)), .text(row.string(2)), .text(row.string(3)), .text(row.string(4)),
             .time(row.int64(5)), .time(row.optionalInt64(6)), .text(row.optionalString(7)), .text(row.optionalString(8)),
             .text(row.optionalString(9)), .bool(row.int64(10) != 0)]
        })

    static let timeline = ExportEntity(
        name: "timeline",
        columns: ["interaction_id", "seq", "at", "kind", "party_id", "text", "visibility", "reason", "by_party",
                  "event_seq", "prev_hash", "hash"],
        sql: """
            SELECT t.interaction_id, t.seq, t.at, t.kind, t.party_id, t.text, t.visibility, t.reason, t.by_party,
                   t.event_seq, t.prev_hash, t.hash
            FROM interactions i JOIN timeline t ON t.interaction_id = i.id
            WHERE i.final_seq > ?1 AND i.final_seq <= ?2
            ORDER BY i.final_seq, i.id, t.seq
            """,
        row: { row, redactor in
            let text = row.optionalString(5)
            return [.text(row.string(0)), .integer(row.int64(1)), .time(row.int64(2)), .text(row.string(3)), .text(row.string(4)),
                    .text(redactor.flatMap { redactor in text.map(redactor.redact) } ?? text), .text(row.string(6)),
                    .text(row.optionalString(7)), .text(row.optionalString(8)), .integer(row.int64(9)),
                    .text(row.blob(10).hexString), .text(row.blob(11).hexString)]
        })

    static let requests = ExportEntity(
        name: "requests",
        columns: ["id", "kind", "interaction_id", "consultation_id", "from_agent", "target_kind", "target_id", "mode",
                  "requested_at", "status", "outcome", "answered_at", "accepted_by", "requested_seq"],
        sql: """
            SELECT r.id, r.kind, r.interaction_id, r.consultation_id, r.from_agent, r.target_kind, r.target_id, r.mode,
                   r.requested_at, r.status, r.outcome, r.answered_at, r.accepted_by, r.requested_seq
            FROM interactions i JOIN requests r ON r.interaction_id = i.id
            WHERE i.final_seq > ?1 AND i.final_seq <= ?2
            ORDER BY i.final_seq, i.id, r.requested_seq, r.id
            """,
        row: { row, _ in
            [.text(row.string(0)), .text(row.string(1)), .text(row.string(2)), .text(row.optionalString(3)), .text(row.string(4)),
             .text(row.string(5)), .text(row.string(6)), .text(row.optionalString(7)), .time(row.int64(8)), .text(row.string(9)),
             .text(row.optionalString(10)), .time(row.optionalInt64(11)), .text(row.optionalString(12)), .integer(row.int64(13))]
        })

    static let dispositionChanges = ExportEntity(
        name: "disposition_changes",
        columns: ["event_seq", "interaction_id", "agent_id", "code", "at"],
        sql: """
            SELECT event_seq, interaction_id, agent_id, code, at
            FROM disposition_changes WHERE event_seq > ?1 AND event_seq <= ?2
            ORDER BY event_seq
            """,
        row: { row, _ in
            [.integer(row.int64(0)), .text(row.string(1)), .text(row.string(2)), .text(row.string(3)), .time(row.int64(4))]
        })

    static let agentStates = ExportEntity(
        name: "agent_states",
        columns: ["event_seq", "agent_id", "channel", "state", "reason", "at"],
        sql: """
            SELECT event_seq, agent_id, channel, state, reason, at
            FROM agent_states WHERE event_seq > ?1 AND event_seq <= ?2
            ORDER BY event_seq
            """,
        row: { row, _ in
            [.integer(row.int64(0)), .text(row.string(1)), .text(row.string(2)), .text(row.string(3)),
             .text(row.optionalString(4)), .time(row.int64(5))]
        })
}

/// Turns rows into the bytes of one format.
struct ExportRowEncoder {
    let format: ExportFormat
    let columns: [String]
    /// For NDJSON: `{"col0":`, `,"col1":`, … precomputed.
    private let keyPrefixes: [[UInt8]]

    init(format: ExportFormat, columns: [String]) {
        self.format = format
        self.columns = columns
        keyPrefixes = columns.enumerated().map { index, column in
            Array(((index == 0 ? "{" : ",") + JSONWriter.quote(column) + ":").utf8)
        }
    }

    /// The CSV header line (nothing for NDJSON).
    var header: [UInt8] {
        format == .csv ? Array((columns.map(Tabular.csvField).joined(separator: ",") + "\r\n").utf8) : []
    }

    /// Appends one row to `file`.
    func write(_ cells: [Cell], to file: ExportFile) throws {
        switch format {
        case .ndjson:
            for (prefix, cell) in zip(keyPrefixes, cells) {
                try file.append(prefix)
                try file.append(cell.json)
            }
            try file.append("}\n")
        case .csv:
            for (index, cell) in cells.enumerated() {
                if index > 0 { try file.append(",") }
                try file.append(Tabular.csvField(cell.plainText))
            }
            try file.append("\r\n")
        }
        file.endRow()
    }
}
