/// The checks the rules share. Each throws the violation and changes nothing.
extension WorkflowState {
    /// The interaction, which must exist, be active, and not have a later event than this one.
    func activeInteraction(_ id: String, _ effects: inout Effects) throws(RuleViolation) -> InteractionState {
        guard let interaction = interactions[id] else {
            throw effects.violation(.unknownInteraction, .noInteraction(id))
        }
        guard interaction.isActive else {
            throw effects.violation(.interactionEnded, .ended(interaction: id, at: interaction.endedAt ?? 0))
        }
        try requireInOrder(id, &effects)
        return interaction
    }

    /// The event's time must not be earlier than the interaction's latest event (Docs/EventFormat.md#order).
    func requireInOrder(_ id: String, _ effects: inout Effects) throws(RuleViolation) {
        if let latest = interactions[id]?.latestAt, effects.event.at < latest {
            throw effects.violation(.outOfOrder, .earlierThanInteraction(at: effects.event.at, interaction: id, latest: latest))
        }
    }

    func requireConnected(_ party: String, in interaction: InteractionState, _ effects: inout Effects) throws(RuleViolation) {
        guard interaction.connection(of: party) == nil else { return }
        if interaction.everConnected(party) {
            throw effects.violation(.notConnected, .partyLeft(party: party, interaction: interaction.id))
        }
        throw effects.violation(.unknownParty, .notAParty(party: party, interaction: interaction.id))
    }

    func requireRequester(_ agent: String, in interaction: InteractionState, _ effects: inout Effects) throws(RuleViolation) {
        try requireConnected(agent, in: interaction, &effects)
        if interaction.connection(of: agent)?.kind != .agent {
            throw effects.violation(.requesterNotAgent, .requesterIsContact(agent))
        }
    }

    func requireNewRequest(_ id: String, _ effects: inout Effects) throws(RuleViolation) {
        if requests[id] != nil {
            throw effects.violation(.duplicateRequest, .requestExists(id))
        }
    }

    func requireTargetNotConnected(_ target: Target, in interaction: InteractionState, _ effects: inout Effects) throws(RuleViolation) {
        if target.kind == .agent, interaction.connection(of: target.id) != nil {
            throw effects.violation(.alreadyConnected, .targetConnected(agent: target.id, interaction: interaction.id))
        }
    }

    /// A consultation-mode conference must name an accepted, not ended consultation of the
    /// interaction whose target is the conference's target (Docs/EventFormat.md#rule-consultation-not-active).
    func requireActiveConsultation(_ id: String, of parent: String, target: Target, _ effects: inout Effects) throws(RuleViolation) {
        guard let consultation = interactions[id], consultation.kind == .consultation, consultation.parent.same(parent) else {
            throw effects.violation(.consultationNotActive, .notAConsultationOf(consultation: id, parent: parent))
        }
        guard consultation.isActive else {
            throw effects.violation(.consultationNotActive, .consultationEnded(id))
        }
        guard let request = consultationRequest(of: id), request.status == .accepted else {
            throw effects.violation(.consultationNotActive, .consultationNotAccepted(id))
        }
        guard request.target.kind == target.kind, request.target.id.same(target.id) else {
            throw effects.violation(.consultationNotActive, .consultationWithAnother(consultation: id, agent: request.target.id, target: target.id))
        }
    }

    /// The request that created a consultation.
    func consultationRequest(of consultation: String) -> RequestState? {
        requests.values.first { $0.kind == .consultation && $0.interaction.same(consultation) }
    }

    func pendingRequest(_ id: String, kind: RequestKind, _ effects: inout Effects) throws(RuleViolation) -> RequestState {
        guard let request = requests[id] else {
            throw effects.violation(.unknownRequest, .noRequest(id))
        }
        guard request.kind == kind else {
            throw effects.violation(.wrongRequestKind, .requestKind(request: id, actual: request.kind, expected: kind))
        }
        guard request.status == .pending else {
            throw effects.violation(.notPending, .requestAnswered(request: id, status: request.status.rawValue))
        }
        return request
    }
}

/// The effects the rules share: each updates the state and records the change.
extension WorkflowState {
    mutating func touch(_ id: String, _ effects: inout Effects) {
        guard let latest = interactions[id]?.latestAt, effects.event.at > latest else { return }
        interactions[id]?.latestAt = effects.event.at
        effects.changes.append(.touch(interaction: id, at: effects.event.at))
    }

    mutating func join(_ id: String, party: String, kind: PartyKind, role: String, request: String?, _ effects: inout Effects) {
        let at = effects.event.at
        interactions[id]?.connections.append(ConnectionState(party: party, kind: kind, role: role, joinedAt: at, request: request))
        effects.changes.append(.join(interaction: id, party: party, kind: kind, role: role, at: at, request: request))
    }

    mutating func leave(_ id: String, party: String, reason: LeaveReason, by: String?, _ effects: inout Effects) {
        guard let index = interactions[id]?.connections.lastIndex(where: { $0.party.same(party) && $0.isConnected }) else { return }
        interactions[id]?.connections[index].leftAt = effects.event.at
        effects.changes.append(.leave(interaction: id, party: party, at: effects.event.at, reason: reason, by: by))
    }

    mutating func createRequest(_ request: RequestState, _ effects: inout Effects) {
        requests[request.id] = request
        effects.changes.append(.createRequest(request))
    }

    mutating func answer(_ id: String, outcome: RequestOutcome, acceptedBy: String?, _ effects: inout Effects) {
        requests[id]?.status = outcome == .accepted ? .accepted : .released
        effects.changes.append(.answerRequest(id: id, outcome: outcome, at: effects.event.at, acceptedBy: acceptedBy))
    }

    mutating func endInteraction(_ id: String, _ effects: inout Effects) {
        guard interactions[id]?.isActive == true else { return }
        interactions[id]?.endedAt = effects.event.at
        effects.changes.append(.end(interaction: id, at: effects.event.at))
    }

    /// An agent's connection ends: its pending requests are cancelled, ownership passes to the
    /// earliest-joined remaining agent, and when no agent remains the interaction ends
    /// (Docs/EventFormat.md#entries).
    mutating func agentLeaves(_ id: String, party: String, reason: LeaveReason, by: String?, _ effects: inout Effects) {
        let wasOwner = interactions[id]?.owner.same(party) == true
        leave(id, party: party, reason: reason, by: by, &effects)
        cancelPendingRequests(of: party, in: id, &effects)
        let remaining = interactions[id]?.connectedAgents ?? []
        if let next = remaining.first, wasOwner {
            interactions[id]?.owner = next.party
            effects.changes.append(.ownership(interaction: id, agent: next.party, at: effects.event.at, reason: "automatic"))
        } else if remaining.isEmpty {
            endEverything(id, &effects)
        }
    }

    /// Releases (cancelled) the pending requests `agent` made in `id`, and its pending
    /// consultation requests whose parent is `id` (those consultations end).
    mutating func cancelPendingRequests(of agent: String, in id: String, _ effects: inout Effects) {
        for request in pendingRequests(in: id) where request.from.same(agent) {
            answer(request.id, outcome: .cancelled, acceptedBy: nil, &effects)
            if request.kind == .consultation { endEverything(request.interaction, &effects) }
        }
        for consultation in openConsultations(of: id) {
            for request in pendingRequests(in: consultation.id) where request.kind == .consultation && request.from.same(agent) {
                answer(request.id, outcome: .cancelled, acceptedBy: nil, &effects)
                endEverything(consultation.id, &effects)
            }
        }
    }

    /// Ends an interaction now: every connected party leaves (`chat_ended`, join order), pending
    /// requests are cancelled, a chat's open consultations end with it (Docs/EventFormat.md#event-chat-ended).
    mutating func endEverything(_ id: String, _ effects: inout Effects) {
        guard let interaction = interactions[id], interaction.isActive else { return }
        if interactions[id].map({ effects.event.at > $0.latestAt }) == true {
            interactions[id]?.latestAt = effects.event.at
            effects.changes.append(.touch(interaction: id, at: effects.event.at))
        }
        for connection in interaction.connections where connection.isConnected {
            leave(id, party: connection.party, reason: .chatEnded, by: nil, &effects)
        }
        for request in pendingRequests(in: id) {
            answer(request.id, outcome: .cancelled, acceptedBy: nil, &effects)
        }
        endInteraction(id, &effects)
        if interaction.kind == .chat {
            for consultation in openConsultations(of: id) {
                endEverything(consultation.id, &effects)
            }
        }
    }
}
