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
        var timelines: [(agent: String, channel: String)] = []
        try db.forEach(AgentTimelineQueries.all) { row in timelines.append((row.string(0), row.string(1))) }
        // With a reversed range nothing lies inside; the change in effect is then the one
        // before `upper`, the last one a reading of everything before `upper` would see.
        let opening = Swift.min(lower, upper)
        for (agent, channel) in timelines {
            try timeline(agent, channel)
            try db.forEach(AgentTimelineQueries.opening, [agent, channel, opening]) { row in
                try change(try state(row, 0), row.optionalString(1), row.int64(2))
            }
            guard lower < upper else { continue }
            try db.forEach(AgentTimelineQueries.inside, [agent, channel, lower, upper]) { row in
                try change(try state(row, 0), row.optionalString(1), row.int64(2))
            }
        }
    }

    private static let states = VocabularyTable<AgentState>()

    private static func state(_ row: Statement, _ index: Int32) throws -> AgentState {
        try states.decode(row, index)
    }
}
