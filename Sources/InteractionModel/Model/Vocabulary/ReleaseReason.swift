/// Why a request was released without anybody joining.
public enum ReleaseReason: String, Sendable, Codable, CaseIterable {
    /// The target declined.
    case declined
    /// Nobody answered in time.
    case timeout
    /// Cancelled (by the requester leaving, or the chat ending).
    case cancelled
}
