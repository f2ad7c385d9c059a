/// Whether a party is the contact or an agent.
public enum PartyKind: String, Sendable, Codable {
    /// The customer.
    case contact
    /// An agent.
    case agent
}
