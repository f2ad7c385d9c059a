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

/// A conference, consultation or transfer request.
package struct RequestState: Sendable, Equatable {
    /// Pending, accepted or released.
    package enum Status: String, Sendable { case pending, accepted, released }

    /// Its id.
    package var id: String
    /// Conference, consultation or transfer.
    package var kind: RequestKind
    /// The interaction it was made in (for a consultation request: the consultation).
    package var interaction: String
    /// For a consultation-mode conference: the consultation it converts.
    package var consultation: String?
    /// The requesting agent.
    package var from: String
    /// The internal target.
    package var target: Target
    /// Conference mode; nil for other kinds.
    package var mode: ConferenceMode?
    /// When it was requested.
    package var requestedAt: Int64
    /// Where it stands.
    package var status: Status

    /// Creates a request.
    package init(id: String, kind: RequestKind, interaction: String, consultation: String?, from: String, target: Target,
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
package struct AgentStateChange: Sendable, Equatable {
    /// The state entered.
    package var state: AgentState
    /// When.
    package var at: Int64

    /// Creates a change.
    package init(state: AgentState, at: Int64) {
        self.state = state
        self.at = at
    }
}

/// A disposition code in the catalog.
package struct DispositionCodeState: Sendable, Equatable {
    /// Its label.
    package var label: String
    /// True once retired.
    package var retired: Bool

    /// Creates a catalog entry.
    package init(label: String, retired: Bool) {
        self.label = label
        self.retired = retired
    }
}

/// Key of an agent's state timeline: agent and channel, compared as exact bytes.
package struct AgentChannel: Sendable, Hashable {
    /// Byte-wise equality of both ids.
    package static func == (lhs: AgentChannel, rhs: AgentChannel) -> Bool {
        lhs.agent.same(rhs.agent) && lhs.channel.same(rhs.channel)
    }

    /// Hashes both ids' bytes.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(ExactID(agent))
        hasher.combine(ExactID(channel))
    }

    /// The agent.
    package var agent: String
    /// The channel (`chat` by default).
    package var channel: String

    /// Creates a key.
    package init(agent: String, channel: String) {
        self.agent = agent
        self.channel = channel
    }
}

/// The part of the world an event is checked against.
///
/// The apply path loads just what one event needs from the database; tests keep a whole
/// world in memory. Either way the rules in `WorkflowState.apply(_:)` see the same values.
package struct WorkflowState: Sendable {
    /// Interactions by id.
    package var interactions: [ExactID: InteractionState] = [:]
    /// Requests by id.
    package var requests: [ExactID: RequestState] = [:]
    /// Each agent's state changes per channel, in time order.
    package var agentStates: [AgentChannel: [AgentStateChange]] = [:]
    /// The disposition catalog.
    package var codes: [ExactID: DispositionCodeState] = [:]

    /// An empty world.
    package init() {}

    /// The agent's state in effect at `time` (the last change at or before it), nil when none.
    package func agentState(_ agent: String, channel: String = "chat", at time: Int64) -> AgentState? {
        agentStates[AgentChannel(agent: agent, channel: channel)]?.last { $0.at <= time }?.state
    }

    /// Pending requests made in `interaction`.
    package func pendingRequests(in interaction: String) -> [RequestState] {
        requests.values.filter { $0.interaction.same(interaction) && $0.status == .pending }.sorted { ($0.requestedAt, $0.id) < ($1.requestedAt, $1.id) }
    }

    /// Active consultations whose parent is `chat`, by id.
    package func openConsultations(of chat: String) -> [InteractionState] {
        interactions.values.filter { $0.parent.same(chat) && $0.isActive }.sorted { $0.id < $1.id }
    }
}
