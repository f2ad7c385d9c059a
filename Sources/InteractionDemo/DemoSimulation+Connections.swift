/// Who is connected where: the store's effects of joining, leaving and ending, mirrored so
/// that every later event the simulation writes is one the rules accept.
extension DemoSimulation {
    func join(_ chat: DemoChat, _ agent: Int) {
        chat.agents.append(agent)
        if chat.owner == nil { chat.owner = agent }
        if !chat.everParty.contains(agent) { chat.everParty.append(agent) }
        agents[agent].reserved = false
        agents[agent].status = .engaged
        agents[agent].load += 1
        agents[agent].workChat = chat.id
        // Agents record the topic's outcome unless something (an escalation, the
        // contact vanishing) changes it later.
        agents[agent].workCode = chat.code
        agents[agent].dispositionSetInChat = false
    }

    /// Drops one connection of `agent`; the last one starts after-call work.
    func release(_ agent: Int) {
        agents[agent].load -= 1
        if agents[agent].load == 0 && !agents[agent].reserved {
            agents[agent].status = .wrap
            scheduleAgent(agent, after: rng.within(300, 2_500), .acw)
        }
    }

    /// Gives back an agent that was rung but did not join.
    func unreserve(_ agent: Int) {
        agents[agent].reserved = false
        if agents[agent].load == 0 { becomeAvailable(agent, alreadyReady: true) }
    }

    /// The store's effects of an agent leaving a chat (left, removed or transferred away).
    func leave(_ chat: DemoChat, _ agent: Int) {
        guard let index = chat.agents.firstIndex(of: agent) else { return }
        chat.agents.remove(at: index)
        if let pending = chat.pending, pending.from == agent { cancelPending(chat) }
        if chat.owner == agent { chat.owner = chat.agents.first }
        release(agent)
        if chat.agents.isEmpty { closeChat(chat, explicit: false) }
    }

    /// The store's effects of a chat's end: everyone leaves, pending requests are
    /// cancelled, an open consultation ends with its parent.
    func closeChat(_ chat: DemoChat, explicit: Bool) {
        chat.ended = true
        chat.endedExplicitly = explicit
        chat.contactConnected = false
        let connected = chat.agents
        chat.agents.removeAll()
        chat.owner = nil
        if chat.pending != nil { cancelPending(chat) }
        if let consult = chat.consult, !consult.ended { closeConsult(consult, explicit: false) }
        for agent in connected { release(agent) }
    }

    func closeConsult(_ consult: DemoConsult, explicit: Bool) {
        consult.ended = true
        consult.endedExplicitly = explicit
        let connected = consult.agents
        consult.agents.removeAll()
        for agent in connected { release(agent) }
    }

    func leaveConsult(_ consult: DemoConsult, _ agent: Int) {
        guard let index = consult.agents.firstIndex(of: agent) else { return }
        consult.agents.remove(at: index)
        release(agent)
        if consult.agents.isEmpty { consult.ended = true }
    }

    func cancelPending(_ chat: DemoChat) {
        guard let pending = chat.pending else { return }
        chat.pending = nil
        if pending.kind == .consultation, let consult = chat.consult, !consult.ended {
            // A released consultation request ends the consultation.
            closeConsult(consult, explicit: false)
        }
        if pending.reserved, let target = pending.targetAgent { unreserve(target) }
    }
}
