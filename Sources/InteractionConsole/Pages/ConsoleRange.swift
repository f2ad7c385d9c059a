import InteractionStore
import InteractionModel

/// The time range and agent a page is narrowed to, read from its query (`from`, `to`, `agent`).
///
/// `from` and `to` are either a UTC day as a date input sends it (`2026-11-24`) or a time as in
/// SPEC section 3 (`2026-11-24T09:00:00Z`). A day in `from` starts at its 00:00; a day in `to`
/// includes that day (the range ends at the next 00:00), as people read "from the 24th to the
/// 26th". Exact times select `from <= t < to`, like the reports.
package struct ConsoleRange: Sendable, Equatable {
    /// Inclusive lower bound in ms, nil for none.
    package var from: Int64?
    /// Exclusive upper bound in ms, nil for none.
    package var to: Int64?
    /// Only this agent, nil for every agent.
    package var agent: String?
    /// The query texts as given (for the form's fields).
    package var fromText: String?
    /// The query text of `to` as given.
    package var toText: String?

    /// No bounds, every agent.
    package static let all = ConsoleRange(from: nil, to: nil, agent: nil, fromText: nil, toText: nil)

    /// Creates a range from bounds in ms.
    package init(from: Int64?, to: Int64?, agent: String?, fromText: String? = nil, toText: String? = nil) {
        self.from = from
        self.to = to
        self.agent = agent
        self.fromText = fromText
        self.toText = toText
    }

    /// Reads `from`, `to` and `agent` from a page's query; empty values count as absent.
    /// - Throws: `ConsoleQueryError` for a value that is neither a day nor a time, or a reversed range.
    package init(query: [String: String]) throws(ConsoleQueryError) {
        let fromText = query["from"].flatMap { $0.isEmpty ? nil : $0 }
        let toText = query["to"].flatMap { $0.isEmpty ? nil : $0 }
        let agent = query["agent"].flatMap { $0.isEmpty ? nil : $0 }
        let from = try fromText.map { text throws(ConsoleQueryError) in try Self.bound(text, field: "from", dayEnd: false) }
        let to = try toText.map { text throws(ConsoleQueryError) in try Self.bound(text, field: "to", dayEnd: true) }
        if let from, let to, from > to { throw .reversedRange(from: from, to: to) }
        self.init(from: from, to: to, agent: agent, fromText: fromText, toText: toText)
    }

    /// A day (`YYYY-MM-DD`: its start, or with `dayEnd` the next day's start) or a time.
    static func bound(_ text: String, field: String, dayEnd: Bool) throws(ConsoleQueryError) -> Int64 {
        if text.utf8.count == 10, let start = Timestamp.parse(text + "T00:00:00Z") {
            return dayEnd ? start + 86_400_000 : start
        }
        guard let time = Timestamp.parse(text) else { throw .invalidTime(field: field, value: text) }
        return time
    }

    /// The query pairs of the exact bounds, as the JSON reports take them (`from=…&to=…`).
    package var reportQuery: [(String, String?)] {
        [("from", from.map(Timestamp.format)), ("to", to.map(Timestamp.format))]
    }

    /// `2026-11-24 00:00:00 UTC ≤ t < 2026-11-26 00:00:00 UTC`, or "all time".
    package var description: String {
        switch (from, to) {
        case (nil, nil): return "all time"
        case let (from?, nil): return "from \(ConsoleFormat.time(from))"
        case let (nil, to?): return "before \(ConsoleFormat.time(to))"
        case let (from?, to?): return "\(ConsoleFormat.time(from)) ≤ t < \(ConsoleFormat.time(to))"
        }
    }
}

extension ConsoleRange {
    /// How many UTC days the overview shows when no range is asked for.
    package static let defaultDays: Int64 = 7

    /// The `days` UTC days ending with the day of `latest` (the newest interaction's start):
    /// the overview's default, so that a large store answers fast and a demo store shows all
    /// of its few days. The bounds are explicit, so the JSON links name them exactly.
    package static func lastDays(_ days: Int64 = defaultDays, endingWith latest: Int64, agent: String?) -> ConsoleRange {
        let dayLength: Int64 = 86_400_000
        let end = latest - ((latest % dayLength) + dayLength) % dayLength + dayLength
        let start = end - days * dayLength
        return ConsoleRange(from: start, to: end, agent: agent, fromText: ConsoleFormat.day(start), toText: ConsoleFormat.day(end - dayLength))
    }

    /// Whether the query asks for no bound at all (`span=all`) or for a range of its own.
    package static func asksForAllTime(_ query: [String: String]) -> Bool {
        query["span"] == "all"
    }
}
