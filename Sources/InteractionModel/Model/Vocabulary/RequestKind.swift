/// The three kinds of request.
public enum RequestKind: String, Sendable, Codable, CaseIterable {
    /// Bring a target into the chat as a conference party.
    case conference
    /// Start a consultation (a separate interaction between two agents).
    case consultation
    /// Hand the chat over to the target.
    case transfer
}
