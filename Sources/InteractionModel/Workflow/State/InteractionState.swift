/// What the rules need to know about one interaction.
package struct InteractionState: Sendable, Equatable {
    /// Its id.
    package var id: String
    /// Chat or consultation.
    package var kind: InteractionKind
    /// The parent chat of a consultation.
    package var parent: String?
    /// The contact of a chat.
    package var contact: String?
    /// The current owner.
    package var owner: String?
    /// When it ended; nil while active.
    package var endedAt: Int64?
    /// True once an explicit `chat.ended` was received.
    package var endEventSeen: Bool
    /// The time of its latest event.
    package var latestAt: Int64
    /// Every connection, in join order.
    package var connections: [ConnectionState]

    /// True while the interaction has not ended.
    package var isActive: Bool { endedAt == nil }

    /// Creates an interaction state.
    package init(id: String, kind: InteractionKind, parent: String?, contact: String?, owner: String?, endedAt: Int64?,
                endEventSeen: Bool, latestAt: Int64, connections: [ConnectionState]) {
        self.id = id
        self.kind = kind
        self.parent = parent
        self.contact = contact
        self.owner = owner
        self.endedAt = endedAt
        self.endEventSeen = endEventSeen
        self.latestAt = latestAt
        self.connections = connections
    }

    /// The connected connection of `party`, if any.
    package func connection(of party: String) -> ConnectionState? {
        connections.last { $0.party.same(party) && $0.isConnected }
    }

    /// Connected agents in join order.
    package var connectedAgents: [ConnectionState] {
        connections.filter { $0.kind == .agent && $0.isConnected }
    }

    /// True when `party` was ever connected.
    package func everConnected(_ party: String) -> Bool {
        connections.contains { $0.party.same(party) }
    }
}
