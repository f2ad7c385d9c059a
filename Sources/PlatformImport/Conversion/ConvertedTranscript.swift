import InteractionStore
import InteractionModel

/// One transcript turned into events of the log.
public struct ConvertedTranscript: Sendable, Equatable {
    /// The interaction id (`genesys:SESSION`, `connect:CONTACT`).
    public var interaction: String
    /// The events, in log order.
    public var events: [ConvertedEvent]
    /// Source records with no counterpart, by kind.
    public var skipped: SkippedRecords

    /// Creates a result.
    public init(interaction: String, events: [ConvertedEvent], skipped: SkippedRecords) {
        self.interaction = interaction
        self.events = events
        self.skipped = skipped
    }
}

/// An event and the source record it came from.
public struct ConvertedEvent: Sendable, Equatable {
    /// The event.
    public var event: Event
    /// The source record, for messages (`message eventId="92" at byte offset 3012`).
    public var origin: String

    /// Creates one.
    public init(event: Event, origin: String) {
        self.event = event
        self.origin = origin
    }
}
