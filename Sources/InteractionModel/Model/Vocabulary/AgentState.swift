/// An agent's ready state on a channel.
public enum AgentState: String, Sendable, Codable, CaseIterable {
    /// Logged in, not yet ready.
    case loggedIn = "logged_in"
    /// Ready for interactions.
    case ready
    /// Not ready (optionally with a reason code).
    case notReady = "not_ready"
    /// After-call work following an interaction.
    case afterCallWork = "after_call_work"
    /// Logged out: cannot accept conferences, consultations or transfers (Docs/EventFormat.md#rule-logged-out).
    case loggedOut = "logged_out"
}
