/// The scripts of chats: what happens in a chat is decided when it starts (its plan), and
/// each step is checked against the floor when its time comes (`DemoSimulation+Acts.swift`).
extension DemoSimulation {
    func contactDelay() -> Int { rng.within(6_000, 38_000) }
    func agentDelay() -> Int { rng.within(4_000, 30_000) }

    func buildPlan(_ chat: DemoChat) {
        var plan: [DemoPlanStep] = []
        plan.reserveCapacity(64)
        func add(_ delay: Int, _ act: DemoAct) { plan.append(DemoPlanStep(delayMs: delay, act: act)) }
        func contact(_ line: DemoLine) { add(contactDelay(), .contactSays(line)) }
        func agent(_ who: DemoAct.Who, _ line: DemoLine) { add(agentDelay(), .agentSays(who, line)) }
        func talk(_ rounds: Int, _ who: DemoAct.Who) {
            for _ in 0..<rounds {
                contact(rng.chance(65) ? .contactTopic : .contactFiller)
                if rng.chance(20) { contact(.contactFiller) }
                agent(who, rng.chance(70) ? .agentTopic : .agentFiller)
                if rng.chance(15) { agent(who, .agentFiller) }
            }
        }
        func maybeNote(_ percent: Int, _ who: DemoAct.Who) {
            if rng.chance(percent) { add(rng.within(3_000, 15_000), .note(who)) }
        }
        func answerAfter(_ answer: DemoAct.Answer) {
            switch answer {
            case .accept: add(rng.within(3_000, 20_000), .answer)
            case .decline: add(rng.within(4_000, 15_000), .answer)
            case .timeout: add(30_000 + rng.within(0, 999), .answer)
            case .never: break
            }
        }
        /// The owner talks `rounds` rounds, says `intro`, and 2–8 s later makes the request `act`
        /// builds (drawn after the delay, so the draws keep the order of the log); its answer follows.
        func request(after rounds: Int, _ intro: DemoLine, _ act: () -> DemoAct, answer: DemoAct.Answer) {
            talk(rounds, .owner)
            agent(.owner, intro)
            let delay = rng.within(2_000, 8_000)
            add(delay, act())
            answerAfter(answer)
        }
        /// The end of every chat: goodbyes, then one of the ways a chat ends.
        func ending() {
            if rng.chance(3) {
                // A last conference request that the chat's end cancels while pending.
                agent(.owner, .lookingForSomeone)
                add(rng.within(2_000, 6_000),
                    .conferenceRequest(rng.chance(50) ? .queue : .routingPoint, .never))
                contact(.contactMustGo)
                if rng.chance(50) {
                    add(rng.within(1_000, 8_000), .endChat)
                } else {
                    add(rng.within(1_000, 8_000), .contactLeaves(disconnected: false))
                    add(rng.within(2_000, 10_000), .agentsLeave)
                }
                return
            }
            if rng.chance(8) {
                // The contact drops mid-conversation.
                add(contactDelay(), .contactLeaves(disconnected: true))
                agent(.any, .stillThere)
                add(rng.within(20_000, 60_000), .disconnectNote)
                if rng.chance(50) {
                    add(rng.within(2_000, 8_000), .endChat)
                } else {
                    add(rng.within(2_000, 8_000), .agentsLeave)
                }
                return
            }
            agent(.any, .anythingElse)
            contact(.contactThanks)
            if rng.chance(20) { add(rng.within(3_000, 10_000), .disposition) }
            agent(.any, .agentBye)
            let style = rng.below(100)
            if style < 40 {
                if rng.chance(40) { contact(.contactBye) }
                add(rng.within(2_000, 10_000), .endChat)
            } else if style < 75 {
                add(rng.within(2_000, 12_000), .contactLeaves(disconnected: false))
                add(rng.within(2_000, 10_000), .agentsLeave)
                if rng.chance(25) { add(rng.within(500, 3_000), .lateEndChat) }
            } else {
                add(rng.within(2_000, 12_000), .agentsLeave)
                if rng.chance(25) { add(rng.within(500, 3_000), .lateEndChat) }
            }
        }
        /// After a colleague joined: a three-way conversation, then one of the ways the
        /// conference winds down.
        func conferenceTail(_ rounds: Int) {
            agent(.other, .confGreeting)
            maybeNote(45, .owner)
            talk(rounds, .any)
            maybeNote(20, .any)
            let style = rng.below(100)
            if style < 45 {
                // The owner ends the chat: it passes automatically to the colleague.
                agent(.owner, .handOff)
                add(rng.within(2_000, 10_000), .handOff)
                talk(rng.within(2, 6), .owner)
            } else if style < 75 {
                agent(.other, .otherBye)
                add(rng.within(2_000, 10_000), .otherLeaves)
                talk(rng.within(2, 6), .owner)
            }
            ending()
        }

        agent(.owner, .greeting)
        contact(.issue)
        if rng.chance(25) { contact(.pii) }
        let scenario = rng.below(1000)
        switch scenario {
        case 0..<560:
            // Single-agent chat.
            talk(rng.within(8, 22), .owner)
            maybeNote(15, .owner)
            ending()
        case 560..<710:
            // Instant conference to an agent, accepted.
            request(after: rng.within(3, 9), .confIntro, { .conferenceRequest(.agent, .accept) }, answer: .accept)
            conferenceTail(rng.within(4, 10))
        case 710..<760, 760..<810:
            // Instant conference declined or unanswered: the owner carries on alone.
            let answer: DemoAct.Answer = scenario < 760 ? .decline : .timeout
            request(after: rng.within(3, 9), .confIntro, { .conferenceRequest(.agent, answer) }, answer: answer)
            agent(.owner, .unavailable)
            talk(rng.within(4, 12), .owner)
            ending()
        case 810..<860:
            // Conference to a queue or routing point, answered by whoever it reaches.
            request(after: rng.within(3, 9), .confIntro, { .conferenceRequest(rng.chance(60) ? .queue : .routingPoint, .accept) }, answer: .accept)
            conferenceTail(rng.within(4, 10))
        case 860..<910:
            // Consultation, then a conference with the consulted colleague.
            talk(rng.within(3, 8), .owner)
            agent(.owner, .holdOn)
            add(rng.within(2_000, 6_000), .consultRequest(.accept))
            answerAfter(.accept)
            add(rng.within(3_000, 12_000), .consultSays(.ask))
            add(rng.within(5_000, 20_000), .consultSays(.reply))
            if rng.chance(40) { contact(.stillThere) }
            if rng.chance(50) {
                add(rng.within(3_000, 12_000), .consultSays(.inviting))
                add(rng.within(3_000, 10_000), .consultSays(.ready))
            }
            add(rng.within(2_000, 8_000), .consultConference)
            answerAfter(.accept)
            if rng.chance(25) { add(rng.within(200, 2_000), .consultLateEnd) }
            conferenceTail(rng.within(4, 9))
        case 910..<930:
            // Consultation that never becomes a conference.
            talk(rng.within(3, 8), .owner)
            agent(.owner, .holdOn)
            let variant = rng.below(100)
            if variant < 30 {
                let answer: DemoAct.Answer = rng.chance(50) ? .decline : .timeout
                add(rng.within(2_000, 6_000), .consultRequest(answer))
                answerAfter(answer)
                if rng.chance(30) { add(rng.within(200, 2_000), .consultLateEnd) }
            } else {
                add(rng.within(2_000, 6_000), .consultRequest(.accept))
                answerAfter(.accept)
                add(rng.within(3_000, 12_000), .consultSays(.ask))
                add(rng.within(5_000, 20_000), .consultSays(.decline))
                if variant < 65 {
                    add(rng.within(2_000, 8_000), .consultEnd)
                } else if variant < 85 {
                    add(rng.within(2_000, 8_000), .consultLeave)
                    if rng.chance(30) { add(rng.within(200, 2_000), .consultLateEnd) }
                }
                // Otherwise the consultation stays open and ends with the chat.
            }
            agent(.owner, .consultResult)
            talk(rng.within(4, 10), .owner)
            ending()
        case 930..<960:
            // Conference, then Delete From Conference.
            request(after: rng.within(3, 8), .confIntro, { .conferenceRequest(.agent, .accept) }, answer: .accept)
            agent(.other, .confGreeting)
            talk(rng.within(3, 8), .any)
            let ownerRemoves = rng.chance(75)
            if ownerRemoves { agent(.owner, .removeThanks) }
            add(rng.within(2_000, 10_000), .remove(ownerRemovesOther: ownerRemoves))
            talk(rng.within(2, 6), .owner)
            ending()
        case 960..<990:
            // Transfer, accepted.
            request(after: rng.within(3, 8), .transferIntro, { .transferRequest(rng.chance(70) ? .agent : .queue, .accept) }, answer: .accept)
            agent(.owner, .transferGreeting)
            talk(rng.within(4, 12), .owner)
            ending()
        default:
            // Transfer, released.
            let answer: DemoAct.Answer = rng.chance(50) ? .decline : .timeout
            request(after: rng.within(3, 8), .transferIntro, { .transferRequest(.agent, answer) }, answer: answer)
            agent(.owner, .unavailable)
            talk(rng.within(4, 10), .owner)
            ending()
        }
        chat.plan = plan
    }
}
