import InteractionStore
import InteractionModel

/// One transcript turned into events of the log.
package struct ConvertedTranscript: Sendable, Equatable {
    /// The interaction id (`genesys:SESSION`, `connect:CONTACT`).
    package var interaction: String
    /// The events, in log order.
    package var events: [ConvertedEvent]
    /// Source records with no counterpart, by kind.
    package var skipped: SkippedRecords
}

/// An event and the source record it came from.
package struct ConvertedEvent: Sendable, Equatable {
    /// The event.
    package var event: Event
    /// The source record, for messages (`message eventId="92" at byte offset 3012`).
    package var origin: String
}
