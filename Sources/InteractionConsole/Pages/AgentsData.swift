import InteractionStore
import InteractionModel

/// The records behind the agents page: every agent's current state and one UTC day of periods.
package struct AgentsData: Sendable {
    /// Every agent's latest state per channel.
    package var current: [CurrentAgentState]
    /// The day shown (ms at 00:00 UTC).
    package var dayStart: Int64
    /// The periods overlapping that day.
    package var periods: [AgentStatePeriod]
    /// Where open periods end (now, or the end of the day when it is over).
    package var openEnd: Int64

    /// Reads the page's records. Without `day`, the day of the latest state change is shown
    /// (a demo store's days lie in the past; today would often be empty).
    /// - Throws: `SQLiteError`.
    package static func load(from store: Store, day: Int64?, now: Int64) throws -> AgentsData {
        let current = try store.currentAgentStates()
        let latest = current.map(\.since).max() ?? now
        let chosen = day ?? latest
        let dayLength: Int64 = 86_400_000
        let dayStart = chosen - ((chosen % dayLength) + dayLength) % dayLength
        let periods = try store.agentStatePeriods(from: dayStart, to: dayStart + dayLength)
        return AgentsData(current: current, dayStart: dayStart, periods: periods, openEnd: min(now, dayStart + dayLength))
    }

    /// Reads `day` (`YYYY-MM-DD`) from a page's query; absent or empty means the default day.
    /// - Throws: `ConsoleQueryError.invalidTime` for anything else.
    package static func day(query: [String: String]) throws(ConsoleQueryError) -> Int64? {
        guard let text = query["day"], !text.isEmpty else { return nil }
        guard text.utf8.count == 10, let start = Timestamp.parse(text + "T00:00:00Z") else { throw .invalidTime(field: "day", value: text) }
        return start
    }
}
