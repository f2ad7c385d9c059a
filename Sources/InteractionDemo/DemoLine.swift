/// What a participant says at a step of a chat's script: one pool of the corpus each (the
/// topic's own pools for `issue`, `contactTopic` and `agentTopic`).
enum DemoLine: CaseIterable {
    case greeting, issue, contactTopic, agentTopic, contactFiller, agentFiller, pii
    case confIntro, confGreeting, unavailable, holdOn, consultResult
    case transferIntro, transferGreeting, anythingElse, contactThanks, agentBye, contactBye
    case handOff, otherBye, removeThanks, lookingForSomeone, contactMustGo, stillThere

    /// The line's number, part of the key that keeps a chat from repeating a template (and so
    /// of the output: never renumber).
    var index: Int {
        switch self {
        case .greeting: 0
        case .issue: 1
        case .contactTopic: 2
        case .agentTopic: 3
        case .contactFiller: 4
        case .agentFiller: 5
        case .pii: 6
        case .confIntro: 7
        case .confGreeting: 8
        case .unavailable: 9
        case .holdOn: 10
        case .consultResult: 11
        case .transferIntro: 12
        case .transferGreeting: 13
        case .anythingElse: 14
        case .contactThanks: 15
        case .agentBye: 16
        case .contactBye: 17
        case .handOff: 18
        case .otherBye: 19
        case .removeThanks: 20
        case .lookingForSomeone: 21
        case .contactMustGo: 22
        case .stillThere: 23
        }
    }

    /// The corpus pool, or nil for the topic's own pools.
    var pool: String? {
        switch self {
        case .issue, .contactTopic, .agentTopic: nil
        case .greeting: "greeting"
        case .contactFiller: "contact-filler"
        case .agentFiller: "agent-filler"
        case .pii: "pii"
        case .confIntro: "conf-intro"
        case .confGreeting: "conf-greeting"
        case .unavailable: "unavailable"
        case .holdOn: "hold-on"
        case .consultResult: "consult-result"
        case .transferIntro: "transfer-intro"
        case .transferGreeting: "transfer-greeting"
        case .anythingElse: "anything-else"
        case .contactThanks: "contact-thanks"
        case .agentBye: "agent-bye"
        case .contactBye: "contact-bye"
        case .handOff: "hand-off"
        case .otherBye: "other-bye"
        case .removeThanks: "remove-thanks"
        case .lookingForSomeone: "looking-for-someone"
        case .contactMustGo: "contact-must-go"
        case .stillThere: "still-there"
        }
    }
}
