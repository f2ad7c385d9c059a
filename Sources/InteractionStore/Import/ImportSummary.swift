/// One rejected line of an import.
public struct RejectedLine: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number (blank lines count).
    public var line: Int
    /// The event's id when it could be read.
    public var eventId: String?
    /// Why it was rejected.
    public var reason: String

    /// Creates a rejection.
    package init(line: Int, eventId: String?, reason: String) {
        self.line = line
        self.eventId = eventId
        self.reason = reason
    }

    /// `line N: event ID: reason`, or `line N: reason` when no id could be read.
    public var description: String {
        "line \(line): " + (eventId.map { "event \(Self.shortened($0)): " } ?? "") + reason
    }

    /// An id as printed: cut after 80 characters so a 100 KB id cannot flood the terminal.
    static func shortened(_ id: String) -> String {
        let scalars = id.unicodeScalars
        guard scalars.count > 80 else { return id }
        return String(String.UnicodeScalarView(scalars.prefix(80))) + "… (\(id.utf8.count) bytes)"
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Events checked and written (0 when an atomic import was rejected).
    public var stored = 0
    /// Events skipped as repeats of stored ones.
    public var duplicates = 0
    /// Lines rejected, in order.
    public var rejected: [RejectedLine] = []
    /// Whether anything was committed.
    public var committed = false
    /// Lines read (blank ones included).
    public var lines = 0
    /// Wall time in seconds.
    package var elapsedSeconds = 0.0

    /// A summary of nothing done yet; `committed` says whether that nothing counts as a success.
    package init(committed: Bool = false) {
        self.committed = committed
    }

    /// Events per second over the whole run.
    package var eventsPerSecond: Double {
        elapsedSeconds > 0 ? Double(stored + duplicates + rejected.count) / elapsedSeconds : 0
    }
}
