/// One event of the log, decoded and with defaults applied: Docs/EventFormat.md#events describes each type.
public struct Event: Sendable, Equatable {
    /// Unique within a database (Docs/EventFormat.md#identity).
    public var id: String
    /// When, in milliseconds since the epoch (sub-millisecond digits truncated: Docs/EventFormat.md#times).
    public var at: Int64
    /// What happened.
    public var body: Body

    /// Creates an event.
    public init(id: String, at: Int64, body: Body) {
        self.id = id
        self.at = at
        self.body = body
    }

    /// The event's payload, one case per `type`.
    public enum Body: Sendable, Equatable {
        /// `agent.state`. See Docs/EventFormat.md#event-agent-state.
        case agentState(agent: String, state: AgentState, channel: String, reason: String?)
        /// `chat.started`: the contact joins at once. See Docs/EventFormat.md#event-chat-started.
        case chatStarted(interaction: String, contact: String, contactName: String?)
        /// `party.joined`: the agent who accepts the routed chat becomes its owner. See Docs/EventFormat.md#event-party-joined.
        case partyJoined(interaction: String, agent: String)
        /// `message`. See Docs/EventFormat.md#event-message.
        case message(interaction: String, party: String, text: String, visibility: Visibility)
        /// `conference.requested`. See Docs/EventFormat.md#event-conference-requested.
        case conferenceRequested(interaction: String, request: String, from: String, target: Target, mode: ConferenceMode, consultation: String?)
        /// `consultation.requested`: `interaction` is the new consultation's id. See Docs/EventFormat.md#event-consultation-requested.
        case consultationRequested(interaction: String, parent: String, request: String, from: String, target: Target)
        /// `transfer.requested`. See Docs/EventFormat.md#event-transfer-requested.
        case transferRequested(interaction: String, request: String, from: String, target: Target)
        /// `conference.accepted`, `consultation.accepted`, `transfer.accepted`. See Docs/EventFormat.md#event-accepted.
        case accepted(kind: RequestKind, request: String, agent: String)
        /// `conference.released`, `consultation.released`, `transfer.released`. See Docs/EventFormat.md#event-released.
        case released(kind: RequestKind, request: String, reason: ReleaseReason)
        /// `party.removed`: Delete From Conference. See Docs/EventFormat.md#event-party-removed.
        case partyRemoved(interaction: String, party: String, by: String)
        /// `party.left`: reason `ended` or `disconnected`. See Docs/EventFormat.md#event-party-left.
        case partyLeft(interaction: String, party: String, reason: LeaveReason)
        /// `disposition.set`. See Docs/EventFormat.md#event-disposition-set.
        case dispositionSet(interaction: String, agent: String, code: String)
        /// `chat.ended`. See Docs/EventFormat.md#event-chat-ended.
        case chatEnded(interaction: String)
        /// `disposition.defined`. See Docs/EventFormat.md#event-disposition-defined.
        case dispositionDefined(code: String, label: String)
        /// `disposition.retired`. See Docs/EventFormat.md#event-disposition-retired.
        case dispositionRetired(code: String)
    }

    /// The event's `type` as written in the log.
    public var type: String {
        switch body {
        case .agentState: return "agent.state"
        case .chatStarted: return "chat.started"
        case .partyJoined: return "party.joined"
        case .message: return "message"
        case .conferenceRequested: return "conference.requested"
        case .consultationRequested: return "consultation.requested"
        case .transferRequested: return "transfer.requested"
        // Literals, not interpolation: the type is read for every stored event.
        case .accepted(let kind, _, _):
            switch kind {
            case .conference: return "conference.accepted"
            case .consultation: return "consultation.accepted"
            case .transfer: return "transfer.accepted"
            }
        case .released(let kind, _, _):
            switch kind {
            case .conference: return "conference.released"
            case .consultation: return "consultation.released"
            case .transfer: return "transfer.released"
            }
        case .partyRemoved: return "party.removed"
        case .partyLeft: return "party.left"
        case .dispositionSet: return "disposition.set"
        case .chatEnded: return "chat.ended"
        case .dispositionDefined: return "disposition.defined"
        case .dispositionRetired: return "disposition.retired"
        }
    }

    /// The event's fields with defaults applied, sorted by key (nested objects flattened as
    /// `contact.id`): equal for two events exactly when they are the same (Docs/EventFormat.md#identity).
    package var canonicalFields: [(String, Cell)] {
        var fields: [(String, Cell)] = [("id", .text(id)), ("type", .text(type)), ("at", .integer(at))]
        func add(_ key: String, _ value: String?) { fields.append((key, .text(value))) }
        func addTarget(_ target: Target) {  // flattened with literal keys: no interpolation per event
            add("target.kind", target.kind.rawValue)
            add("target.id", target.id)
        }
        switch body {
        case let .agentState(agent, state, channel, reason):
            add("agent", agent); add("state", state.rawValue); add("channel", channel); add("reason", reason)
        case let .chatStarted(interaction, contact, name):
            add("interaction", interaction); add("contact.id", contact); add("contact.name", name)
        case let .partyJoined(interaction, agent):
            add("interaction", interaction); add("party.kind", "agent"); add("party.id", agent); add("role", "owner")
        case let .message(interaction, party, text, visibility):
            add("interaction", interaction); add("party", party); add("text", text); add("visibility", visibility.rawValue)
        case let .conferenceRequested(interaction, request, from, target, mode, consultation):
            add("interaction", interaction); add("request", request); add("from", from); addTarget(target)
            add("mode", mode.rawValue); add("consultation", consultation)
        case let .consultationRequested(interaction, parent, request, from, target):
            add("interaction", interaction); add("parent", parent); add("request", request); add("from", from); addTarget(target)
        case let .transferRequested(interaction, request, from, target):
            add("interaction", interaction); add("request", request); add("from", from); addTarget(target)
        case let .accepted(_, request, agent):
            add("request", request); add("agent", agent)
        case let .released(_, request, reason):
            add("request", request); add("reason", reason.rawValue)
        case let .partyRemoved(interaction, party, by):
            add("interaction", interaction); add("party", party); add("by", by)
        case let .partyLeft(interaction, party, reason):
            add("interaction", interaction); add("party", party); add("reason", reason.rawValue)
        case let .dispositionSet(interaction, agent, code):
            add("interaction", interaction); add("agent", agent); add("code", code)
        case let .chatEnded(interaction):
            add("interaction", interaction)
        case let .dispositionDefined(code, label):
            add("code", code); add("label", label)
        case let .dispositionRetired(code):
            add("code", code)
        }
        // Keys are ASCII, so Swift's ordering here is byte order.
        fields.removeAll { $0.1 == .null }
        fields.sort { $0.0 < $1.0 }
        return fields
    }

    /// The canonical JSON of the event (sorted keys, defaults applied, `at` in milliseconds).
    package var canonicalJSON: String { JSONWriter.object(canonicalFields) }
}
