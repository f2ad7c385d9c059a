import StoreSQLite
import InteractionModel
/// Loads from the database exactly the part of the world one event is checked against.
///
/// For an interaction it loads its "cluster": the interaction, its parent chat, the chat's
/// consultations, every connection of those, their pending requests and the requests that
/// created the consultations. That is all the rules ever look at for an event.
struct StateLoader {
    let db: Connection

    func state(for event: Event) throws -> WorkflowState {
        var state = WorkflowState()
        try load(for: event, into: &state)
        return state
    }

    /// Adds to `state` what `event` needs and `state` does not hold yet. Agent states are always
    /// read afresh: the rules ask for the state at the event's time, which a cache cannot know.
    func load(for event: Event, into state: inout WorkflowState) throws {
        switch event.body {
        case let .agentState(agent, _, channel, _):
            try loadAgentState(agent, channel: channel, into: &state)
        case let .chatStarted(interaction, _, _):
            try loadCluster(interaction, into: &state)
        case let .partyJoined(interaction, _), let .message(interaction, _, _, _), let .partyRemoved(interaction, _, _),
             let .partyLeft(interaction, _, _), let .chatEnded(interaction):
            try loadCluster(interaction, into: &state)
        case let .conferenceRequested(interaction, request, _, _, _, consultation):
            try loadCluster(interaction, into: &state)
            if let consultation { try loadCluster(consultation, into: &state) }
            try loadRequest(request, into: &state)
        case let .consultationRequested(consultation, parent, request, _, _):
            try loadCluster(consultation, into: &state)
            try loadCluster(parent, into: &state)
            try loadRequest(request, into: &state)
        case let .transferRequested(interaction, request, _, _):
            try loadCluster(interaction, into: &state)
            try loadRequest(request, into: &state)
        case let .accepted(_, request, agent):
            try loadRequest(request, into: &state)
            if let loaded = state.requests[request] {
                try loadCluster(loaded.interaction, into: &state)
                if let consultation = loaded.consultation { try loadCluster(consultation, into: &state) }
            }
            try loadAgentState(agent, channel: "chat", at: event.at, into: &state)
        case let .released(_, request, _):
            try loadRequest(request, into: &state)
            if let loaded = state.requests[request] { try loadCluster(loaded.interaction, into: &state) }
        case let .dispositionSet(interaction, _, code):
            try loadCluster(interaction, into: &state)
            try loadCode(code, into: &state)
        case let .dispositionDefined(code, _), let .dispositionRetired(code):
            try loadCode(code, into: &state)
        }
    }

    // MARK: Interactions

    private func loadCluster(_ id: String, into state: inout WorkflowState) throws {
        guard state.interactions[id] == nil, let interaction = try loadInteraction(id, into: &state) else { return }
        let root = interaction.parent ?? interaction.id
        if root != id { _ = try loadInteraction(root, into: &state) }
        try db.forEach("SELECT id FROM interactions WHERE parent_id = ? AND status = 'active'", [root]) { row in
            let consultation = row.string(0)
            if state.interactions[consultation] == nil { _ = try loadInteraction(consultation, into: &state) }
        }
    }

    @discardableResult
    private func loadInteraction(_ id: String, into state: inout WorkflowState) throws -> InteractionState? {
        if let loaded = state.interactions[id] { return loaded }
        guard var interaction = try db.queryOne(
            "SELECT id, kind, parent_id, contact_id, owner_id, ended_at, end_event_seen, latest_at FROM interactions WHERE id = ?", [id], { row in
                try InteractionState(id: row.string(0), kind: row.vocabulary(1, InteractionKind.self, table: "interactions", column: "kind"), parent: row.optionalString(2),
                                 contact: row.optionalString(3), owner: row.optionalString(4), endedAt: row.optionalInt64(5),
                                 endEventSeen: row.int64(6) == 1, latestAt: row.int64(7), connections: [])
            }) else { return nil }
        interaction.connections = try db.query(
            "SELECT party_id, party_kind, role, joined_at, left_at, request_id FROM connections WHERE interaction_id = ? ORDER BY id", [id]) { row in
            try ConnectionState(party: row.string(0), kind: row.vocabulary(1, PartyKind.self, table: "connections", column: "party_kind"), role: row.string(2),
                            joinedAt: row.int64(3), leftAt: row.optionalInt64(4), request: row.optionalString(5))
        }
        state.interactions[id] = interaction
        try db.forEach("SELECT " + Self.requestColumns + " FROM requests WHERE interaction_id = ? AND (status = 'pending' OR kind = 'consultation')", [id]) { row in
            let request = try Self.request(row)
            state.requests[request.id] = request
        }
        return interaction
    }

    // MARK: Requests

    static let requestColumns = "id, kind, interaction_id, consultation_id, from_agent, target_kind, target_id, mode, requested_at, status"

    /// - Throws: `StoreError.undecodableValue` for a stored value outside the vocabulary.
    static func request(_ row: Statement) throws -> RequestState {
        try RequestState(id: row.string(0), kind: row.vocabulary(1, RequestKind.self, table: "requests", column: "kind"), interaction: row.string(2),
                     consultation: row.optionalString(3), from: row.string(4),
                     target: Target(kind: row.vocabulary(5, TargetKind.self, table: "requests", column: "target_kind"), id: row.string(6)),
                     mode: row.optionalVocabulary(7, ConferenceMode.self, table: "requests", column: "mode"), requestedAt: row.int64(8),
                     status: row.vocabulary(9, RequestState.Status.self, table: "requests", column: "status"))
    }

    private func loadRequest(_ id: String, into state: inout WorkflowState) throws {
        guard state.requests[id] == nil,
              let request = try db.queryOne("SELECT " + Self.requestColumns + " FROM requests WHERE id = ?", [id], Self.request) else { return }
        state.requests[id] = request
    }

    // MARK: Agents and codes

    /// The agent's state change in effect at `time` (the latest one when `time` is nil),
    /// replacing whatever the state held for that agent.
    private func loadAgentState(_ agent: String, channel: String, at time: Int64? = nil, into state: inout WorkflowState) throws {
        let key = AgentChannel(agent: agent, channel: channel)
        state.agentStates[key] = nil
        if let change = try db.queryOne(
            "SELECT state, at FROM agent_states WHERE agent_id = ? AND channel = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1",
            [agent, channel, time ?? .max], Self.agentStateChange) {
            state.agentStates[key] = [change]
        }
    }

    private static func agentStateChange(_ row: Statement) throws -> AgentStateChange {
        try AgentStateChange(state: row.vocabulary(0, AgentState.self, table: "agent_states", column: "state"), at: row.int64(1))
    }

    private func loadCode(_ code: String, into state: inout WorkflowState) throws {
        guard state.codes[code] == nil else { return }
        if let entry = try db.queryOne("SELECT label, retired_at FROM disposition_codes WHERE code = ?", [code], {
            DispositionCodeState(label: $0.string(0), retired: !$0.isNull(1))
        }) {
            state.codes[code] = entry
        }
    }
}
