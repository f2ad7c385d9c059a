import InteractionStore
import InteractionModel

/// One source record of a transcript, in the common terms both platforms map to; the
/// assembler turns records into events (inferring conferences and transfers).
struct TranscriptRecord {
    /// The record's number in event ids (`PREFIX:SESSION:N`): the platform's event id or the
    /// item's position; 0 for what comes from the transcript's header.
    var number: String
    /// Milliseconds since the epoch.
    var at: Int64
    /// Where it is in the file, for messages (`partyLeft eventId="97" at byte offset 4012`).
    var origin: String
    var action: Action

    enum Action {
        /// The contact: the chat starts.
        case contactJoined(contact: String, name: String?)
        /// An agent (or bot) joins.
        case agentJoined(agent: String)
        /// An invitation of another agent (Connect's `participant.invited`): gives the time of
        /// the conference request that the next join answers.
        case invited(agent: String?)
        case message(party: String, text: String, visibility: Visibility)
        case left(party: String, reason: LeaveReason)
        case removed(party: String, by: String)
        case chatEnded
    }
}
