import Foundation
import Testing
@testable import InteractionStore
import InteractionDemo
import InteractionModel
@testable import EventLog
import StoreSQLite

/// The agent timelines read by seeks (`AgentTimelineScan`, `AgentTimelineQueries`) give exactly
/// what a pass over every change gave: the agent state report for any range, the current states
/// and the state periods.
@Suite struct AgentTimelineScanTests {
    private static func ms(_ clock: String) -> Int64 { ReportsLog.ms(clock) }

    /// Three channels for b1 (one of them starting late), b2 with changes at one instant, b3 only
    /// after 12:00, b4 with a repeated state across the ranges' edges.
    static var log: ReportsLog {
        var log = ReportsLog()
        log.state("b1", "logged_in", at: "08:00:00")
        log.state("b1", "ready", at: "08:00:00")
        log.state("b1", "ready", at: "08:00:00", channel: "email")
        log.state("b1", "not_ready", at: "08:30:00", reason: "break")
        log.state("b1", "not_ready", at: "09:00:00", reason: "lunch")
        log.state("b1", "ready", at: "09:45:00", channel: "voice")
        log.state("b1", "ready", at: "10:00:00")
        log.state("b1", "after_call_work", at: "10:05:00")
        log.state("b1", "logged_out", at: "11:00:00", channel: "email")
        log.state("b2", "ready", at: "09:00:00")
        log.state("b2", "not_ready", at: "09:00:00", reason: "break")
        log.state("b2", "ready", at: "09:00:00")
        log.state("b2", "after_call_work", at: "09:30:00")
        log.state("b3", "ready", at: "12:00:00")
        log.state("b4", "ready", at: "08:10:00")
        log.state("b4", "ready", at: "09:00:00")
        log.state("b4", "ready", at: "10:00:00")
        log.state("b4", "not_ready", at: "10:30:00")
        return log
    }

    /// The report as it was computed before: every change before `upper`, folded in one pass.
    private func everyChange(_ store: Store, from: Int64?, to: Int64?, now: Int64, byReason: Bool) throws -> [AgentStateRow] {
        let lower = from ?? .min
        let upper = to ?? now
        return try store.read { db in
            var fold = AgentPeriodFold(lower: lower, upper: upper, byReason: byReason)
            var timeline: (String, String)?
            try db.forEach("SELECT agent_id, channel, state, reason, at FROM agent_states WHERE at < ? ORDER BY agent_id, channel, at, id", [upper]) { row in
                let next = (row.string(0), row.string(1))
                if timeline.map({ $0 != next }) ?? true {
                    fold.begin(agent: next.0, channel: next.1)
                    timeline = next
                }
                fold.add(state: try row.vocabulary(AgentState.self, 2), reason: row.optionalString(3), at: row.int64(4))
            }
            return fold.finish()
        }
    }

    @Test func everyRangeGivesWhatAPassOverEveryChangeGave() throws {
        try withTempDirectory(prefix: "timeline-scan") { dir in
            let store = try Self.log.store(in: dir)
            let times: [Int64?] = [nil] + ["07:00:00", "08:00:00", "08:00:00.001", "08:30:00", "09:00:00", "09:15:00", "10:00:00",
                                           "10:30:00", "11:00:00", "12:00:00", "13:00:00"].map { Self.ms($0) }
            var compared = 0
            for from in times {
                for to in times {
                    for byReason in [false, true] {
                        let now = Self.ms("14:00:00")
                        let expected = try everyChange(store, from: from, to: to, now: now, byReason: byReason)
                        let rows = try store.agentStateReport(from: from, to: to, now: now, byReason: byReason)
                        #expect(rows == expected, "from \(from.map(Timestamp.format) ?? "nil") to \(to.map(Timestamp.format) ?? "nil") byReason \(byReason)")
                        compared += 1
                    }
                }
            }
            #expect(compared == 288)
            // A range before any change of b3 lists no b3 row; one after lists b3's open period.
            let morning = try store.agentStateReport(from: Self.ms("08:00:00"), to: Self.ms("11:00:00"), now: 0, byReason: false)
            #expect(!morning.contains { $0.agent == "b3" })
            #expect(morning.contains { $0.agent == "b1" && $0.channel == "voice" })
            let afternoon = try store.agentStateReport(from: Self.ms("12:30:00"), to: Self.ms("13:00:00"), now: 0, byReason: false)
            #expect(afternoon.map { "\($0.agent)/\($0.channel)/\($0.state.rawValue)/\($0.totalMs)/\($0.count)" } == [
                "b1/chat/after_call_work/1800000/1", "b1/email/logged_out/1800000/1", "b1/voice/ready/1800000/1",
                "b2/chat/after_call_work/1800000/1", "b3/chat/ready/1800000/1", "b4/chat/not_ready/1800000/1",
            ])
        }
    }

    @Test func aDemoStoreGivesTheSameReportsByEitherReading() throws {
        try withTempDirectory(prefix: "timeline-scan-demo") { dir in
            let store = try Store(path: dir.databasePath)
            let events = Array(DemoGenerator(interactions: 120, seed: 11))
            try store.apply(events)
            let bounds = try store.read { db in
                try db.queryOne("SELECT min(at), max(at) FROM agent_states") { ($0.int64(0), $0.int64(1)) }
            }
            let (first, last) = try #require(bounds)
            let step = (last - first) / 7
            for index in 0..<8 {
                let from = first + step * Int64(index) - 1_000
                for length in [1, 60_000, 3_600_000, 86_400_000] as [Int64] {
                    for byReason in [false, true] {
                        let expected = try everyChange(store, from: from, to: from + length, now: 0, byReason: byReason)
                        #expect(try store.agentStateReport(from: from, to: from + length, now: 0, byReason: byReason) == expected)
                    }
                }
            }
            #expect(try store.agentStateReport(from: nil, to: nil, now: last + 1, byReason: true)
                    == everyChange(store, from: nil, to: nil, now: last + 1, byReason: true))
        }
    }

    @Test func currentStatesAreEachTimelinesLatestChange() throws {
        try withTempDirectory(prefix: "timeline-latest") { dir in
            let store = try Self.log.store(in: dir)
            let states = try store.currentAgentStates()
            #expect(states.map { "\($0.agent)/\($0.channel)/\($0.state.rawValue)/\($0.reason ?? "-")" } == [
                "b1/chat/after_call_work/-", "b1/email/logged_out/-", "b1/voice/ready/-",
                "b2/chat/after_call_work/-", "b3/chat/ready/-", "b4/chat/not_ready/-",
            ])
            #expect(states.map(\.since) == ["10:05:00", "11:00:00", "09:45:00", "09:30:00", "12:00:00", "10:30:00"].map { Self.ms($0) })
            // The window function the listing used before, for the same answer.
            let windowed = try store.read { db in
                try db.query("""
                    SELECT agent_id, channel, state, reason, at FROM (
                        SELECT agent_id, channel, state, reason, at,
                               row_number() OVER (PARTITION BY agent_id, channel ORDER BY at DESC, id DESC) AS newest
                        FROM agent_states)
                    WHERE newest = 1 ORDER BY agent_id, channel
                    """) { "\($0.string(0))/\($0.string(1))/\($0.string(2))/\($0.optionalString(3) ?? "-")/\($0.int64(4))" }
            }
            #expect(states.map { "\($0.agent)/\($0.channel)/\($0.state.rawValue)/\($0.reason ?? "-")/\($0.since)" } == windowed)
        }
    }

    @Test func anEmptyStoreHasNoTimelines() throws {
        try withTempDirectory(prefix: "timeline-empty") { dir in
            let store = try Store(path: dir.databasePath)
            #expect(try store.currentAgentStates().isEmpty)
            #expect(try store.agentStateReport(from: nil, to: nil, now: Self.ms("10:00:00"), byReason: false).isEmpty)
            #expect(try store.agentStatePeriods(from: Self.ms("00:00:00"), to: Self.ms("23:59:59")).isEmpty)
        }
    }

    @Test func aTimelineOnSeveralChannelsHasPeriodsOnEach() throws {
        try withTempDirectory(prefix: "timeline-periods") { dir in
            let store = try Self.log.store(in: dir)
            let periods = try store.agentStatePeriods(from: Self.ms("09:30:00"), to: Self.ms("10:30:00"))
            let b1 = periods.filter { $0.agent == "b1" }.map { "\($0.channel)/\($0.state.rawValue)/\($0.reason ?? "-")" }
            #expect(b1 == ["chat/not_ready/lunch", "chat/ready/-", "chat/after_call_work/-", "email/ready/-", "voice/ready/-"])
            // b4's repeats continue one period that started before the range.
            let b4 = periods.filter { $0.agent == "b4" }
            #expect(b4.map(\.start) == [Self.ms("09:00:00")] && b4.first?.end == nil)
        }
    }
}
