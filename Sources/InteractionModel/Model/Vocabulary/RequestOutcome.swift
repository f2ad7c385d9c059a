/// The outcome of a request, as reports show it.
public enum RequestOutcome: String, Sendable, Codable, CaseIterable {
    /// The target (or the agent a queue routed to) accepted.
    case accepted
    /// Declined.
    case declined
    /// Timed out.
    case timeout
    /// Cancelled.
    case cancelled
    /// Not answered yet.
    case pending
}
