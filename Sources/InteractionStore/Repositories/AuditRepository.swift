import InteractionModel
/// Everything compliance needs about one interaction, with its chain verified.
public struct AuditRecord: Sendable {
    /// The interaction.
    public var interaction: InteractionRecord
    /// Its whole timeline (agent view).
    public var timeline: [TimelineEntry]
    /// Every request made in it: for a chat, the consultation requests made from it too; for a
    /// consultation, the request that created it and the conference request that converted it.
    package var requests: Tabular
    /// Every disposition change, in order.
    package var dispositions: Tabular
    /// Linked consultations (of a chat) or the parent (of a consultation).
    package var linked: Tabular
    /// The verification of the interaction's hash chain.
    package var chain: ChainVerification
}

extension Store {
    /// The audit of one interaction: transcript, requests, disposition history, linked
    /// interactions, and the verification of its hash chain.
    /// - Throws: `StoreError.unknownInteraction`, `SQLiteError`.
    public func audit(_ id: String) throws -> AuditRecord {
        try explainingPurges { try auditRecord(id) }
    }

    private func auditRecord(_ id: String) throws -> AuditRecord {
        try read { db in
            guard let interaction = try db.queryOne("SELECT " + InteractionRecord.columns + " FROM interactions WHERE id = ?", [id], InteractionRecord.init(row:)) else {
                throw StoreError.unknownInteraction(id)
            }
            let timeline = try db.query("SELECT " + TimelineRow.columns + " FROM timeline WHERE interaction_id = ? ORDER BY seq", [id], TimelineRow.entry)
            var requests = Tabular(columns: ["request", "kind", "interaction", "consultation", "from_agent", "target_kind", "target", "mode",
                                             "requested_at", "outcome", "answered_at", "accepted_by"])
            // A consultation request belongs to both the consultation (its interaction_id) and
            // the parent chat it was made from (SPEC section 2, Order).
            try db.forEach("""
                SELECT id, kind, interaction_id, consultation_id, from_agent, target_kind, target_id, mode, requested_at,
                       coalesce(outcome, 'pending'), answered_at, accepted_by
                FROM requests
                WHERE interaction_id = ? OR consultation_id = ?
                   OR (kind = 'consultation' AND interaction_id IN (SELECT id FROM interactions WHERE parent_id = ?))
                ORDER BY requested_at, id
                """, [id, id, id]) { row in
                requests.rows.append([.text(row.string(0)), .text(row.string(1)), .text(row.string(2)), .text(row.optionalString(3)),
                                      .text(row.string(4)), .text(row.string(5)), .text(row.string(6)), .text(row.optionalString(7)),
                                      .time(row.int64(8)), .text(row.string(9)), .time(row.optionalInt64(10)), .text(row.optionalString(11))])
            }
            var dispositions = Tabular(columns: ["time", "agent", "code", "label"])
            try db.forEach("""
                SELECT c.at, c.agent_id, c.code, d.label FROM disposition_changes c JOIN disposition_codes d ON d.code = c.code
                WHERE c.interaction_id = ? ORDER BY c.id
                """, [id]) { row in
                dispositions.rows.append([.time(row.int64(0)), .text(row.string(1)), .text(row.string(2)), .text(row.string(3))])
            }
            var linked = Tabular(columns: ["interaction", "kind", "relation", "status", "started_at", "ended_at"])
            try db.forEach("""
                SELECT id, kind, CASE WHEN id = ? THEN 'parent' ELSE 'consultation' END, status, started_at, ended_at
                FROM interactions WHERE parent_id = ? OR id = ? ORDER BY started_at, id
                """, [interaction.parent ?? "", id, interaction.parent ?? ""]) { row in
                linked.rows.append([.text(row.string(0)), .text(row.string(1)), .text(row.string(2)), .text(row.string(3)),
                                    .time(row.int64(4)), .time(row.optionalInt64(5))])
            }
            let chain = try ChainVerifier.verify(db, interaction: id)
            return AuditRecord(interaction: interaction, timeline: timeline, requests: requests, dispositions: dispositions, linked: linked, chain: chain)
        }
    }
}
