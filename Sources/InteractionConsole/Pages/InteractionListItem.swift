/// One interaction in the list (SPEC section 6, `GET /v1/interactions`): the console's own
/// view model, filled from the store's listing.
package struct InteractionListItem: Sendable, Equatable {
    /// The interaction's id.
    package var id: String
    /// `chat` or `consultation`.
    package var kind: String
    /// The parent chat of a consultation.
    package var parent: String?
    /// The contact's id (chats).
    package var contact: String?
    /// When it started (ms).
    package var startedAt: Int64
    /// When it ended (ms); nil while open.
    package var endedAt: Int64?
    /// The current (or last) owner.
    package var owner: String?
    /// Every agent ever connected, in join order.
    package var agents: [String]

    /// Creates an item.
    package init(id: String, kind: String, parent: String?, contact: String?, startedAt: Int64, endedAt: Int64?, owner: String?, agents: [String]) {
        self.id = id
        self.kind = kind
        self.parent = parent
        self.contact = contact
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.owner = owner
        self.agents = agents
    }
}
