/// How a conference was requested.
public enum ConferenceMode: String, Sendable, Codable, CaseIterable {
    /// Instant chat conference.
    case instant
    /// Conference from an active consultation.
    case consultation
}
