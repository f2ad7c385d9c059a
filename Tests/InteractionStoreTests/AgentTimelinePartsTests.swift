import Testing
@testable import InteractionStore
@testable import EventLog

/// The agent state report read in parts, as the console's overview reads it: any split of the
/// timelines concatenates to the whole report, one agent's timelines give exactly its rows, and
/// `agentsWithStateRows` names exactly the agents the report has rows for, over every range of
/// `AgentTimelineScanTests.log` (changes at range edges, at one instant, only late, repeated).
@Suite struct AgentTimelinePartsTests {
    private static let times: [Int64?] = [nil] + ["07:00:00", "08:00:00", "08:00:00.001", "08:30:00", "09:00:00", "09:15:00",
                                                  "10:00:00", "10:30:00", "11:00:00", "12:00:00", "13:00:00"].map { ReportsLog.ms($0) }

    @Test func everySplitAndEveryAgentGiveTheReportsRows() throws {
        try withTempDirectory(prefix: "timeline-parts") { dir in
            let store = try AgentTimelineScanTests.log.store(in: dir)
            let timelines = try store.agentTimelines()
            #expect(timelines.map { "\($0.agent)/\($0.channel)" } == ["b1/chat", "b1/email", "b1/voice", "b2/chat", "b3/chat", "b4/chat"])
            let now = ReportsLog.ms("14:00:00")
            var compared = 0
            for from in Self.times {
                for to in Self.times {
                    let whole = try store.agentStateReport(from: from, to: to, now: now, byReason: true)
                    let label = "from \(from.map(Timestamp.format) ?? "nil") to \(to.map(Timestamp.format) ?? "nil")"
                    for split in 0...timelines.count {
                        let head = try store.agentStateReport(timelines: Array(timelines[..<split]), from: from, to: to, now: now, byReason: true)
                        let tail = try store.agentStateReport(timelines: Array(timelines[split...]), from: from, to: to, now: now, byReason: true)
                        #expect(head + tail == whole, "\(label), split at \(split)")
                    }
                    for agent in ["b1", "b2", "b3", "b4", "nobody"] {
                        let own = timelines.filter { $0.agent == agent }
                        #expect(try store.agentStateReport(timelines: own, from: from, to: to, now: now, byReason: true)
                                == whole.filter { $0.agent == agent }, "\(label), \(agent)")
                    }
                    var agents: [String] = []
                    for row in whole where agents.last != row.agent { agents.append(row.agent) }
                    #expect(try store.agentsWithStateRows(from: from, to: to, now: now) == agents, "\(label)")
                    compared += 1
                }
            }
            #expect(compared == 144)
            // The edges: nothing before the first change, only b3 missing before 12:00, and a
            // reversed or empty range has no rows at all.
            #expect(try store.agentsWithStateRows(from: nil, to: ReportsLog.ms("08:00:00"), now: now) == [])
            #expect(try store.agentsWithStateRows(from: nil, to: ReportsLog.ms("08:00:00.001"), now: now) == ["b1"])
            #expect(try store.agentsWithStateRows(from: nil, to: ReportsLog.ms("12:00:00"), now: now) == ["b1", "b2", "b4"])
            #expect(try store.agentsWithStateRows(from: ReportsLog.ms("12:00:00"), to: ReportsLog.ms("12:00:00"), now: now) == [])
            #expect(try store.agentsWithStateRows(from: ReportsLog.ms("13:00:00"), to: ReportsLog.ms("12:00:00"), now: now) == [])
            #expect(try store.agentsWithStateRows(from: ReportsLog.ms("13:00:00"), to: nil, now: now) == ["b1", "b2", "b3", "b4"])
        }
    }

    @Test func anEmptyStoreHasNoTimelines() throws {
        try withTempDirectory(prefix: "timeline-parts-empty") { dir in
            let store = try Store(path: dir.databasePath)
            #expect(try store.agentTimelines() == [])
            #expect(try store.agentStateReport(timelines: [], from: nil, to: nil, now: 0, byReason: false) == [])
            #expect(try store.agentsWithStateRows(from: nil, to: nil, now: 0) == [])
        }
    }
}
