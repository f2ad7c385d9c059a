import InteractionModel

/// The answer to a chat's pending request: accepted by whoever it reaches, or released.
extension DemoSimulation {
    /// Answers the chat's pending request as scripted. A queue or routing-point request
    /// reaches a ready agent at answer time; with nobody ready it times out.
    func answer(_ chat: DemoChat) -> Outcome {
        guard let pending = chat.pending, pending.answer != .never else { return .skipped }
        var accepter: Int?
        if pending.answer == .accept {
            accepter = pending.targetAgent ?? reserveColleague(for: chat)
        }
        chat.pending = nil
        guard let agent = accepter else {
            emit(.released(kind: pending.requestKind, request: pending.id, reason: pending.answer == .decline ? .declined : .timeout))
            if pending.kind == .consultation, let consult = chat.consult, !consult.ended {
                closeConsult(consult, explicit: false)
            }
            if pending.reserved, let target = pending.targetAgent { unreserve(target) }
            return .done
        }
        emit(.accepted(kind: pending.requestKind, request: pending.id, agent: agents[agent].id))
        // Whoever handed the chat on, and some who called for help, record an escalation.
        if pending.kind == .transfer || (pending.kind == .conference && rng.chance(40)) {
            agents[pending.from].workCode = DemoDisposition.escalated
        }
        switch pending.kind {
        case .conference:
            join(chat, agent)
            if pending.consultationMode, let consult = chat.consult, !consult.ended {
                // Joining first keeps the colleague busy while the consultation closes.
                closeConsult(consult, explicit: false)
                agents[consult.owner].workChat = chat.id
            }
        case .consultation:
            if let consult = chat.consult {
                consult.accepted = true
                consult.agents.append(agent)
                agents[agent].reserved = false
                agents[agent].load += 1
                agents[agent].workChat = nil
            }
        case .transfer:
            join(chat, agent)
            chat.owner = agent
            chat.transferred = true
            if let sender = chat.agents.first(where: { $0 == pending.from }) {
                if let index = chat.agents.firstIndex(of: sender) { chat.agents.remove(at: index) }
                release(sender)
            }
        }
        return .done
    }
}
