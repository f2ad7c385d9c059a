import InteractionModel
/// A request as stored, with how it was answered.
public struct RequestRecord: Sendable, Equatable {
    /// Its state as the rules see it.
    package var request: RequestState
    /// Its outcome (`pending` while unanswered).
    public var outcome: RequestOutcome
    /// When it was accepted or released.
    public var answeredAt: Int64?
    /// The agent who accepted it.
    public var acceptedBy: String?
}

extension Store {
    /// The requests made in an interaction, by request time; `pendingOnly` keeps the unanswered
    /// ones. For a chat that includes the consultation requests made from it; for a
    /// consultation, the request that created it and the conference request that converted it
    /// (a consultation request belongs to both, SPEC section 2).
    /// - Throws: `SQLiteError`.
    public func requests(in interaction: String, pendingOnly: Bool = false) throws -> [RequestRecord] {
        try read { db in
            try db.query("SELECT " + StateLoader.requestColumns + """
                , outcome, answered_at, accepted_by FROM requests
                WHERE (interaction_id = ? OR consultation_id = ?
                       OR (kind = 'consultation' AND interaction_id IN (SELECT id FROM interactions WHERE parent_id = ?)))
                  AND (? = 0 OR status = 'pending')
                ORDER BY requested_at, id
                """, [interaction, interaction, interaction, pendingOnly]) { row in
                try RequestRecord(request: StateLoader.request(row), outcome: row.optionalVocabulary(10, RequestOutcome.self, table: "requests", column: "outcome") ?? .pending,
                              answeredAt: row.optionalInt64(11), acceptedBy: row.optionalString(12))
            }
        }
    }
}
