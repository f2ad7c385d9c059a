/// The rules an event can break, one case per section of Docs/EventFormat.md#rules (its heading is the raw value).
public enum Rule: String, Sendable, CaseIterable {
    /// The event names an interaction the store does not hold.
    /// See Docs/EventFormat.md#rule-unknown-interaction.
    case unknownInteraction = "unknown interaction"
    /// The event names a request the store does not hold.
    /// See Docs/EventFormat.md#rule-unknown-request.
    case unknownRequest = "unknown request"
    /// The event names a party that never was in the interaction.
    /// See Docs/EventFormat.md#rule-unknown-party.
    case unknownParty = "unknown party"
    /// A second `chat.started` (or consultation) for an interaction id.
    /// See Docs/EventFormat.md#rule-duplicate-interaction.
    case duplicateInteraction = "duplicate interaction"
    /// A request id used twice.
    /// See Docs/EventFormat.md#rule-duplicate-request.
    case duplicateRequest = "duplicate request"
    /// An event id reused with different content.
    /// See Docs/EventFormat.md#rule-conflicting-event-id.
    case conflictingEventId = "conflicting event id"
    /// A message or action from a party that is not connected.
    /// See Docs/EventFormat.md#rule-not-connected.
    case notConnected = "party not connected"
    /// Accepting or releasing a request that is not pending.
    /// See Docs/EventFormat.md#rule-not-pending.
    case notPending = "request not pending"
    /// A request answered with the wrong event family (e.g. `transfer.accepted` for a conference).
    /// See Docs/EventFormat.md#rule-wrong-request-kind.
    case wrongRequestKind = "wrong request kind"
    /// An agent joining an interaction it is already connected to (or a request to such a target).
    /// See Docs/EventFormat.md#rule-already-connected.
    case alreadyConnected = "already connected"
    /// The accepter is not the request's agent target.
    /// See Docs/EventFormat.md#rule-accepter-mismatch.
    case accepterMismatch = "accepter does not match target"
    /// The accepter's latest chat-channel state is `logged_out`.
    /// See Docs/EventFormat.md#rule-logged-out.
    case loggedOut = "agent logged out"
    /// A disposition code that is not in the catalog.
    /// See Docs/EventFormat.md#rule-unknown-code.
    case unknownCode = "unknown disposition code"
    /// A disposition code that was retired.
    /// See Docs/EventFormat.md#rule-retired-code.
    case retiredCode = "retired disposition code"
    /// A disposition set by an agent who never was a party of the interaction.
    /// See Docs/EventFormat.md#rule-not-a-party.
    case notAParty = "agent never was a party"
    /// A disposition code defined again with another label.
    /// See Docs/EventFormat.md#rule-label-conflict.
    case labelConflict = "disposition label conflict"
    /// An `at` earlier than the latest event of something the event belongs to.
    /// See Docs/EventFormat.md#rule-out-of-order.
    case outOfOrder = "event out of order"
    /// Anything but `disposition.set` after the interaction ended.
    /// See Docs/EventFormat.md#rule-interaction-ended.
    case interactionEnded = "interaction ended"
    /// A second explicit `chat.ended`.
    /// See Docs/EventFormat.md#rule-already-ended.
    case alreadyEnded = "chat already ended"
    /// `party.joined` while the chat has a connected owner.
    /// See Docs/EventFormat.md#rule-owner-present.
    case ownerPresent = "owner already connected"
    /// A transfer requested by somebody other than the owner.
    /// See Docs/EventFormat.md#rule-not-owner.
    case notOwner = "not the owner"
    /// The contact cannot be removed from the conference.
    /// See Docs/EventFormat.md#rule-contact-not-removable.
    case contactNotRemovable = "contact cannot be removed"
    /// An agent removing itself (it should leave instead).
    /// See Docs/EventFormat.md#rule-self-removal.
    case selfRemoval = "agent cannot remove itself"
    /// A request made by a party that is not an agent.
    /// See Docs/EventFormat.md#rule-requester-not-agent.
    case requesterNotAgent = "requester is not an agent"
    /// A consultation-mode conference without an active consultation to that target.
    /// See Docs/EventFormat.md#rule-consultation-not-active.
    case consultationNotActive = "no active consultation"
    /// An event of a kind that does not apply to this interaction (e.g. a consultation of a consultation).
    /// See Docs/EventFormat.md#rule-wrong-interaction-kind.
    case wrongInteractionKind = "wrong interaction kind"
}

/// An event rejected by a rule; nothing of it was written.
public struct RuleViolation: CategorizedError, Sendable, Equatable, CustomStringConvertible {
    /// The rejected event's id.
    public var eventId: String
    /// The rule it breaks.
    public var rule: Rule
    /// What exactly broke it: the ids and times involved.
    public var detail: Detail

    /// Creates a violation.
    package init(eventId: String, rule: Rule, detail: Detail) {
        self.eventId = eventId
        self.rule = rule
        self.detail = detail
    }

    /// `<rule>: <detail>` — the import prefixes `line N: event ID: ` (Docs/EventFormat.md#errors).
    package var reason: String { "\(rule.rawValue): \(detail)" }

    /// `event ID: <rule>: <detail>`.
    public var description: String { "event \(eventId): \(reason)" }

    /// A broken rule is bad input data.
    public var category: ErrorCategory { .data }
}
