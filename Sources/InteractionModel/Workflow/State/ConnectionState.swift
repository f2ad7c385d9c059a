/// One party's connection to an interaction.
package struct ConnectionState: Sendable, Equatable {
    /// The party's id.
    package var party: String
    /// Contact or agent.
    package var kind: PartyKind
    /// How the party came in: contact, owner, conference, transfer, consultation.
    package var role: String
    /// When it joined.
    package var joinedAt: Int64
    /// When it left; nil while connected.
    package var leftAt: Int64?
    /// The request it came in by, if any.
    package var request: String?

    /// True while connected.
    package var isConnected: Bool { leftAt == nil }

    /// Creates a connection.
    package init(party: String, kind: PartyKind, role: String, joinedAt: Int64, leftAt: Int64? = nil, request: String? = nil) {
        self.party = party
        self.kind = kind
        self.role = role
        self.joinedAt = joinedAt
        self.leftAt = leftAt
        self.request = request
    }
}
