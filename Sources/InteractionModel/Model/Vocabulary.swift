/// An agent's ready state on a channel.
public enum AgentState: String, Sendable, Codable, CaseIterable {
    /// Logged in, not yet ready.
    case loggedIn = "logged_in"
    /// Ready for interactions.
    case ready
    /// Not ready (optionally with a reason code).
    case notReady = "not_ready"
    /// After-call work following an interaction.
    case afterCallWork = "after_call_work"
    /// Logged out: cannot accept conferences, consultations or transfers (Docs/EventFormat.md#rule-logged-out).
    case loggedOut = "logged_out"
}

/// What a request is addressed to.
public enum TargetKind: String, Sendable, Codable, CaseIterable {
    /// A named agent: only that agent may accept (Docs/EventFormat.md#rule-accepter-mismatch).
    case agent
    /// A queue: the agent it was routed to accepts.
    case queue
    /// A routing point: the agent it was routed to accepts.
    case routingPoint = "routing_point"
}

/// A request's internal target.
public struct Target: Sendable, Equatable, Hashable {
    /// Agent, queue or routing point.
    public var kind: TargetKind
    /// The target's id.
    public var id: String

    /// Creates a target.
    public init(kind: TargetKind, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// The three kinds of request.
public enum RequestKind: String, Sendable, Codable, CaseIterable {
    /// Bring a target into the chat as a conference party.
    case conference
    /// Start a consultation (a separate interaction between two agents).
    case consultation
    /// Hand the chat over to the target.
    case transfer
}

/// How a conference was requested.
public enum ConferenceMode: String, Sendable, Codable, CaseIterable {
    /// Instant chat conference.
    case instant
    /// Conference from an active consultation.
    case consultation
}

/// Why a request was released without anybody joining.
public enum ReleaseReason: String, Sendable, Codable, CaseIterable {
    /// The target declined.
    case declined
    /// Nobody answered in time.
    case timeout
    /// Cancelled (by the requester leaving, or the chat ending).
    case cancelled
}

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

/// The outcome of a request, as reports show it.
public enum RequestOutcome: String, Sendable, Codable, CaseIterable {
    /// The target (or the agent a queue routed to) accepted.
    case accepted
    /// Declined.
    case declined
    /// Timed out.
    case timeout
    /// Cancelled.
    case cancelled
    /// Not answered yet.
    case pending
}

/// Whether a party is the contact or an agent.
public enum PartyKind: String, Sendable, Codable {
    /// The customer.
    case contact
    /// An agent.
    case agent
}

/// Whether an interaction is a chat or a consultation.
public enum InteractionKind: String, Sendable, Codable {
    /// A chat with a contact.
    case chat
    /// A consultation between two agents, child of a chat.
    case consultation
}
