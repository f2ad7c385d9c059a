import InteractionModel
/// Everything compliance needs about one interaction, with its chain verified.
public struct AuditRecord: Sendable {
    /// The interaction.
    public var interaction: InteractionRecord
    /// Its whole timeline (agent view).
    public var timeline: [TimelineEntry]
    /// Every request made in it: for a chat, the consultation requests made from it too; for a
    /// consultation, the request that created it and the conference request that converted it.
    package var requests: [Request]
    /// Every disposition change, in order.
    package var dispositions: [DispositionChange]
    /// Linked consultations (of a chat) or the parent (of a consultation).
    package var linked: [LinkedInteraction]

    /// A request as the audit lists it.
    package struct Request: Sendable, Equatable {
        package var id: String
        package var kind: String
        package var interaction: String
        package var consultation: String?
        package var fromAgent: String
        package var targetKind: String
        package var target: String
        package var mode: String?
        package var requestedAt: Int64
        /// accepted, declined, timeout, cancelled, or pending.
        package var outcome: String
        package var answeredAt: Int64?
        package var acceptedBy: String?
    }

    /// A disposition change: who set which code when (the last one per agent stands).
    package struct DispositionChange: Sendable, Equatable {
        package var time: Int64
        package var agent: String
        package var code: String
        package var label: String
    }

    /// An interaction linked to the audited one.
    package struct LinkedInteraction: Sendable, Equatable {
        package var id: String
        package var kind: String
        /// `parent` (the chat a consultation came from) or `consultation` (one of a chat's).
        package var relation: String
        package var status: String
        package var startedAt: Int64
        package var endedAt: Int64?
    }
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
            var requests: [AuditRecord.Request] = []
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
                requests.append(AuditRecord.Request(
                    id: row.string(0), kind: row.string(1), interaction: row.string(2), consultation: row.optionalString(3),
                    fromAgent: row.string(4), targetKind: row.string(5), target: row.string(6), mode: row.optionalString(7),
                    requestedAt: row.int64(8), outcome: row.string(9), answeredAt: row.optionalInt64(10), acceptedBy: row.optionalString(11)))
            }
            var dispositions: [AuditRecord.DispositionChange] = []
            try db.forEach("""
                SELECT c.at, c.agent_id, c.code, d.label FROM disposition_changes c JOIN disposition_codes d ON d.code = c.code
                WHERE c.interaction_id = ? ORDER BY c.id
                """, [id]) { row in
                dispositions.append(AuditRecord.DispositionChange(time: row.int64(0), agent: row.string(1), code: row.string(2), label: row.string(3)))
            }
            var linked: [AuditRecord.LinkedInteraction] = []
            try db.forEach("""
                SELECT id, kind, CASE WHEN id = ? THEN 'parent' ELSE 'consultation' END, status, started_at, ended_at
                FROM interactions WHERE parent_id = ? OR id = ? ORDER BY started_at, id
                """, [interaction.parent ?? "", id, interaction.parent ?? ""]) { row in
                linked.append(AuditRecord.LinkedInteraction(id: row.string(0), kind: row.string(1), relation: row.string(2),
                                                            status: row.string(3), startedAt: row.int64(4), endedAt: row.optionalInt64(5)))
            }
            let chain = try ChainVerifier.verify(db, interaction: id)
            return AuditRecord(interaction: interaction, timeline: timeline, requests: requests, dispositions: dispositions, linked: linked, chain: chain)
        }
    }
}
