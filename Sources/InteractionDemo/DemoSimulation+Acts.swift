import InteractionModel

/// One step of a chat's script, against the floor as it is now.
extension DemoSimulation {
    func execute(_ act: DemoAct, _ chat: DemoChat) -> Outcome {
        switch act {
        case .lateEndChat:
            guard chat.ended, !chat.endedExplicitly, !chat.lateEndSent else { return .skipped }
            chat.lateEndSent = true
            emitChatEnded(chat.id)
            return .done
        case .consultLateEnd:
            guard let consult = chat.consult, consult.ended, !consult.endedExplicitly, !consult.lateEndSent
            else { return .skipped }
            consult.lateEndSent = true
            emitChatEnded(consult.id)
            return .done
        default:
            break
        }
        guard !chat.ended else { return .skipped }
        switch act {
        case .contactSays(let line):
            guard chat.contactConnected else { return .skipped }
            emitMessage(chat.id, party: chat.contactID, text: text(line, chat), agentsOnly: false)
            return .done

        case .agentSays(let who, let line):
            guard let agent = resolve(who, chat), fits(line, chat) else { return .skipped }
            emitMessage(chat.id, party: agents[agent].id, text: text(line, chat), agentsOnly: false)
            return .done

        case .note(let who):
            guard let agent = resolve(who, chat) else { return .skipped }
            emitMessage(chat.id, party: agents[agent].id, text: render(pick(texts.notes, 30, chat), chat), agentsOnly: true)
            return .done

        case .disconnectNote:
            guard let agent = chat.owner else { return .skipped }
            emitMessage(chat.id, party: agents[agent].id, text: render(pick(texts.disconnectNotes, 31, chat), chat),
                        agentsOnly: true)
            return .done

        case .conferenceRequest(let kind, let answer):
            return requestFromOwner(.conference, kind, answer, chat)

        case .transferRequest(let kind, let answer):
            return requestFromOwner(.transfer, kind, answer, chat)

        case .consultRequest(let answer):
            guard chat.pending == nil, chat.consult == nil, let owner = chat.owner,
                  let target = reserveColleague(for: chat)
            else { return .skipped }
            consultCount += 1
            let consult = DemoConsult(id: prefix + "cons-" + DemoFormat.padded(consultCount, width: 6),
                                      owner: owner, target: target)
            let request = nextRequest()
            emit(.consultationRequested(interaction: consult.id, parent: chat.id, request: request, from: agents[owner].id,
                                        target: Target(kind: .agent, id: agents[target].id)))
            agents[owner].load += 1
            chat.consult = consult
            chat.pending = DemoPending(kind: .consultation, id: request, from: owner, targetAgent: target,
                                       reserved: true, answer: answer, consultationMode: false)
            return .done

        case .consultSays(let tone):
            guard let consult = chat.consult, consult.accepted, !consult.ended else { return .skipped }
            let speaker = tone.byOwner ? consult.owner : consult.target
            guard consult.agents.contains(speaker) else { return .skipped }
            let pool: [DemoTemplate]
            let key: Int
            switch tone {
            case .ask: (pool, key) = (texts.topics[chat.topic].consultAsk, 40)
            case .reply: (pool, key) = (texts.consultReplies, 41)
            case .decline: (pool, key) = (texts.consultDeclines, 42)
            case .inviting: (pool, key) = (texts.consultInviting, 43)
            case .ready: (pool, key) = (texts.consultReady, 44)
            }
            emitMessage(consult.id, party: agents[speaker].id, text: render(pick(pool, key, chat), chat),
                        agentsOnly: false)
            return .done

        case .consultConference:
            guard chat.pending == nil, let consult = chat.consult, consult.accepted, !consult.ended,
                  consult.agents.contains(consult.target), chat.agents.contains(consult.owner),
                  !chat.agents.contains(consult.target)
            else { return .skipped }
            let request = nextRequest()
            emit(.conferenceRequested(interaction: chat.id, request: request, from: agents[consult.owner].id,
                                      target: Target(kind: .agent, id: agents[consult.target].id),
                                      mode: .consultation, consultation: consult.id))
            chat.pending = DemoPending(kind: .conference, id: request, from: consult.owner,
                                       targetAgent: consult.target, reserved: false, answer: .accept,
                                       consultationMode: true)
            return .done

        case .consultEnd:
            guard let consult = chat.consult, consult.accepted, !consult.ended else { return .skipped }
            emitChatEnded(consult.id)
            closeConsult(consult, explicit: true)
            return .done

        case .consultLeave:
            guard let consult = chat.consult, consult.accepted, !consult.ended,
                  let leaver = consult.agents.last
            else { return .skipped }
            emitLeft(consult.id, party: agents[leaver].id)
            leaveConsult(consult, leaver)
            return consult.ended ? .done : .again

        case .answer:
            return answer(chat)

        case .remove(let ownerRemovesOther):
            guard chat.agents.count >= 2, let owner = chat.owner,
                  let other = chat.agents.first(where: { $0 != owner })
            else { return .skipped }
            let (removed, by) = ownerRemovesOther ? (other, owner) : (owner, other)
            emit(.partyRemoved(interaction: chat.id, party: agents[removed].id, by: agents[by].id))
            leave(chat, removed)
            return .done

        case .handOff:
            guard chat.agents.count >= 2, let owner = chat.owner else { return .skipped }
            emitLeft(chat.id, party: agents[owner].id)
            leave(chat, owner)
            return .done

        case .otherLeaves:
            guard chat.agents.count >= 2, let owner = chat.owner,
                  let other = chat.agents.last(where: { $0 != owner })
            else { return .skipped }
            emitLeft(chat.id, party: agents[other].id)
            leave(chat, other)
            return .done

        case .agentsLeave:
            guard let owner = chat.owner else { return .skipped }
            // Colleagues usually drop off before the owner; sometimes the owner goes
            // first and the chat passes to the colleague.
            let leaver = chat.agents.count > 1 && rng.chance(70)
                ? (chat.agents.last { $0 != owner } ?? owner) : owner
            emitLeft(chat.id, party: agents[leaver].id)
            leave(chat, leaver)
            return chat.ended ? .done : .again

        case .contactLeaves(let disconnected):
            guard chat.contactConnected else { return .skipped }
            emitLeft(chat.id, party: chat.contactID, disconnected: disconnected)
            chat.contactConnected = false
            if disconnected {
                for agent in chat.agents { agents[agent].workCode = DemoDisposition.noAnswer }
            }
            return .done

        case .disposition:
            guard let owner = chat.owner else { return .skipped }
            emitDisposition(chat.id, agent: owner, code: agents[owner].workCode)
            agents[owner].dispositionSetInChat = true
            return .done

        case .endChat:
            emitChatEnded(chat.id)
            closeChat(chat, explicit: true)
            return .done

        case .lateEndChat, .consultLateEnd:
            return .skipped
        }
    }
}
