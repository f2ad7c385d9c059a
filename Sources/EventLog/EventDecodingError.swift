import InteractionModel

/// Why a log line is not a valid event (malformed JSON, wrong shape, unknown keys or values).
/// Each reason is listed in Docs/EventFormat.md#errors.
public struct EventDecodingError: CategorizedError, Sendable, Equatable, CustomStringConvertible {
    /// The event's id when it could be read.
    public var eventId: String?
    /// What is wrong, naming the field and, for ids and enumerations, the offending value.
    public var reason: String

    /// Creates an error.
    package init(eventId: String?, reason: String) {
        self.eventId = eventId
        self.reason = reason
    }

    /// `event ID: reason`, or the reason alone when no id could be read.
    public var description: String {
        eventId.map { "event \($0): \(reason)" } ?? reason
    }

    /// A line that is not a valid event is bad input data.
    public var category: ErrorCategory { .data }
}
