/// One write an accepted event causes; the apply path persists them in order.
///
/// Changes that add timeline entries (`join`, `leave`, `ownership`, `message`) are numbered
/// and hash-chained by the persistence layer in the order given here.
package enum Change: Sendable, Equatable {
    /// A new chat or consultation.
    case createInteraction(id: String, kind: InteractionKind, parent: String?, contact: String?, contactName: String?, at: Int64)
    /// A party connects (timeline `joined`).
    case join(interaction: String, party: String, kind: PartyKind, role: String, at: Int64, request: String?)
    /// A connection ends (timeline `left`, or `removed` when `by` is set).
    case leave(interaction: String, party: String, at: Int64, reason: LeaveReason, by: String?)
    /// The interaction passes to `agent` (timeline `ownership`); `reason` is `automatic` or `transfer`.
    case ownership(interaction: String, agent: String, at: Int64, reason: String)
    /// The first owner arrives (`party.joined`, or the requester of a consultation): no timeline entry of its own.
    case setOwner(interaction: String, agent: String)
    /// A message (timeline `message`).
    case message(interaction: String, party: String, at: Int64, text: String, visibility: Visibility)
    /// The interaction ends.
    case end(interaction: String, at: Int64)
    /// An explicit `chat.ended` was received (a second one is refused).
    case noteEndEvent(interaction: String)
    /// The interaction's latest event time moves to `at`.
    case touch(interaction: String, at: Int64)
    /// A new request.
    case createRequest(RequestState)
    /// A request is answered.
    case answerRequest(id: String, outcome: RequestOutcome, at: Int64, acceptedBy: String?)
    /// A disposition code enters the catalog.
    case defineCode(code: String, label: String, at: Int64)
    /// A disposition code is retired.
    case retireCode(code: String, at: Int64)
    /// An agent sets a disposition.
    case setDisposition(interaction: String, agent: String, code: String, at: Int64)
    /// An agent's state changes.
    case agentState(agent: String, channel: String, state: AgentState, reason: String?, at: Int64)
}
