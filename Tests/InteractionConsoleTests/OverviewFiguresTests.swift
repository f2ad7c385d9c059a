import Foundation
import InteractionStore
import StoreTestSupport
import Testing
@testable import InteractionConsole
@testable import InteractionModel
@testable import EventLog
@testable import RecordOutput

/// Every figure on the overview equals the matching JSON report for the same range (SPEC §7),
/// on a real store built from the demo generator.
@Suite struct OverviewFiguresTests {
    /// Renders the overview for `range` and the JSON reports for the same range.
    private func compare(_ store: Store, _ range: ConsoleRange, now: Int64) throws -> (PageProbe, OverviewData) {
        let data = try OverviewData.load(from: store, range: range, now: now)
        let probe = PageProbe(html: OverviewPage.document(data))
        let summaryJSON = try store.conferenceSummary(from: range.from, to: range.to, agent: range.agent).json
        guard let summary = try ReportJSON.objects(summaryJSON).first else {
            Issue.record("no summary object")
            return (probe, data)
        }
        #expect(summary.count == ConferenceSummary.columns.count)
        for key in ConferenceSummary.columns {
            let shown = try #require(probe.figure("summary." + key), "summary.\(key) is not on the page")
            #expect(shown.value == summary[key], "summary.\(key): page \(shown.value), JSON \(summary[key] ?? "missing")")
        }
        // What people read is the JSON value, formatted.
        let totals = data.summary
        #expect(probe.figure("summary.requested")?.text == ConsoleFormat.count(totals.requested))
        #expect(probe.figure("summary.accept_rate")?.text == ConsoleFormat.percent(totals.acceptRate))
        #expect(probe.figure("summary.median_wait_ms")?.text == ConsoleFormat.duration(totals.medianWaitMs))

        let dispositions = try ReportJSON.objects(Tabular(reportRows: try store.dispositionReport(from: range.from, to: range.to)).json())
        for row in dispositions {
            let code = try #require(row["code"].flatMap { try? JSONParser.parse($0) }.flatMap { if case .string(let s) = $0 { s } else { nil } })
            #expect(probe.figure("dispositions.\(code)")?.value == row["count"], "disposition \(code)")
        }
        #expect(probe.figures.filter { $0.key.hasPrefix("dispositions.") }.count == dispositions.count)

        let agentRows = try store.agentStateReport(from: range.from, to: range.to, now: now, byReason: false)
            .filter { row in range.agent.map { $0 == row.agent } ?? true }
        let agents = try ReportJSON.objects(AgentStateRow.tabular(agentRows, byReason: false).json())
        for (row, json) in zip(agentRows, agents) {
            let key = "agents.\(row.agent).\(row.channel).\(row.state.rawValue)"
            #expect(probe.figure(key + ".total_ms")?.value == json["total_ms"], "\(key)")
            #expect(probe.figure(key + ".count")?.value == json["count"], "\(key)")
            #expect(probe.figure(key + ".total_ms")?.text == ConsoleFormat.duration(row.totalMs))
        }
        #expect(probe.figures.filter { $0.key.hasPrefix("agents.") }.count == 2 * agentRows.count)

        // The charts' tables add up to the summary's counts.
        let rows = try ReportJSON.objects(Tabular(reportRows: try store.conferenceReport(from: range.from, to: range.to, agent: range.agent)).json())
        for outcome in RequestOutcome.allCases {
            let perDay = probe.figures.filter { $0.key.hasPrefix("per_day.") && $0.key.hasSuffix("." + outcome.rawValue) }.compactMap { Int($0.value) }.reduce(0, +)
            let byTarget = probe.figures.filter { $0.key.hasPrefix("by_target.") && $0.key.hasSuffix("." + outcome.rawValue) }.compactMap { Int($0.value) }.reduce(0, +)
            let inJSON = rows.filter { $0["outcome"] == "\"\(outcome.rawValue)\"" }.count
            #expect(perDay == inJSON, "per-day \(outcome)")
            #expect(byTarget == inJSON, "by-target \(outcome)")
        }
        let bucketed = probe.figures.filter { $0.key.hasPrefix("waits.") }.compactMap { Int($0.value) }.reduce(0, +)
        #expect(bucketed == totals.accepted)
        #expect(probe.policyViolations.isEmpty, "\(probe.policyViolations)")
        return (probe, data)
    }

    @Test func everyFigureEqualsTheJSONReportsOverAllTime() throws {
        try withTempDirectory(prefix: "console-overview") { dir in
            let store = try ConsoleStores.demo(in: dir)
            let (probe, data) = try compare(store, .all, now: ConsoleStores.at(86_400 * 30))
            #expect(data.summary.requested > 10, "the demo should hold conference requests")
            #expect(data.summary.accepted > 0 && data.summary.requested > data.summary.accepted)
            #expect(probe.html.contains("<svg class=\"chart\""))
        }
    }

    @Test func aRangeAndAnAgentNarrowEveryFigure() throws {
        try withTempDirectory(prefix: "console-overview-range") { dir in
            let store = try ConsoleStores.demo(in: dir)
            let all = try store.conferenceReport(from: nil, to: nil, agent: nil)
            let first = try #require(all.first).requestedAt
            let last = try #require(all.last).requestedAt
            let middle = first + (last - first) / 2
            let range = try ConsoleRange(query: ["from": Timestamp.format(first), "to": Timestamp.format(middle)])
            let (_, narrowed) = try compare(store, range, now: last)
            #expect(narrowed.summary.requested < all.count && narrowed.summary.requested > 0)

            let agent = try #require(all.first?.fromAgent)
            let agentRange = try ConsoleRange(query: ["to": Timestamp.format(last + 1), "agent": agent])
            let (probe, byAgent) = try compare(store, agentRange, now: last)
            #expect(byAgent.summary.requested < all.count && byAgent.summary.requested > 0)
            #expect(byAgent.agentStates.allSatisfy { $0.agent == agent } && !byAgent.agentStates.isEmpty)
            #expect(probe.html.contains("for every agent (the disposition report has no agent filter)"))
        }
    }

    @Test func anEmptyStoreShowsZerosAndDashes() throws {
        try withTempDirectory(prefix: "console-overview-empty") { dir in
            let store = try Store(path: dir.databasePath)
            let (probe, _) = try compare(store, .all, now: ConsoleStores.base)
            #expect(probe.figure("summary.accept_rate")?.text == "—")
            #expect(probe.figure("summary.accept_rate")?.value == "null")
            #expect(probe.figure("summary.requested")?.text == "0")
            #expect(probe.html.contains("no data in this range"))
        }
    }

    @Test func theJSONLinksCarryTheExactRange() throws {
        let range = try ConsoleRange(query: ["from": "2026-03-02", "to": "2026-03-03", "agent": "a&b"])
        let data = OverviewData(range: range, figures: .empty, dispositions: [], agentStates: [], now: 0, knownAgents: [])
        let html = OverviewPage.document(data)
        #expect(html.contains("href=\"/v1/reports/conferences?summary=true&amp;from=2026-03-02T00%3A00%3A00.000Z&amp;to=2026-03-04T00%3A00%3A00.000Z&amp;agent=a%26b\""))
        #expect(html.contains("2026-03-02 00:00:00 UTC ≤ t &lt; 2026-03-04 00:00:00 UTC"))
    }
}
