import InteractionModel

/// Days, arrivals, and routing chats to ready agents.
extension DemoSimulation {
    func takeFree(_ agent: Int) {
        if let index = free.firstIndex(of: agent) { free.remove(at: index) }
    }

    /// A random ready agent that has never been a party of `chat` (so no request can
    /// target an agent already connected there), taken out of the ready pool.
    func reserveColleague(for chat: DemoChat) -> Int? {
        let eligible = free.filter { !chat.everParty.contains($0) }
        guard !eligible.isEmpty else { return nil }
        let agent = rng.pick(eligible)
        takeFree(agent)
        agents[agent].status = .engaged
        agents[agent].reserved = true
        return agent
    }

    func setUpDay(_ day: Int) {
        let base = DemoDay.start(day)
        for index in agents.indices where agents[index].status == .loggedOut {
            // Staggered logins: agents arrive over the first quarter hour.
            let at = base + DemoDay.loginAt + Int64(index * 9_000 + rng.within(0, 8_999))
            agents[index].token += 1
            queue.push(at, .agent(index, token: agents[index].token, .login))
        }
        queue.push(base + DemoDay.firstArrivalAt + Int64(rng.within(0, 59_999)), .arrival(day: day))
        // Three lunch waves keep the floor staffed; one agent in eleven has training.
        let lunchWaves: [Int64] = [11 * 60 + 30, 12 * 60 + 15, 13 * 60]
        for (wave, minuteOfDay) in lunchWaves.enumerated() {
            queue.push(base + minuteOfDay * DemoDay.minute + Int64(rng.within(0, 300_000)),
                       .bell(reason: DemoBreak.lunch, modulus: 3, remainder: wave))
        }
        queue.push(base + 15 * DemoDay.hour + Int64(rng.within(0, 600_000)),
                   .bell(reason: DemoBreak.training, modulus: 11, remainder: day % 11))
        queue.push(base + DemoDay.shiftEndAt, .shiftEnd(day: day))
    }

    func arrive(_ day: Int) {
        guard chatCount < targetChats else { return }
        startChat()
        let next = now + Int64(rng.within(arrivalMeanMs / 10, arrivalMeanMs * 19 / 10))
        if chatCount < targetChats && next < DemoDay.start(day) + DemoDay.lastArrivalAt {
            queue.push(next, .arrival(day: day))
        }
    }

    func ringBell(_ reason: Int, _ modulus: Int, _ remainder: Int) {
        for index in agents.indices where index % modulus == remainder {
            switch agents[index].status {
            case .loggedOut, .leaving:
                continue
            case .free:
                agents[index].breakDue = reason
                takeFree(index)
                agents[index].status = .notReady
                scheduleAgent(index, after: rng.within(0, 90_000), .startBreak)
            case .engaged, .wrap, .notReady:
                // Taken at the agent's next change of state.
                agents[index].breakDue = reason
            }
        }
    }

    func endShift(_ day: Int) {
        for index in agents.indices {
            agents[index].shiftOver = true
            if agents[index].status == .free {
                takeFree(index)
                agents[index].status = .leaving
                scheduleAgent(index, after: rng.within(0, 180_000), .logout)
            }
        }
        if chatCount < targetChats {
            queue.push(DemoDay.start(day + 1), .daySetup(day: day + 1))
        }
    }

    /// Routes waiting chats to ready agents, oldest chat to longest-idle agent.
    func dispatch() {
        while waitingHead < waiting.count, !free.isEmpty {
            let chat = waiting[waitingHead]
            waitingHead += 1
            let agent = free.removeFirst()
            agents[agent].status = .engaged
            agents[agent].reserved = true
            schedule(after: rng.within(1_500, 7_000), .chatJoin(chat, agent: agent))
        }
        if waitingHead > 64 && waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
    }

    func startChat() {
        chatCount += 1
        // About one contact in eight is a returning customer (same contact id, same name).
        let contactNumber: Int
        if contactCount > 50 && rng.chance(12) {
            // Someone seen a while ago, so not normally someone still chatting.
            contactNumber = rng.within(1, contactCount - 50)
        } else {
            contactCount += 1
            contactNumber = contactCount
        }
        // Names and addresses derive from the contact number, so a returning customer
        // keeps them without the generator remembering every contact.
        var identity = DemoRandom(seed: UInt64(contactNumber) &* 0x9E37_79B9_7F4A_7C15)
        let person = identity.pick(texts.names)
        let named = identity.chance(65)
        let email = person.mailbox + "@" + identity.pick(texts.domains)
        let phone = "+1 555 01" + DemoFormat.padded(identity.below(100), width: 2) + " "
            + DemoFormat.padded(identity.below(10_000), width: 4)
        let topic = rng.below(texts.topics.count)
        let chat = DemoChat(
            id: prefix + "chat-" + DemoFormat.padded(chatCount, width: 6),
            contactID: prefix + "cust-" + DemoFormat.padded(contactNumber, width: 6),
            contactName: named ? person.display : nil,
            firstName: named ? person.first : "there",
            email: email, phone: phone, topic: topic, code: texts.topics[topic].code)
        emit(.chatStarted(interaction: chat.id, contact: chat.contactID, contactName: chat.contactName))
        buildPlan(chat)
        waiting.append(chat)
        dispatch()
    }

    func ownerJoins(_ chat: DemoChat, _ agent: Int) {
        emit(.partyJoined(interaction: chat.id, agent: agents[agent].id))
        join(chat, agent)
        scheduleNext(chat)
    }
}
