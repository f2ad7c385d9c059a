extension RuleViolation {
    /// What exactly broke the rule: the ids and times involved, as fields (the ids as the event
    /// gave them). `description` words it, each id quoted and cut short by `shown(_:)`.
    /// Docs/EventFormat.md#rules has a section per rule with each detail's words.
    public enum Detail: Sendable, Equatable, CustomStringConvertible {
        /// An agent-state change at `at` before the agent's latest change on `channel`, at `latest`.
        case earlierThanAgentState(at: Int64, agent: String, channel: String, latest: Int64)
        /// An event at `at` before the interaction's latest event, at `latest`.
        case earlierThanInteraction(at: Int64, interaction: String, latest: Int64)
        /// The interaction already exists.
        case interactionExists(String)
        /// The interaction does not exist.
        case noInteraction(String)
        /// The agent is already connected to the interaction.
        case agentConnected(agent: String, interaction: String)
        /// The request's target agent is already connected to the interaction.
        case targetConnected(agent: String, interaction: String)
        /// The interaction has a connected owner already.
        case ownerConnected(interaction: String, owner: String)
        /// A consultation's parent is itself a consultation.
        case parentIsConsultation(String)
        /// An agent asked to consult itself.
        case consultsItself(agent: String)
        /// A transfer requested by `requester`, who is not the owner (`owner`, nil when none).
        case notOwner(owner: String?, interaction: String, requester: String)
        /// The request targets `target`, but `accepter` accepted it.
        case accepterMismatch(request: String, target: String, accepter: String)
        /// The accepting agent is logged out at `at`.
        case loggedOut(agent: String, at: Int64)
        /// The contact tried to remove a party.
        case removerIsContact(String)
        /// The contact cannot be removed from its interaction.
        case contactNotRemovable(party: String, interaction: String)
        /// An agent tried to remove itself.
        case removesItself(agent: String)
        /// The disposition code is not in the catalog.
        case noCode(String)
        /// The disposition code was retired.
        case codeRetired(String)
        /// The code is defined with label `existing`, not `given`.
        case labelConflict(code: String, existing: String, given: String)
        /// The agent never was a party of the interaction.
        case neverAParty(agent: String, interaction: String)
        /// The interaction already received `chat.ended`.
        case alreadyEnded(String)
        /// The interaction ended at `at`; only `disposition.set` may follow.
        case ended(interaction: String, at: Int64)
        /// The party was connected, and is no longer.
        case partyLeft(party: String, interaction: String)
        /// The party never was connected to the interaction.
        case notAParty(party: String, interaction: String)
        /// The requester is the contact.
        case requesterIsContact(String)
        /// The request id exists already.
        case requestExists(String)
        /// The request does not exist.
        case noRequest(String)
        /// The request is of kind `actual`, the event answers one of kind `expected`.
        case requestKind(request: String, actual: RequestKind, expected: RequestKind)
        /// The request was already answered (`status`: accepted, declined, timeout, cancelled).
        case requestAnswered(request: String, status: String)
        /// `consultation` is not a consultation of `parent`.
        case notAConsultationOf(consultation: String, parent: String)
        /// The consultation has ended.
        case consultationEnded(String)
        /// The consultation was never accepted.
        case consultationNotAccepted(String)
        /// The consultation is with `agent`, not with the conference's target `target`.
        case consultationWithAnother(consultation: String, agent: String, target: String)
        /// The event id is stored with different content.
        case eventIdStored(String)

        /// The detail in words (the part after the rule's name).
        public var description: String {
            switch self {
            case let .earlierThanAgentState(at, agent, channel, latest):
                return "at \(Timestamp.format(at)) is earlier than agent \(shown(agent))'s latest \(channel) state change at \(Timestamp.format(latest))"
            case let .earlierThanInteraction(at, interaction, latest):
                return "at \(Timestamp.format(at)) is earlier than interaction \(shown(interaction))'s latest event at \(Timestamp.format(latest))"
            case .interactionExists(let id): return "interaction \(shown(id)) already exists"
            case .noInteraction(let id): return "interaction \(shown(id)) does not exist"
            case let .agentConnected(agent, interaction): return "agent \(shown(agent)) is already connected to \(shown(interaction))"
            case let .targetConnected(agent, interaction): return "target agent \(shown(agent)) is already connected to \(shown(interaction))"
            case let .ownerConnected(interaction, owner): return "interaction \(shown(interaction)) already has a connected owner \(shown(owner))"
            case .parentIsConsultation(let parent): return "parent \(shown(parent)) is a consultation; consultations start from a chat"
            case .consultsItself(let agent): return "agent \(shown(agent)) cannot consult itself"
            case let .notOwner(owner, interaction, requester):
                return "only the owner (\(owner.map(shown) ?? "none")) may transfer \(shown(interaction)), not \(shown(requester))"
            case let .accepterMismatch(request, target, accepter):
                return "request \(shown(request)) targets agent \(shown(target)), but \(shown(accepter)) accepted"
            case let .loggedOut(agent, at): return "agent \(shown(agent)) is logged out at \(Timestamp.format(at)) and cannot accept"
            case .removerIsContact(let party): return "only a connected agent can delete a party from the conference; \(shown(party)) is the contact"
            case let .contactNotRemovable(party, interaction): return "\(shown(party)) is the contact of \(shown(interaction))"
            case .removesItself(let agent): return "agent \(shown(agent)) cannot remove itself; it leaves with party.left"
            case .noCode(let code): return "code \(shown(code)) is not in the disposition catalog"
            case .codeRetired(let code): return "code \(shown(code)) was retired and can no longer be set"
            case let .labelConflict(code, existing, given):
                return "code \(shown(code)) is already defined with label \(shown(existing)), not \(shown(given))"
            case let .neverAParty(agent, interaction): return "agent \(shown(agent)) never was a party of \(shown(interaction))"
            case .alreadyEnded(let id): return "interaction \(shown(id)) already received chat.ended"
            case let .ended(interaction, at): return "interaction \(shown(interaction)) ended at \(Timestamp.format(at)); only disposition.set may follow"
            case let .partyLeft(party, interaction): return "party \(shown(party)) is no longer connected to \(shown(interaction))"
            case let .notAParty(party, interaction): return "party \(shown(party)) is not a party of \(shown(interaction))"
            case .requesterIsContact(let party): return "\(shown(party)) is the contact; only a connected agent may make a request"
            case .requestExists(let id): return "request \(shown(id)) already exists"
            case .noRequest(let id): return "request \(shown(id)) does not exist"
            case let .requestKind(request, actual, expected):
                return "request \(shown(request)) is a \(actual.rawValue) request, not a \(expected.rawValue) request"
            case let .requestAnswered(request, status): return "request \(shown(request)) was already \(status)"
            case let .notAConsultationOf(consultation, parent): return "\(shown(consultation)) is not a consultation of \(shown(parent))"
            case .consultationEnded(let id): return "consultation \(shown(id)) has ended"
            case .consultationNotAccepted(let id): return "consultation \(shown(id)) was not accepted"
            case let .consultationWithAnother(consultation, agent, target):
                return "consultation \(shown(consultation)) is with \(shown(agent)), not with the conference target \(shown(target))"
            case .eventIdStored(let id): return "event id \(shown(id)) is already stored with different content"
            }
        }
    }
}
