/// One agent of the simulation, by index into the simulation's agents.
struct DemoAgent {
    enum Status { case loggedOut, free, engaged, wrap, notReady, leaving }
    /// What a scheduled agent task does.
    enum Step { case login, loginReady, acw, disposition, dispositionChange, wrapDone, startBreak, breakOver, logout }

    let id: String
    var status: Status = .loggedOut
    /// Interactions the agent is connected to (a chat, plus a consultation at times).
    var load = 0
    /// Held for a request or routed chat that has not been answered or joined yet.
    var reserved = false
    /// Invalidates scheduled agent steps that a later decision superseded.
    var token = 0
    var shiftOver = false
    /// An index into `DemoBreak.reasons`.
    var breakDue: Int?
    var workChat: String?
    /// An index into `DemoDisposition.catalog`.
    var workCode = 0
    var dispositionSetInChat = false
}
