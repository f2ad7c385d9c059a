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
