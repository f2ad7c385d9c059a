/// The SPEC section 2 rules an event can break.
public enum Rule: String, Sendable, CaseIterable {
    /// The event names an interaction the store does not hold.
    case unknownInteraction = "unknown interaction"
    /// The event names a request the store does not hold.
    case unknownRequest = "unknown request"
    /// The event names a party that never was in the interaction.
    case unknownParty = "unknown party"
    /// A second `chat.started` (or consultation) for an interaction id.
    case duplicateInteraction = "duplicate interaction"
    /// A request id used twice.
    case duplicateRequest = "duplicate request"
    /// An event id reused with different content.
    case conflictingEventId = "conflicting event id"
    /// A message or action from a party that is not connected.
    case notConnected = "party not connected"
    /// Accepting or releasing a request that is not pending.
    case notPending = "request not pending"
    /// A request answered with the wrong event family (e.g. `transfer.accepted` for a conference).
    case wrongRequestKind = "wrong request kind"
    /// An agent joining an interaction it is already connected to (or a request to such a target).
    case alreadyConnected = "already connected"
    /// The accepter is not the request's agent target.
    case accepterMismatch = "accepter does not match target"
    /// The accepter's latest chat-channel state is `logged_out`.
    case loggedOut = "agent logged out"
    /// A disposition code that is not in the catalog.
    case unknownCode = "unknown disposition code"
    /// A disposition code that was retired.
    case retiredCode = "retired disposition code"
    /// A disposition set by an agent who never was a party of the interaction.
    case notAParty = "agent never was a party"
    /// A disposition code defined again with another label.
    case labelConflict = "disposition label conflict"
    /// An `at` earlier than the latest event of something the event belongs to.
    case outOfOrder = "event out of order"
    /// Anything but `disposition.set` after the interaction ended.
    case interactionEnded = "interaction ended"
    /// A second explicit `chat.ended`.
    case alreadyEnded = "chat already ended"
    /// `party.joined` while the chat has a connected owner.
    case ownerPresent = "owner already connected"
    /// A transfer requested by somebody other than the owner.
    case notOwner = "not the owner"
    /// The contact cannot be removed from the conference.
    case contactNotRemovable = "contact cannot be removed"
    /// An agent removing itself (it should leave instead).
    case selfRemoval = "agent cannot remove itself"
    /// A request made by a party that is not an agent.
    case requesterNotAgent = "requester is not an agent"
    /// A consultation-mode conference without an active consultation to that target.
    case consultationNotActive = "no active consultation"
    /// An event of a kind that does not apply to this interaction (e.g. a consultation of a consultation).
    case wrongInteractionKind = "wrong interaction kind"
}

/// An event rejected by a rule; nothing of it was written.
public struct RuleViolation: CategorizedError, Sendable, Equatable, CustomStringConvertible {
    /// The rejected event's id.
    public var eventId: String
    /// The rule it breaks.
    public var rule: Rule
    /// The offending value, in a sentence.
    public var detail: String

    /// Creates a violation.
    package init(eventId: String, rule: Rule, detail: String) {
        self.eventId = eventId
        self.rule = rule
        self.detail = detail
    }

    /// `<rule>: <detail>` — the import prefixes `line N: event ID: `.
    package var reason: String { "\(rule.rawValue): \(detail)" }

    /// `event ID: <rule>: <detail>`.
    public var description: String { "event \(eventId): \(reason)" }

    /// A broken rule is bad input data.
    public var category: ErrorCategory { .data }
}
