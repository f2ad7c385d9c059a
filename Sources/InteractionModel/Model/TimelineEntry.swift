/// What a timeline entry records; Docs/EventFormat.md#entries says which events write which.
public enum EntryKind: String, Sendable, Codable, CaseIterable {
    /// A party connected.
    case joined
    /// A party's connection ended (reason says how).
    case left
    /// A party was deleted from the conference by another agent.
    case removed
    /// The interaction passed to a new owner (reason `automatic` or `transfer`).
    case ownership
    /// A message.
    case message
}

/// Who sees an entry: everybody, or agents only (internal notes).
public enum Visibility: String, Sendable, Codable, CaseIterable {
    /// The contact and every connected agent.
    case all
    /// Agents only: the contact never sees it.
    case agents
}

/// One entry of an interaction's timeline, as stored: numbered from 1 and hash-chained.
public struct TimelineEntry: Sendable, Equatable {
    /// The interaction the entry belongs to.
    public var interaction: String
    /// Position in the interaction's timeline, from 1.
    public var seq: Int64
    /// When, in milliseconds since the epoch.
    public var time: Int64
    /// What happened.
    public var kind: EntryKind
    /// The party (for `ownership`: the new owner).
    public var party: String
    /// The message text; nil except on messages.
    public var text: String?
    /// Who may see it.
    public var visibility: Visibility
    /// The leave reason (`left`, `removed`) or the ownership reason; else nil.
    public var reason: String?
    /// The remover, on `removed` only.
    public var by: String?

    /// Creates an entry.
    package init(interaction: String, seq: Int64, time: Int64, kind: EntryKind, party: String,
                text: String? = nil, visibility: Visibility = .all, reason: String? = nil, by: String? = nil) {
        self.interaction = interaction
        self.seq = seq
        self.time = time
        self.kind = kind
        self.party = party
        self.text = text
        self.visibility = visibility
        self.reason = reason
        self.by = by
    }
}
