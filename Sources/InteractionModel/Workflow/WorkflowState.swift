/// One party's connection to an interaction.
public struct ConnectionState: Sendable, Equatable {
    /// The party's id.
    public var party: String
    /// Contact or agent.
    public var kind: PartyKind
    /// How the party came in: contact, owner, conference, transfer, consultation.
    public var role: String
    /// When it joined.
    public var joinedAt: Int64
    /// When it left; nil while connected.
    public var leftAt: Int64?
    /// The request it came in by, if any.
    public var request: String?

    /// True while connected.
    public var isConnected: Bool { leftAt == nil }

    /// Creates a connection.
    public init(party: String, kind: PartyKind, role: String, joinedAt: Int64, leftAt: Int64? = nil, request: String? = nil) {
        self.party = party
        self.kind = kind
        self.role = role
        self.joinedAt = joinedAt
        self.leftAt = leftAt
        self.request = request
    }
}

/// What the rules need to know about one interaction.
public struct InteractionState: Sendable, Equatable {
    /// Its id.
    public var id: String
    /// Chat or consultation.
    public var kind: InteractionKind
    /// The parent chat of a consultation.
    public var parent: String?
    /// The contact of a chat.
    public var contact: String?
    /// The current owner.
    public var owner: String?
    /// When it ended; nil while active.
    public var endedAt: Int64?
    /// True once an explicit `chat.ended` was received.
    public var endEventSeen: Bool
    /// The time of its latest event.
    public var latestAt: Int64
    /// Every connection, in join order.
    public var connections: [ConnectionState]

    /// True while the interaction has not ended.
    public var isActive: Bool { endedAt == nil }

    /// Creates an interaction state.
    public init(id: String, kind: InteractionKind, parent: String?, contact: String?, owner: String?, endedAt: Int64?,
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
    public func connection(of party: String) -> ConnectionState? {
        connections.last { $0.party.same(party) && $0.isConnected }
    }

    /// Connected agents in join order.
    public var connectedAgents: [ConnectionState] {
        connections.filter { $0.kind == .agent && $0.isConnected }
    }

    /// True when `party` was ever connected.
    public func everConnected(_ party: String) -> Bool {
        connections.contains { $0.party.same(party) }
    }
}

/// A conference, consultation or transfer request.
public struct RequestState: Sendable, Equatable {
    /// Pending, accepted or released.
    public enum Status: String, Sendable { case pending, accepted, released }

    /// Its id.
    public var id: String
    /// Conference, consultation or transfer.
    public var kind: RequestKind
    /// The interaction it was made in (for a consultation request: the consultation).
    public var interaction: String
    /// For a consultation-mode conference: the consultation it converts.
    public var consultation: String?
    /// The requesting agent.
    public var from: String
    /// The internal target.
    public var target: Target
    /// Conference mode; nil for other kinds.
    public var mode: ConferenceMode?
    /// When it was requested.
    public var requestedAt: Int64
    /// Where it stands.
    public var status: Status

    /// Creates a request.
    public init(id: String, kind: RequestKind, interaction: String, consultation: String?, from: String, target: Target,
                mode: ConferenceMode?, requestedAt: Int64, status: Status) {
        self.id = id
        self.kind = kind
        self.interaction = interaction
        self.consultation = consultation
        self.from = from
        self.target = target
        self.mode = mode
        self.requestedAt = requestedAt
        self.status = status
    }
}

/// An agent state change as the rules see it.
public struct AgentStateChange: Sendable, Equatable {
    /// The state entered.
    public var state: AgentState
    /// When.
    public var at: Int64

    /// Creates a change.
    public init(state: AgentState, at: Int64) {
        self.state = state
        self.at = at
    }
}

/// A disposition code in the catalog.
public struct DispositionCodeState: Sendable, Equatable {
    /// Its label.
    public var label: String
    /// True once retired.
    public var retired: Bool

    /// Creates a catalog entry.
    public init(label: String, retired: Bool) {
        self.label = label
        self.retired = retired
    }
}

/// Key of an agent's state timeline: agent and channel, compared as exact bytes.
public struct AgentChannel: Sendable, Hashable {
    /// Byte-wise equality of both ids.
    public static func == (lhs: AgentChannel, rhs: AgentChannel) -> Bool {
        lhs.agent.same(rhs.agent) && lhs.channel.same(rhs.channel)
    }

    /// Hashes both ids' bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ExactID(agent))
        hasher.combine(ExactID(channel))
    }

    /// The agent.
    public var agent: String
    /// The channel (`chat` by default).
    public var channel: String

    /// Creates a key.
    public init(agent: String, channel: String) {
        self.agent = agent
        self.channel = channel
    }
}

/// The part of the world an event is checked against.
///
/// The apply path loads just what one event needs from the database; tests keep a whole
/// world in memory. Either way the rules in `WorkflowState.apply(_:)` see the same values.
public struct WorkflowState: Sendable {
    /// Interactions by id.
    public var interactions: [ExactID: InteractionState] = [:]
    /// Requests by id.
    public var requests: [ExactID: RequestState] = [:]
    /// Each agent's state changes per channel, in time order.
    public var agentStates: [AgentChannel: [AgentStateChange]] = [:]
    /// The disposition catalog.
    public var codes: [ExactID: DispositionCodeState] = [:]

    /// An empty world.
    public init() {}

    /// The agent's state in effect at `time` (the last change at or before it), nil when none.
    public func agentState(_ agent: String, channel: String = "chat", at time: Int64) -> AgentState? {
        agentStates[AgentChannel(agent: agent, channel: channel)]?.last { $0.at <= time }?.state
    }

    /// Pending requests made in `interaction`.
    public func pendingRequests(in interaction: String) -> [RequestState] {
        requests.values.filter { $0.interaction.same(interaction) && $0.status == .pending }.sorted { ($0.requestedAt, $0.id) < ($1.requestedAt, $1.id) }
    }

    /// Active consultations whose parent is `chat`, by id.
    public func openConsultations(of chat: String) -> [InteractionState] {
        interactions.values.filter { $0.parent.same(chat) && $0.isActive }.sorted { $0.id < $1.id }
    }
}
