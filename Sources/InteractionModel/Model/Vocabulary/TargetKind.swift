/// What a request is addressed to.
public enum TargetKind: String, Sendable, Codable, CaseIterable {
    /// A named agent: only that agent may accept (Docs/EventFormat.md#rule-accepter-mismatch).
    case agent
    /// A queue: the agent it was routed to accepts.
    case queue
    /// A routing point: the agent it was routed to accepts.
    case routingPoint = "routing_point"
}
