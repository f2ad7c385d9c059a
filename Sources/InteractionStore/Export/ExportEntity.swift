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
    /// The columns, in the query's order: JSON keys and CSV header (snake_case), and how each is written.
    /// The query may select more after them, which are not written (the timeline's carry what
    /// `ChainCheck` needs: the interaction's recorded entry count and chain head).
    let columns: [ExportColumn]
    /// The query; `?1` and `?2` bound to the window's lower (exclusive) and upper (inclusive) bounds.
    let sql: String

    /// The column names.
    var columnNames: [String] { columns.map(\.name) }

    /// The file name for `format`, e.g. `timeline.ndjson`.
    func fileName(_ format: ExportFormat) -> String { "\(name).\(format.fileExtension)" }

    /// The six entities, in the order files are written and listed in the manifest (then `chains`).
    static let all: [ExportEntity] = [interactions, parties, timeline, requests, dispositionChanges, agentStates]

    /// `chains.ndjson` (SPEC section 4, "Anchored history"): one row per interaction whose
    /// timeline the run exports, `{"interaction":ID,"seq":N,"head":HEX}` — its last entry's seq
    /// and hash — sorted by interaction id as exact bytes (SQLite's BINARY collation is
    /// `memcmp`). Always NDJSON, also in a CSV run. Written after the run verified these chains
    /// (`ChainCheck`, while the timeline streamed), so the recorded count and head are the recomputed ones; an interaction
    /// without entries has seq 0 and the genesis head (64 zeros).
    static let chains = ExportEntity(
        name: "chains",
        columns: [.init("interaction", .text), .init("seq", .integer), .init("head", .hex)],
        sql: """
            SELECT i.id, i.next_entry - 1, coalesce(i.chain_head, zeroblob(32))
            FROM interactions i
            WHERE i.final_seq > ?1 AND i.final_seq <= ?2
            ORDER BY i.id
            """)

    static let interactions = ExportEntity(
        name: "interactions",
        columns: [.init("id", .text), .init("kind", .text), .init("parent_id", .text), .init("contact_id", .text),
                  .init("contact_name", .contactName), .init("owner_id", .text), .init("started_at", .time), .init("ended_at", .time),
                  .init("final_seq", .integer), .init("entries", .integer), .init("chain_head", .hex)],
        sql: """
            SELECT i.id, i.kind, i.parent_id, i.contact_id, i.contact_name, i.owner_id, i.started_at, i.ended_at,
                   i.final_seq, i.next_entry - 1, i.chain_head
            FROM interactions i
            WHERE i.final_seq > ?1 AND i.final_seq <= ?2
            ORDER BY i.final_seq, i.id
            """)

    static let parties = ExportEntity(
        name: "parties",
        columns: [.init("connection_id", .integer), .init("interaction_id", .text), .init("party_id", .text), .init("party_kind", .text),
                  .init("role", .text), .init("joined_at", .time), .init("left_at", .time), .init("leave_reason", .text),
                  .init("removed_by", .text), .init("request_id", .text), .init("became_owner", .bool)],
        sql: """
            SELECT c.id, c.interaction_id, c.party_id, c.party_kind, c.role, c.joined_at, c.left_at,
                   c.leave_reason, c.removed_by, c.request_id, c.became_owner
            FROM interactions i JOIN connections c ON c.interaction_id = i.id
            WHERE i.final_seq > ?1 AND i.final_seq <= ?2
            ORDER BY i.final_seq, i.id, c.id
            """)

    static let timeline = ExportEntity(
        name: "timeline",
        columns: [.init("interaction_id", .text), .init("seq", .integer), .init("at", .time), .init("kind", .text),
                  .init("party_id", .text), .init("text", .messageText), .init("visibility", .text), .init("reason", .text),
                  .init("by_party", .text), .init("event_seq", .integer), .init("prev_hash", .hex), .init("hash", .hex)],
        sql: """
            SELECT t.interaction_id, t.seq, t.at, t.kind, t.party_id, t.text, t.visibility, t.reason, t.by_party,
                   t.event_seq, t.prev_hash, t.hash, i.next_entry - 1, i.chain_head
            FROM interactions i JOIN timeline t ON t.interaction_id = i.id
            WHERE i.final_seq > ?1 AND i.final_seq <= ?2
            ORDER BY i.final_seq, i.id, t.seq
            """)

    static let requests = ExportEntity(
        name: "requests",
        columns: [.init("id", .text), .init("kind", .text), .init("interaction_id", .text), .init("consultation_id", .text),
                  .init("from_agent", .text), .init("target_kind", .text), .init("target_id", .text), .init("mode", .text),
                  .init("requested_at", .time), .init("status", .text), .init("outcome", .text), .init("answered_at", .time),
                  .init("accepted_by", .text), .init("requested_seq", .integer)],
        sql: """
            SELECT r.id, r.kind, r.interaction_id, r.consultation_id, r.from_agent, r.target_kind, r.target_id, r.mode,
                   r.requested_at, r.status, r.outcome, r.answered_at, r.accepted_by, r.requested_seq
            FROM interactions i JOIN requests r ON r.interaction_id = i.id
            WHERE i.final_seq > ?1 AND i.final_seq <= ?2
            ORDER BY i.final_seq, i.id, r.requested_seq, r.id
            """)

    static let dispositionChanges = ExportEntity(
        name: "disposition_changes",
        columns: [.init("event_seq", .integer), .init("interaction_id", .text), .init("agent_id", .text), .init("code", .text),
                  .init("at", .time)],
        sql: """
            SELECT event_seq, interaction_id, agent_id, code, at
            FROM disposition_changes WHERE event_seq > ?1 AND event_seq <= ?2
            ORDER BY event_seq
            """)

    static let agentStates = ExportEntity(
        name: "agent_states",
        columns: [.init("event_seq", .integer), .init("agent_id", .text), .init("channel", .text), .init("state", .text),
                  .init("reason", .text), .init("at", .time)],
        sql: """
            SELECT event_seq, agent_id, channel, state, reason, at
            FROM agent_states WHERE event_seq > ?1 AND event_seq <= ?2
            ORDER BY event_seq
            """)
}
