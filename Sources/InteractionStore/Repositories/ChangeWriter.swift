import StoreSQLite
import InteractionModel
/// Persists the changes of one accepted event; numbers and hash-chains timeline entries.
///
/// An interaction's entry number, chain head and latest event time go to `chains`, which writes
/// them to `interactions` once per interaction when flushed (the caller flushes before commit).
struct ChangeWriter {
    let db: Connection
    /// The ledger sequence of the event being written.
    let eventSeq: Int64
    /// Chain links kept between events (a fresh cache reads them from the database).
    let chains: ChainCache

    /// Writes `changes` in order.
    /// - Throws: `SQLiteError`.
    func write(_ changes: [Change]) throws {
        for change in changes { try write(change) }
    }

    private func write(_ change: Change) throws {
        switch change {
        case let .createInteraction(id, kind, parent, contact, contactName, at):
            try db.run("""
                INSERT INTO interactions (id, kind, parent_id, contact_id, contact_name, status, started_at, latest_at, started_seq)
                VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)
                """, [id, kind.rawValue, parent, contact, contactName, at, at, eventSeq])
        case let .join(interaction, party, kind, role, at, request):
            try db.run("INSERT INTO connections (interaction_id, party_id, party_kind, role, joined_at, request_id) VALUES (?, ?, ?, ?, ?, ?)",
                       [interaction, party, kind.rawValue, role, at, request])
            try appendEntry(TimelineEntry(interaction: interaction, seq: 0, time: at, kind: .joined, party: party))
        case let .leave(interaction, party, at, reason, by):
            try db.run("""
                UPDATE connections SET left_at = ?, leave_reason = ?, removed_by = ?
                WHERE interaction_id = ? AND party_id = ? AND left_at IS NULL
                """, [at, reason.rawValue, by, interaction, party])
            try appendEntry(TimelineEntry(interaction: interaction, seq: 0, time: at, kind: by == nil ? .left : .removed,
                                          party: party, reason: reason.rawValue, by: by))
        case let .ownership(interaction, agent, at, reason):
            try db.run("UPDATE interactions SET owner_id = ? WHERE id = ?", [agent, interaction])
            if reason == "automatic" {
                try db.run("UPDATE connections SET became_owner = 1 WHERE interaction_id = ? AND party_id = ? AND left_at IS NULL", [interaction, agent])
            }
            try appendEntry(TimelineEntry(interaction: interaction, seq: 0, time: at, kind: .ownership, party: agent, reason: reason))
        case let .setOwner(interaction, agent):
            try db.run("UPDATE interactions SET owner_id = ? WHERE id = ?", [agent, interaction])
        case let .message(interaction, party, at, text, visibility):
            try appendEntry(TimelineEntry(interaction: interaction, seq: 0, time: at, kind: .message, party: party, text: text, visibility: visibility))
        case let .end(interaction, at):
            try db.run("UPDATE interactions SET status = 'ended', ended_at = ?, final_seq = ? WHERE id = ?", [at, eventSeq, interaction])
        case let .noteEndEvent(interaction):
            try db.run("UPDATE interactions SET end_event_seen = 1 WHERE id = ?", [interaction])
        case let .touch(interaction, at):
            chains.touch(ExactID(interaction), at: at)
        case let .createRequest(request):
            try db.run("""
                INSERT INTO requests (id, kind, interaction_id, consultation_id, from_agent, target_kind, target_id, mode, requested_at, status, requested_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)
                """, [request.id, request.kind.rawValue, request.interaction, request.consultation, request.from,
                      request.target.kind.rawValue, request.target.id, request.mode?.rawValue, request.requestedAt, eventSeq])
        case let .answerRequest(id, outcome, at, acceptedBy):
            try db.run("UPDATE requests SET status = ?, outcome = ?, answered_at = ?, accepted_by = ? WHERE id = ?",
                       [outcome == .accepted ? "accepted" : "released", outcome.rawValue, at, acceptedBy, id])
        case let .defineCode(code, label, at):
            try db.run("INSERT INTO disposition_codes (code, label, defined_at) VALUES (?, ?, ?)", [code, label, at])
        case let .retireCode(code, at):
            try db.run("UPDATE disposition_codes SET retired_at = ? WHERE code = ?", [at, code])
        case let .setDisposition(interaction, agent, code, at):
            try db.run("INSERT INTO disposition_changes (interaction_id, agent_id, code, at, event_seq) VALUES (?, ?, ?, ?, ?)",
                       [interaction, agent, code, at, eventSeq])
        case let .agentState(agent, channel, state, reason, at):
            try db.run("INSERT INTO agent_states (agent_id, channel, state, reason, at, event_seq) VALUES (?, ?, ?, ?, ?, ?)",
                       [agent, channel, state.rawValue, reason, at, eventSeq])
        }
    }

    /// Numbers the entry after the interaction's last one and links it to the chain head.
    private func appendEntry(_ draft: TimelineEntry) throws {
        let id = ExactID(draft.interaction)
        let link = try chains.link(id, db: db)
        var entry = draft
        entry.seq = link.next
        let hash = HashChain.link(previous: link.head, entry: entry)
        try db.run("""
            INSERT INTO timeline (interaction_id, seq, at, kind, party_id, text, visibility, reason, by_party, event_seq, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, binding: entry.interaction, entry.seq, entry.time, entry.kind.rawValue, entry.party, entry.text, entry.visibility.rawValue,
            entry.reason, entry.by, eventSeq, link.head, hash)
        chains.advance(id, head: hash)
    }
}
