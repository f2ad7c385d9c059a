/// Whether an interaction is a chat or a consultation.
public enum InteractionKind: String, Sendable, Codable {
    /// A chat with a contact.
    case chat
    /// A consultation between two agents, child of a chat.
    case consultation
}
