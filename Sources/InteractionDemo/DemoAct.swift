import InteractionModel

/// One scripted action of a chat. Actions whose preconditions no longer hold when their
/// time comes (no free colleague, contact already gone...) are skipped, which keeps every
/// emitted event valid whatever the agents' availability turned out to be.
enum DemoAct {
    /// Which agent of the chat acts.
    enum Who { case owner, other, any }
    /// How a request will be answered.
    enum Answer { case accept, decline, timeout, never }

    /// What is said in a consultation: the owner asks and later announces the conference;
    /// the colleague answers, declines, or says it is ready to join.
    enum ConsultTone {
        case ask, reply, decline, inviting, ready

        var byOwner: Bool {
            switch self {
            case .ask, .inviting: true
            case .reply, .decline, .ready: false
            }
        }
    }

    case contactSays(DemoLine)
    case agentSays(Who, DemoLine)
    case note(Who)
    case disconnectNote
    case conferenceRequest(TargetKind, Answer)
    case answer
    case consultRequest(Answer)
    case consultSays(ConsultTone)
    case consultConference
    case consultEnd
    case consultLeave
    case consultLateEnd
    case transferRequest(TargetKind, Answer)
    case remove(ownerRemovesOther: Bool)
    case handOff
    case otherLeaves
    case agentsLeave
    case contactLeaves(disconnected: Bool)
    case disposition
    case endChat
    case lateEndChat
}
