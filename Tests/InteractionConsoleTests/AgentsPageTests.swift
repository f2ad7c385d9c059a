import Foundation
import InteractionStore
import StoreTestSupport
import Testing
@testable import InteractionConsole
@testable import InteractionModel

@Suite struct AgentsPageTests {
    @Test func currentStatesAndADayOfPeriods() throws {
        try withTempDirectory(prefix: "console-agents") { dir in
            let store = try ConsoleStores.story(in: dir)
            let data = try AgentsData.load(from: store, day: nil, now: ConsoleStores.at(3_600))
            #expect(data.dayStart == ConsoleStores.base - 9 * 3_600_000, "the latest change's day, 2026-03-02")
            let a1 = data.periods.filter { $0.agent == "a1" }
            #expect(a1.map(\.state) == [.ready, .afterCallWork, .notReady])
            #expect(a1.last?.reason == "lunch" && a1.last?.end == nil)
            #expect(a1.first?.end == a1.dropFirst().first?.start)
            let html = AgentsPage.document(data)
            #expect(html.contains("<tr data-agent=\"a1\">") && html.contains("<td data-key=\"state\">not_ready</td><td>lunch</td>"))
            #expect(html.contains("State timeline for 2026-03-02 (UTC)"))
            #expect(html.contains("a1 · not_ready (lunch): 09:04:10–10:00:00 UTC, 55 min 50 s"))
            #expect(html.contains("href=\"/agents?day=2026-03-01\"") && html.contains("href=\"/agents?day=2026-03-03\""))
            #expect(PageProbe(html: html).policyViolations.isEmpty)
        }
    }

    @Test func aLaterDayStartsWithThePeriodInEffect() throws {
        try withTempDirectory(prefix: "console-agents-next") { dir in
            let store = try ConsoleStores.story(in: dir)
            let nextDay = ConsoleStores.base - 9 * 3_600_000 + 86_400_000
            let periods = try store.agentStatePeriods(from: nextDay, to: nextDay + 86_400_000)
            #expect(periods.count == 3, "one period in effect per agent, carried over")
            #expect(periods.first { $0.agent == "a1" }?.state == .notReady)
            #expect(periods.allSatisfy { $0.start < nextDay && $0.end == nil })
        }
    }

    @Test func aRepeatedStateContinuesItsPeriodAndAReasonChangeStartsOne() throws {
        try withTempDirectory(prefix: "console-periods") { dir in
            let store = try Store(path: dir.databasePath)
            let states: [(AgentState, String?)] = [(.ready, nil), (.ready, nil), (.notReady, "break"), (.notReady, "lunch"), (.notReady, "lunch")]
            _ = try store.apply(states.enumerated().map { index, state in
                Event(id: "p\(index)", at: ConsoleStores.at(index * 60), body: .agentState(agent: "a9", state: state.0, channel: "chat", reason: state.1))
            })
            let periods = try store.agentStatePeriods(from: ConsoleStores.base, to: ConsoleStores.base + 86_400_000)
            #expect(periods.map(\.state) == [.ready, .notReady, .notReady])
            #expect(periods.map(\.reason) == [nil, "break", "lunch"])
            #expect(periods.map(\.start) == [ConsoleStores.at(0), ConsoleStores.at(120), ConsoleStores.at(180)])
            #expect(periods.map(\.end) == [ConsoleStores.at(120), ConsoleStores.at(180), nil])
            // A range that starts inside the second period begins with it.
            let later = try store.agentStatePeriods(from: ConsoleStores.at(150), to: ConsoleStores.at(160))
            #expect(later.map(\.reason) == ["break"] && later.first?.start == ConsoleStores.at(120))
        }
    }

    @Test func theDayQueryIsADate() throws {
        #expect(try AgentsData.day(query: ["day": "2026-03-02"]) == ConsoleStores.base - 9 * 3_600_000)
        #expect(try AgentsData.day(query: [:]) == nil)
        #expect(throws: ConsoleQueryError.invalidTime(field: "day", value: "yesterday")) { try AgentsData.day(query: ["day": "yesterday"]) }
    }
}
