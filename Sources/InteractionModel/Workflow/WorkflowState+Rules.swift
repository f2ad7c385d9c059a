/// The checks the rules share. Each throws the violation and changes nothing.
extension WorkflowState {
    /// The interaction, which must exist, be active, and not have a later event than this one.
    func activeInteraction(_ id: String, _ effects: inout Effects) throws(RuleViolation) -> InteractionState {
        guard let interaction = interactions[id] else {
            throw effects.violation(.unknownInteraction, "interaction \(shown(id)) does not exist")
        }
        guard interaction.isActive else {
            throw effects.violation(.interactionEnded, "interaction \(shown(id)) ended at \(Timestamp.format(interaction.endedAt ?? 0)); only disposition.set may follow")
        }
        try requireInOrder(id, &effects)
        return interaction
    }

    /// The event's time must not be earlier than the interaction's latest event.
    func requireInOrder(_ id: String, _ effects: inout Effects) throws(RuleViolation) {
        if let latest = interactions[id]?.latestAt, effects.event.at < latest {
            throw effects.violation(.outOfOrder, "at \(Timestamp.format(effects.event.at)) is earlier than interaction \(shown(id))'s latest event at \(Timestamp.format(latest))")
        }
    }

    func requireConnected(_ party: String, in interaction: InteractionState, _ effects: inout Effects) throws(RuleViolation) {
        guard interaction.connection(of: party) == nil else { return }
        if interaction.everConnected(party) {
            throw effects.violation(.notConnected, "party \(shown(party)) is no longer connected to \(shown(interaction.id))")
        }
        throw effects.violation(.unknownParty, "party \(shown(party)) is not a party of \(shown(interaction.id))")
    }

    func requireRequester(_ agent: String, in interaction: InteractionState, _ effects: inout Effects) throws(RuleViolation) {
        try requireConnected(agent, in: interaction, &effects)
        if interaction.connection(of: agent)?.kind != .agent {
            throw effects.violation(.requesterNotAgent, "\(shown(agent)) is the contact; only a connected agent may make a request")
        }
    }

    func requireNewRequest(_ id: String, _ effects: inout Effects) throws(RuleViolation) {
        if requests[id] != nil {
            throw effects.violation(.duplicateRequest, "request \(shown(id)) already exists")
        }
    }

    func requireTargetNotConnected(_ target: Target, in interaction: InteractionState, _ effects: inout Effects) throws(RuleViolation) {
        if target.kind == .agent, interaction.connection(of: target.id) != nil {
            throw effects.violation(.alreadyConnected, "target agent \(shown(target.id)) is already connected to \(shown(interaction.id))")
        }
    }

    /// A consultation-mode conference must name an accepted, not ended consultation of the
    /// interaction whose target is the conference's target.
    func requireActiveConsultation(_ id: String, of parent: String, target: Target, _ effects: inout Effects) throws(RuleViolation) {
        guard let consultation = interactions[id], consultation.kind == .consultation, consultation.parent.same(parent) else {
            throw effects.violation(.consultationNotActive, "\(shown(id)) is not a consultation of \(shown(parent))")
        }
        guard consultation.isActive else {
            throw effects.violation(.consultationNotActive, "consultation \(shown(id)) has ended")
        }
        guard let request = consultationRequest(of: id), request.status == .accepted else {
            throw effects.violation(.consultationNotActive, "consultation \(shown(id)) was not accepted")
        }
        guard request.target.kind == target.kind, request.target.id.same(target.id) else {
            throw effects.violation(.consultationNotActive, "consultation \(shown(id)) is with \(shown(request.target.id)), not with the conference target \(shown(target.id))")
        }
    }

    /// The request that created a consultation.
    func consultationRequest(of consultation: String) -> RequestState? {
        requests.values.first { $0.kind == .consultation && $0.interaction.same(consultation) }
    }

    func pendingRequest(_ id: String, kind: RequestKind, _ effects: inout Effects) throws(RuleViolation) -> RequestState {
        guard let request = requests[id] else {
            throw effects.violation(.unknownRequest, "request \(shown(id)) does not exist")
        }
        guard request.kind == kind else {
            throw effects.violation(.wrongRequestKind, "request \(shown(id)) is a \(request.kind.rawValue) request, not a \(kind.rawValue) request")
        }
        guard request.status == .pending else {
            throw effects.violation(.notPending, "request \(shown(id)) was already \(request.status.rawValue)")
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
    /// earliest-joined remaining agent, and when no agent remains the interaction ends.
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
    /// requests are cancelled, a chat's open consultations end with it.
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
