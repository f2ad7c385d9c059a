import InteractionModel
import StoreSQLite

/// Reads agent timelines for a range: for each timeline (agent and channel, in byte order), its
/// change in effect at the range's start, then its changes inside the range, in timeline order.
///
/// This is all a fold over periods needs: the period in effect at `lower` is clipped to `lower`
/// whatever its true start, and the periods that ended before `lower` neither overlap the range
/// nor change what follows. Each timeline is two seeks and one range of the covering index
/// `agent_states_agent`, so a short range reads only its own changes, and the agent and
/// channel become a `String` once per timeline rather than once per change.
enum AgentTimelineScan {
    /// Calls `timeline` when a timeline starts and `change` for each of its changes read.
    /// - Parameters:
    ///   - lower: inclusive start of the range (`Int64.min`: every change before `upper`).
    ///   - upper: exclusive end of the range.
    /// - Throws: `SQLiteError`, or what the closures throw.
    static func run(_ db: Connection, lower: Int64, upper: Int64,
                    timeline: (_ agent: String, _ channel: String) throws -> Void,
                    change: (_ state: AgentState, _ reason: String?, _ at: Int64) throws -> Void) throws {
        try run(db, timelines: try timelines(db), lower: lower, upper: upper, timeline: timeline, change: change)
    }

    /// Every timeline with a recorded change, ordered by agent, then channel (as bytes).
    /// - Throws: `SQLiteError`.
    static func timelines(_ db: Connection) throws -> [AgentTimeline] {
        try db.query(AgentTimelineQueries.all) { row in AgentTimeline(agent: row.string(0), channel: row.string(1)) }
    }

    /// As `run(_:lower:upper:timeline:change:)`, over `timelines` only, in the order given.
    /// - Throws: `SQLiteError`, or what the closures throw.
    static func run(_ db: Connection, timelines: [AgentTimeline], lower: Int64, upper: Int64,
                    timeline: (_ agent: String, _ channel: String) throws -> Void,
                    change: (_ state: AgentState, _ reason: String?, _ at: Int64) throws -> Void) throws {
        // With a reversed range nothing lies inside; the change in effect is then the one
        // before `upper`, the last one a reading of everything before `upper` would see.
        let opening = Swift.min(lower, upper)
        for entry in timelines {
            let agent = entry.agent, channel = entry.channel
            try timeline(agent, channel)
            try db.forEach(AgentTimelineQueries.opening, [agent, channel, opening]) { row in
                try change(try state(row, 0), reason(row, 1), row.int64(2))
            }
            guard lower < upper else { continue }
            try db.forEach(AgentTimelineQueries.inside, [agent, channel, lower, upper]) { row in
                try change(try state(row, 0), reason(row, 1), row.int64(2))
            }
        }
    }

    private static let states = VocabularyTable<AgentState>()

    private static func state(_ row: Statement, _ index: Int32) throws -> AgentState {
        try states.decode(row, index)
    }

    /// A reason (TEXT or NULL) in two calls into SQLite rather than three or four.
    private static func reason(_ row: Statement, _ index: Int32) -> String? {
        row.textBytes(index).map { String(decoding: $0, as: UTF8.self) }
    }
}
