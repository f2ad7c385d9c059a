/// A request as stored, with how it was answered.
public struct RequestRecord: Sendable, Equatable {
    /// Its state as the rules see it.
    public var request: RequestState
    /// Its outcome (`pending` while unanswered).
    public var outcome: RequestOutcome
    /// When it was accepted or released.
    public var answeredAt: Int64?
    /// The agent who accepted it.
    public var acceptedBy: String?
}

extension Store {
    /// The requests made in an interaction (and, for a consultation, the one that created it),
    /// by request time; `pendingOnly` keeps the unanswered ones.
    /// - Throws: `SQLiteError`.
    public func requests(in interaction: String, pendingOnly: Bool = false) throws -> [RequestRecord] {
        try read { db in
            try db.query("SELECT " + StateLoader.requestColumns + """
                , outcome, answered_at, accepted_by FROM requests
                WHERE (interaction_id = ? OR consultation_id = ?) AND (? = 0 OR status = 'pending')
                ORDER BY requested_at, id
                """, [interaction, interaction, pendingOnly]) { row in
                RequestRecord(request: StateLoader.request(row), outcome: row.optionalString(10).flatMap(RequestOutcome.init(rawValue:)) ?? .pending,
                              answeredAt: row.optionalInt64(11), acceptedBy: row.optionalString(12))
            }
        }
    }
}
