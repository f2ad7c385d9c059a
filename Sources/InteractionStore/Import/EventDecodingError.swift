/// Why a log line is not a valid event (malformed JSON, wrong shape, unknown keys or values).
public struct EventDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The event's id when it could be read.
    public var eventId: String?
    /// What is wrong, naming the field and, for ids and enumerations, the offending value.
    public var reason: String

    /// Creates an error.
    public init(eventId: String?, reason: String) {
        self.eventId = eventId
        self.reason = reason
    }

    /// `event ID: reason`, or the reason alone when no id could be read.
    public var description: String {
        eventId.map { "event \($0): \(reason)" } ?? reason
    }
}

/// Shows a value in an error message: quoted, and cut short so a 100 KB id cannot flood stderr.
func shown(_ value: String) -> String {
    let limit = 80
    let cut = value.unicodeScalars.count > limit
    let prefix = cut ? String(String.UnicodeScalarView(value.unicodeScalars.prefix(limit))) : value
    return JSONWriter.quote(prefix) + (cut ? "… (\(value.utf8.count) bytes)" : "")
}
