import InteractionModel

/// The events that carry text, and the choice of what is said.
extension DemoSimulation {
    func emitState(_ agent: Int, _ state: AgentState, reason: String? = nil) {
        emit(.agentState(agent: agents[agent].id, state: state, channel: "chat", reason: reason))
    }

    func emitMessage(_ interaction: String, party: String, text: String, agentsOnly: Bool) {
        emit(.message(interaction: interaction, party: party, text: text, visibility: agentsOnly ? .agents : .all))
    }

    func emitLeft(_ interaction: String, party: String, disconnected: Bool = false) {
        emit(.partyLeft(interaction: interaction, party: party, reason: disconnected ? .disconnected : .ended))
    }

    func emitChatEnded(_ interaction: String) {
        emit(.chatEnded(interaction: interaction))
    }

    func emitDisposition(_ interaction: String, agent: Int, code: Int) {
        emit(.dispositionSet(interaction: interaction, agent: agents[agent].id, code: DemoDisposition.catalog[code].code))
    }

    func render(_ template: DemoTemplate, _ chat: DemoChat) -> String {
        if template.parts.count == 1, case .literal(let text) = template.parts[0] { return text }
        var text = ""
        for part in template.parts {
            switch part {
            case .literal(let literal): text += literal
            case .firstName: text += chat.firstName
            case .email: text += chat.email
            case .phone: text += chat.phone
            case .card: text += rng.pick(texts.cards)
            }
        }
        return text
    }

    func text(_ line: DemoLine, _ chat: DemoChat) -> String {
        render(pick(texts.pool(line, topic: chat.topic), line.index, chat), chat)
    }

    /// A random template of `pool` (identified by `key`), avoiding the chat's most
    /// recent lines so that nobody repeats themselves word for word.
    func pick(_ pool: [DemoTemplate], _ key: Int, _ chat: DemoChat) -> DemoTemplate {
        var index = rng.below(pool.count)
        var tries = 0
        while tries < 4 && chat.recent.contains(key &* 64 &+ index) {
            index = rng.below(pool.count)
            tries += 1
        }
        chat.recent[chat.recentNext] = key &* 64 &+ index
        chat.recentNext = (chat.recentNext + 1) % chat.recent.count
        return pool.isEmpty ? DemoTemplate("") : pool[index]
    }
}
