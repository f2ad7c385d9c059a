/// How a connection ended (the `reason` of `left` entries: Docs/EventFormat.md#entries).
public enum LeaveReason: String, Sendable, Codable, CaseIterable {
    /// The party ended its part (End the chat).
    case ended
    /// The party's connection dropped.
    case disconnected
    /// Deleted from the conference by another agent.
    case removed
    /// The chat ended around the party.
    case chatEnded = "chat_ended"
    /// The party transferred the chat away.
    case transferred
    /// The consultation became a conference.
    case conferenced
}
