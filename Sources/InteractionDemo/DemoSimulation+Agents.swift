/// The agents' day: logins, after-call work and dispositions, breaks, logouts.
extension DemoSimulation {
    /// The agent is done with work, a break or a ring: goes on break if one is due, logs
    /// out after the shift when no chat waits, else becomes ready and takes waiting chats.
    func becomeAvailable(_ agent: Int, alreadyReady: Bool) {
        if let reason = agents[agent].breakDue {
            agents[agent].breakDue = nil
            agents[agent].status = .notReady
            emitState(agent, .notReady, reason: DemoBreak.reasons[reason])
            scheduleAgent(agent, after: breakLength(reason), .breakOver)
            return
        }
        if agents[agent].shiftOver && waitingHead == waiting.count {
            agents[agent].status = .loggedOut
            emitState(agent, .loggedOut)
            return
        }
        if !alreadyReady { emitState(agent, .ready) }
        agents[agent].status = .free
        free.append(agent)
        dispatch()
    }

    func breakLength(_ reason: Int) -> Int {
        switch reason {
        case DemoBreak.lunch: rng.within(30 * 60_000, 45 * 60_000)
        case DemoBreak.training: rng.within(30 * 60_000, 60 * 60_000)
        default: rng.within(5 * 60_000, 15 * 60_000)
        }
    }

    func runAgent(_ agent: Int, _ step: DemoAgent.Step) {
        switch step {
        case .login:
            guard agents[agent].status == .loggedOut else { return }
            agents[agent].shiftOver = false
            agents[agent].breakDue = nil
            agents[agent].status = .notReady
            emitState(agent, .loggedIn)
            scheduleAgent(agent, after: rng.within(2_000, 9_000), .loginReady)
        case .loginReady:
            emitState(agent, .ready)
            becomeAvailable(agent, alreadyReady: true)
        case .acw:
            emitState(agent, .afterCallWork)
            if agents[agent].workChat != nil {
                scheduleAgent(agent, after: rng.within(4_000, 25_000), .disposition)
            } else {
                scheduleAgent(agent, after: rng.within(10_000, 45_000), .wrapDone)
            }
        case .disposition:
            guard let chat = agents[agent].workChat else {
                scheduleAgent(agent, after: rng.within(5_000, 30_000), .wrapDone)
                return
            }
            let code = agents[agent].workCode
            if agents[agent].dispositionSetInChat {
                // Set during the chat already; sometimes revised once the chat is over.
                if rng.chance(30) { emitDisposition(chat, agent: agent, code: alternative(to: code)) }
                scheduleAgent(agent, after: rng.within(5_000, 40_000), .wrapDone)
            } else if rng.chance(12) {
                // A first choice the agent corrects a moment later; the last one stands.
                emitDisposition(chat, agent: agent, code: alternative(to: code))
                scheduleAgent(agent, after: rng.within(4_000, 20_000), .dispositionChange)
            } else {
                emitDisposition(chat, agent: agent, code: code)
                scheduleAgent(agent, after: rng.within(5_000, 50_000), .wrapDone)
            }
        case .dispositionChange:
            if let chat = agents[agent].workChat { emitDisposition(chat, agent: agent, code: agents[agent].workCode) }
            scheduleAgent(agent, after: rng.within(3_000, 20_000), .wrapDone)
        case .wrapDone:
            agents[agent].workChat = nil
            if agents[agent].breakDue == nil && !agents[agent].shiftOver && rng.chance(5) {
                agents[agent].breakDue = DemoBreak.shortBreak
            }
            becomeAvailable(agent, alreadyReady: false)
        case .startBreak:
            let reason = agents[agent].breakDue ?? DemoBreak.shortBreak
            agents[agent].breakDue = nil
            emitState(agent, .notReady, reason: DemoBreak.reasons[reason])
            scheduleAgent(agent, after: breakLength(reason), .breakOver)
        case .breakOver:
            becomeAvailable(agent, alreadyReady: false)
        case .logout:
            agents[agent].status = .loggedOut
            agents[agent].breakDue = nil
            emitState(agent, .loggedOut)
        }
    }

    func alternative(to code: Int) -> Int {
        code == DemoDisposition.followUp ? DemoDisposition.resolved : DemoDisposition.followUp
    }
}
