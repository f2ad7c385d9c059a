import InteractionStore

/// Runs one blocking read of the store off Swift's cooperative threads (the service's reader
/// threads), each call on a reader connection of its own.
package protocol OverviewReader: Sendable {
    /// Runs `body` with the store and returns its result.
    /// - Throws: what `body` throws.
    func read<T: Sendable>(_ body: @escaping @Sendable (Store) throws -> T) async throws -> T
}

extension OverviewData {
    /// Reads the same records as `load(from:range:now:)`, its independent parts at once, each
    /// through `reader` on its own reader connection: the conference figures, the dispositions
    /// and the agent state report in two halves of its timelines (on 100,000 chats the all-time
    /// overview is three passes of 40,000 to 293,000 rows; two cores run them side by side).
    ///
    /// With an agent chosen only that agent's timelines are folded, and the agent field's
    /// suggestions come from `agentsWithStateRows`, which names the agents the whole report has
    /// rows for without folding them.
    ///
    /// Each part reads its own snapshot: a write committed while the page is read may show in
    /// one figure and not yet in another (each still equals its JSON report at some instant).
    /// - Parameter now: where open agent-state periods end when `range.to` is nil.
    /// - Throws: `SQLiteError`.
    package static func load(using reader: some OverviewReader, range: ConsoleRange, now: Int64) async throws -> OverviewData {
        async let figures = reader.read { try $0.conferenceFigures(from: range.from, to: range.to, agent: range.agent) }
        async let dispositions = reader.read { try $0.dispositionReport(from: range.from, to: range.to) }
        let timelines = try await reader.read { try $0.agentTimelines() }
        let states: [AgentStateRow]
        let agents: [String]
        if let agent = range.agent {
            let own = timelines.filter { $0.agent.utf8.elementsEqual(agent.utf8) }
            async let known = reader.read { try $0.agentsWithStateRows(from: range.from, to: range.to, now: now) }
            states = try await reader.read { try $0.agentStateReport(timelines: own, from: range.from, to: range.to, now: now, byReason: false) }
            agents = try await known
        } else {
            let half = timelines.count / 2
            let first = Array(timelines[..<half]), second = Array(timelines[half...])
            async let head = reader.read { try $0.agentStateReport(timelines: first, from: range.from, to: range.to, now: now, byReason: false) }
            let tail = try await reader.read { try $0.agentStateReport(timelines: second, from: range.from, to: range.to, now: now, byReason: false) }
            states = try await head + tail
            agents = Self.agents(of: states)
        }
        return OverviewData(range: range, figures: try await figures, dispositions: try await dispositions,
                            agentStates: states, now: now, knownAgents: agents)
    }
}
