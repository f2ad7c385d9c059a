/// The chat-conference workflow's rules as a pure state machine; Docs/EventFormat.md#rules lists them with
/// the checks each event type makes, in the order made here.
///
/// `apply(_:)` checks an event against the state first and throws the first rule it breaks,
/// leaving the state untouched; only then does it update the state and return the changes to
/// persist. It knows nothing of SQLite, files or clocks.
extension WorkflowState {
    /// Checks `event` and, when it breaks no rule, applies it and returns the changes to write.
    /// - Throws: `RuleViolation` naming the event, the rule and the offending value; the state is unchanged.
    package mutating func apply(_ event: Event) throws(RuleViolation) -> [Change] {
        var effects = Effects(event: event)
        switch event.body {
        case let .agentState(agent, state, channel, reason):
            let key = AgentChannel(agent: agent, channel: channel)
            if let latest = agentStates[key]?.last, event.at < latest.at {
                throw effects.violation(.outOfOrder, .earlierThanAgentState(at: event.at, agent: agent, channel: channel, latest: latest.at))
            }
            agentStates[key, default: []].append(AgentStateChange(state: state, at: event.at))
            effects.changes.append(.agentState(agent: agent, channel: channel, state: state, reason: reason, at: event.at))

        case let .chatStarted(interaction, contact, name):
            if interactions[interaction] != nil {
                throw effects.violation(.duplicateInteraction, .interactionExists(interaction))
            }
            effects.changes.append(.createInteraction(id: interaction, kind: .chat, parent: nil, contact: contact, contactName: name, at: event.at))
            interactions[interaction] = InteractionState(id: interaction, kind: .chat, parent: nil, contact: contact, owner: nil, endedAt: nil,
                                                         endEventSeen: false, latestAt: event.at, connections: [])
            join(interaction, party: contact, kind: .contact, role: "contact", request: nil, &effects)

        case let .partyJoined(interaction, agent):
            let chat = try activeInteraction(interaction, &effects)
            if chat.connection(of: agent) != nil {
                throw effects.violation(.alreadyConnected, .agentConnected(agent: agent, interaction: interaction))
            }
            if let owner = chat.owner, chat.connection(of: owner) != nil {
                throw effects.violation(.ownerPresent, .ownerConnected(interaction: interaction, owner: owner))
            }
            touch(interaction, &effects)
            join(interaction, party: agent, kind: .agent, role: "owner", request: nil, &effects)
            interactions[interaction]?.owner = agent
            effects.changes.append(.setOwner(interaction: interaction, agent: agent))

        case let .message(interaction, party, text, visibility):
            let chat = try activeInteraction(interaction, &effects)
            try requireConnected(party, in: chat, &effects)
            touch(interaction, &effects)
            effects.changes.append(.message(interaction: interaction, party: party, at: event.at, text: text, visibility: visibility))

        case let .conferenceRequested(interaction, request, from, target, mode, consultation):
            let chat = try activeInteraction(interaction, &effects)
            try requireNewRequest(request, &effects)
            try requireRequester(from, in: chat, &effects)
            try requireTargetNotConnected(target, in: chat, &effects)
            if mode == .consultation, let consultation {
                try requireActiveConsultation(consultation, of: interaction, target: target, &effects)
            }
            touch(interaction, &effects)
            createRequest(RequestState(id: request, kind: .conference, interaction: interaction, consultation: consultation, from: from,
                                       target: target, mode: mode, requestedAt: event.at, status: .pending), &effects)

        case let .consultationRequested(consultation, parent, request, from, target):
            if interactions[consultation] != nil {
                throw effects.violation(.duplicateInteraction, .interactionExists(consultation))
            }
            let chat = try activeInteraction(parent, &effects)
            guard chat.kind == .chat else {
                throw effects.violation(.wrongInteractionKind, .parentIsConsultation(parent))
            }
            try requireNewRequest(request, &effects)
            try requireRequester(from, in: chat, &effects)
            if target.kind == .agent, target.id.same(from) {
                throw effects.violation(.alreadyConnected, .consultsItself(agent: from))
            }
            touch(parent, &effects)
            effects.changes.append(.createInteraction(id: consultation, kind: .consultation, parent: parent, contact: nil, contactName: nil, at: event.at))
            interactions[consultation] = InteractionState(id: consultation, kind: .consultation, parent: parent, contact: nil, owner: from,
                                                          endedAt: nil, endEventSeen: false, latestAt: event.at, connections: [])
            join(consultation, party: from, kind: .agent, role: "owner", request: nil, &effects)
            effects.changes.append(.setOwner(interaction: consultation, agent: from))
            createRequest(RequestState(id: request, kind: .consultation, interaction: consultation, consultation: nil, from: from,
                                       target: target, mode: nil, requestedAt: event.at, status: .pending), &effects)

        case let .transferRequested(interaction, request, from, target):
            let chat = try activeInteraction(interaction, &effects)
            try requireNewRequest(request, &effects)
            try requireRequester(from, in: chat, &effects)
            guard chat.owner.same(from) else {
                throw effects.violation(.notOwner, .notOwner(owner: chat.owner, interaction: interaction, requester: from))
            }
            try requireTargetNotConnected(target, in: chat, &effects)
            touch(interaction, &effects)
            createRequest(RequestState(id: request, kind: .transfer, interaction: interaction, consultation: nil, from: from,
                                       target: target, mode: nil, requestedAt: event.at, status: .pending), &effects)

        case let .accepted(kind, requestID, agent):
            let request = try pendingRequest(requestID, kind: kind, &effects)
            let home = try activeInteraction(request.interaction, &effects)
            var parentOfConversion: InteractionState?
            if request.mode == .consultation, let consultation = request.consultation {
                let converted = try activeInteraction(consultation, &effects)
                _ = converted
                parentOfConversion = home
            }
            if request.target.kind == .agent, !request.target.id.same(agent) {
                throw effects.violation(.accepterMismatch, .accepterMismatch(request: requestID, target: request.target.id, accepter: agent))
            }
            if agentState(agent, at: event.at) == .loggedOut {
                throw effects.violation(.loggedOut, .loggedOut(agent: agent, at: event.at))
            }
            if home.connection(of: agent) != nil {
                throw effects.violation(.alreadyConnected, .agentConnected(agent: agent, interaction: home.id))
            }
            touch(request.interaction, &effects)
            if let consultation = request.consultation, parentOfConversion != nil { touch(consultation, &effects) }
            answer(requestID, outcome: .accepted, acceptedBy: agent, &effects)
            switch kind {
            case .conference:
                if request.mode == .consultation, let consultation = request.consultation {
                    // The consultation ends first (both agents leave, conferenced), then the target joins the chat.
                    for connection in interactions[consultation]?.connectedAgents ?? [] {
                        leave(consultation, party: connection.party, reason: .conferenced, by: nil, &effects)
                    }
                    endInteraction(consultation, &effects)
                }
                join(request.interaction, party: agent, kind: .agent, role: "conference", request: requestID, &effects)
            case .consultation:
                join(request.interaction, party: agent, kind: .agent, role: "consultation", request: requestID, &effects)
            case .transfer:
                join(request.interaction, party: agent, kind: .agent, role: "transfer", request: requestID, &effects)
                interactions[request.interaction]?.owner = agent
                effects.changes.append(.ownership(interaction: request.interaction, agent: agent, at: event.at, reason: "transfer"))
                if interactions[request.interaction]?.connection(of: request.from) != nil {
                    agentLeaves(request.interaction, party: request.from, reason: .transferred, by: nil, &effects)
                }
            }

        case let .released(kind, requestID, reason):
            let request = try pendingRequest(requestID, kind: kind, &effects)
            try requireInOrder(request.interaction, &effects)
            touch(request.interaction, &effects)
            answer(requestID, outcome: RequestOutcome(rawValue: reason.rawValue) ?? .cancelled, acceptedBy: nil, &effects)
            if kind == .consultation {
                // A consultation nobody accepted ends at once: its requester leaves.
                endEverything(request.interaction, &effects)
            }

        case let .partyRemoved(interaction, party, by):
            let chat = try activeInteraction(interaction, &effects)
            try requireConnected(by, in: chat, &effects)
            if chat.connection(of: by)?.kind != .agent {
                throw effects.violation(.notConnected, .removerIsContact(by))
            }
            try requireConnected(party, in: chat, &effects)
            if chat.connection(of: party)?.kind == .contact {
                throw effects.violation(.contactNotRemovable, .contactNotRemovable(party: party, interaction: interaction))
            }
            if party.same(by) {
                throw effects.violation(.selfRemoval, .removesItself(agent: party))
            }
            touch(interaction, &effects)
            agentLeaves(interaction, party: party, reason: .removed, by: by, &effects)

        case let .partyLeft(interaction, party, reason):
            let chat = try activeInteraction(interaction, &effects)
            try requireConnected(party, in: chat, &effects)
            touch(interaction, &effects)
            if chat.connection(of: party)?.kind == .contact {
                leave(interaction, party: party, reason: reason, by: nil, &effects)
            } else {
                agentLeaves(interaction, party: party, reason: reason, by: nil, &effects)
            }

        case let .dispositionSet(interaction, agent, code):
            guard let chat = interactions[interaction] else {
                throw effects.violation(.unknownInteraction, .noInteraction(interaction))
            }
            try requireInOrder(interaction, &effects)
            guard let entry = codes[code] else {
                throw effects.violation(.unknownCode, .noCode(code))
            }
            if entry.retired {
                throw effects.violation(.retiredCode, .codeRetired(code))
            }
            guard chat.connections.contains(where: { $0.party.same(agent) && $0.kind == .agent }) else {
                throw effects.violation(.notAParty, .neverAParty(agent: agent, interaction: interaction))
            }
            touch(interaction, &effects)
            effects.changes.append(.setDisposition(interaction: interaction, agent: agent, code: code, at: event.at))

        case let .chatEnded(interaction):
            guard let chat = interactions[interaction] else {
                throw effects.violation(.unknownInteraction, .noInteraction(interaction))
            }
            if chat.endEventSeen {
                throw effects.violation(.alreadyEnded, .alreadyEnded(interaction))
            }
            try requireInOrder(interaction, &effects)
            touch(interaction, &effects)
            interactions[interaction]?.endEventSeen = true
            effects.changes.append(.noteEndEvent(interaction: interaction))
            if chat.isActive { endEverything(interaction, &effects) }

        case let .dispositionDefined(code, label):
            if let existing = codes[code] {
                if existing.label != label {
                    throw effects.violation(.labelConflict, .labelConflict(code: code, existing: existing.label, given: label))
                }
            } else {
                codes[code] = DispositionCodeState(label: label, retired: false)
                effects.changes.append(.defineCode(code: code, label: label, at: event.at))
            }

        case let .dispositionRetired(code):
            guard let existing = codes[code] else {
                throw effects.violation(.unknownCode, .noCode(code))
            }
            if !existing.retired {
                codes[code]?.retired = true
                effects.changes.append(.retireCode(code: code, at: event.at))
            }
        }
        return effects.changes
    }
}

/// The changes of one event as they accumulate, and how to phrase its violations.
struct Effects {
    let event: Event
    var changes: [Change] = []

    init(event: Event) { self.event = event }

    func violation(_ rule: Rule, _ detail: RuleViolation.Detail) -> RuleViolation {
        RuleViolation(eventId: event.id, rule: rule, detail: detail)
    }
}
