import InteractionModel
/// One connection of a party to an interaction, as stored.
public struct PartyConnection: Sendable, Equatable {
    /// The interaction.
    public var interaction: String
    /// The party's id.
    public var party: String
    /// Contact or agent.
    public var kind: PartyKind
    /// How it came in: contact, owner, conference, transfer or consultation.
    public var role: String
    /// When it joined.
    public var joinedAt: Int64
    /// When it left; nil while connected.
    public var leftAt: Int64?
    /// How its connection ended; nil while connected.
    public var leaveReason: LeaveReason?
    /// Who removed it (Delete From Conference).
    public var removedBy: String?
    /// The request it joined by, if any.
    public var request: String?
    /// True when the interaction passed to it because the owner left or was removed.
    public var becameOwner: Bool
}

extension Store {
    /// Every connection of the interaction, in join order (`connectedOnly`: those still connected).
    /// - Throws: `StoreError.unknownInteraction`, `SQLiteError`.
    public func parties(of interaction: String, connectedOnly: Bool = false) throws -> [PartyConnection] {
        try read { db in
            guard try db.scalarInt("SELECT count(*) FROM interactions WHERE id = ?", [interaction]) == 1 else {
                throw StoreError.unknownInteraction(interaction)
            }
            return try db.query("""
                SELECT interaction_id, party_id, party_kind, role, joined_at, left_at, leave_reason, removed_by, request_id, became_owner
                FROM connections WHERE interaction_id = ? AND (? = 0 OR left_at IS NULL) ORDER BY id
                """, [interaction, connectedOnly]) { row in
                try PartyConnection(interaction: row.string(0), party: row.string(1), kind: row.vocabulary(2, PartyKind.self, table: "connections", column: "party_kind"),
                                role: row.string(3), joinedAt: row.int64(4), leftAt: row.optionalInt64(5),
                                leaveReason: row.optionalVocabulary(6, LeaveReason.self, table: "connections", column: "leave_reason"), removedBy: row.optionalString(7),
                                request: row.optionalString(8), becameOwner: row.int64(9) == 1)
            }
        }
    }
}
