import InteractionStore

/// The records behind the overview: the same typed rows the JSON reports serialise, for one range.
package struct OverviewData: Sendable, Equatable {
    /// The range (and agent) every figure is narrowed to.
    package var range: ConsoleRange
    /// The figures of `report conferences` for the range and agent (its summary included).
    package var figures: ConferenceFigures
    /// `report dispositions` for the range (the report has no agent filter).
    package var dispositions: [DispositionCountRow]
    /// `report agents` for the range, only the agent's rows when an agent is chosen.
    package var agentStates: [AgentStateRow]
    /// `report conferences --summary` for the range and agent.
    package var summary: ConferenceSummary { figures.summary }
    /// Where open agent-state periods end when the range has no `to`.
    package var now: Int64
    /// Every agent with a recorded state, for the agent field's suggestions.
    package var knownAgents: [String]

    /// Reads every report of the overview for `range` from `store`, one after another.
    /// - Parameter now: where open agent-state periods end when `range.to` is nil.
    /// - Throws: `SQLiteError`.
    package static func load(from store: Store, range: ConsoleRange, now: Int64) throws -> OverviewData {
        let figures = try store.conferenceFigures(from: range.from, to: range.to, agent: range.agent)
        let dispositions = try store.dispositionReport(from: range.from, to: range.to)
        let allStates = try store.agentStateReport(from: range.from, to: range.to, now: now, byReason: false)
        let states = range.agent.map { agent in allStates.filter { $0.agent.utf8.elementsEqual(agent.utf8) } } ?? allStates
        return OverviewData(range: range, figures: figures, dispositions: dispositions,
                            agentStates: states, now: now, knownAgents: agents(of: allStates))
    }

    /// The agents of `rows` (ordered by agent), each once.
    static func agents(of rows: [AgentStateRow]) -> [String] {
        var agents: [String] = []
        for row in rows where agents.last.map({ !$0.utf8.elementsEqual(row.agent.utf8) }) ?? true { agents.append(row.agent) }
        return agents
    }
}
