import InteractionModel

/// Running a chat's script: each step in turn, skipped when it no longer fits.
extension DemoSimulation {
    func scheduleNext(_ chat: DemoChat) {
        if chat.pc < chat.plan.count {
            schedule(after: chat.plan[chat.pc].delayMs + rng.within(0, 999), .chat(chat))
        } else {
            finishChat(chat)
        }
    }

    /// Every chat ends within the log, whatever its script skipped.
    func finishChat(_ chat: DemoChat) {
        if !chat.ended {
            emitChatEnded(chat.id)
            closeChat(chat, explicit: true)
        }
        chat.plan = []
    }

    enum Outcome { case done, skipped, again }

    func runPlan(_ chat: DemoChat) {
        while chat.pc < chat.plan.count {
            switch execute(chat.plan[chat.pc].act, chat) {
            case .skipped:
                chat.pc += 1
                continue
            case .done:
                chat.pc += 1
            case .again:
                break
            }
            scheduleNext(chat)
            return
        }
        finishChat(chat)
    }

    func resolve(_ who: DemoAct.Who, _ chat: DemoChat) -> Int? {
        guard let owner = chat.owner else { return nil }
        switch who {
        case .owner: return owner
        case .other: return chat.agents.first { $0 != owner } ?? owner
        case .any: return rng.pick(chat.agents)
        }
    }

    /// Whether a scripted line still makes sense: a colleague may never have joined, a
    /// transfer or consultation may have fallen through.
    func fits(_ line: DemoLine, _ chat: DemoChat) -> Bool {
        switch line {
        case .confGreeting, .handOff, .otherBye, .removeThanks: chat.agents.count >= 2
        case .transferGreeting: chat.transferred
        case .consultResult: chat.consult != nil
        default: true
        }
    }

    /// The owner asks a colleague (or, when nobody is ready, the topic's queue) to join or
    /// take over: conference and transfer requests differ only in their type.
    func requestFromOwner(_ pendingKind: DemoPending.Kind, _ kind: TargetKind,
                          _ answer: DemoAct.Answer, _ chat: DemoChat) -> Outcome {
        guard chat.pending == nil, let owner = chat.owner else { return .skipped }
        var kind = kind
        var targetAgent: Int?
        if kind == .agent {
            targetAgent = reserveColleague(for: chat)
            // Nobody ready to ring: the owner sends it to the topic's queue instead.
            if targetAgent == nil { kind = .queue }
        }
        let request = nextRequest()
        let target = Target(kind: kind, id: targetID(kind, targetAgent, chat))
        switch pendingKind {
        case .conference:
            emit(.conferenceRequested(interaction: chat.id, request: request, from: agents[owner].id, target: target,
                                      mode: .instant, consultation: nil))
        case .transfer, .consultation:
            emit(.transferRequested(interaction: chat.id, request: request, from: agents[owner].id, target: target))
        }
        chat.pending = DemoPending(kind: pendingKind, id: request, from: owner, targetAgent: targetAgent,
                                   reserved: targetAgent != nil, answer: answer, consultationMode: false)
        return .done
    }

    /// The next request id of the log (`d<seed>-req-000001`).
    func nextRequest() -> String {
        requestCount += 1
        return prefix + "req-" + DemoFormat.padded(requestCount, width: 6)
    }

    func targetID(_ kind: TargetKind, _ agent: Int?, _ chat: DemoChat) -> String {
        switch kind {
        case .agent: return agent.map { agents[$0].id } ?? texts.topics[chat.topic].queue
        case .queue: return texts.topics[chat.topic].queue
        case .routingPoint: return texts.routingPoints[chat.topic % texts.routingPoints.count]
        }
    }
}
