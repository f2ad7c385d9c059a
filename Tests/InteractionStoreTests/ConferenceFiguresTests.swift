import Foundation
import Testing
@testable import InteractionStore
import InteractionDemo
import InteractionModel
@testable import EventLog

/// `conferenceFigures` counts exactly the rows of `conferenceReport` and gives the summary
/// `conferenceSummary` gives, for every range and agent filter.
@Suite struct ConferenceFiguresTests {
    /// The figures counted from the report's rows, the way the overview counted them before.
    private func fromRows(_ rows: [ConferenceRow], summary: ConferenceSummary) -> ConferenceFigures {
        let outcomes = RequestOutcome.allCases
        var perDay: [Int64: [Int]] = [:]
        var byKind: [TargetKind: [Int]] = [:]
        for row in rows {
            let index = outcomes.firstIndex(of: row.outcome) ?? 0
            let day = row.requestedAt - ((row.requestedAt % 86_400_000) + 86_400_000) % 86_400_000
            perDay[day, default: Array(repeating: 0, count: outcomes.count)][index] += 1
            byKind[row.targetKind, default: Array(repeating: 0, count: outcomes.count)][index] += 1
        }
        let waits = rows.filter { $0.outcome == .accepted }.compactMap(\.waitMs).sorted()
        return ConferenceFigures(summary: summary, perDay: perDay, byTargetKind: byKind, acceptedWaits: waits)
    }

    @Test func aDemoStoresFiguresAreItsReportsRowsCounted() throws {
        try withTempDirectory(prefix: "conference-figures") { dir in
            let store = try Store(path: dir.databasePath)
            let events = Array(DemoGenerator(interactions: 200, seed: 5))
            try store.apply(events)
            let all = try store.conferenceReport(from: nil, to: nil, agent: nil)
            let first = try #require(all.first).requestedAt
            let last = try #require(all.last).requestedAt
            let agents = Array(Set(all.map(\.fromAgent))).sorted().prefix(3)
            var ranges: [(Int64?, Int64?)] = [(nil, nil), (first, nil), (nil, last), (first + 1, last), (last, last)]
            for part in 0..<4 { ranges.append((first + (last - first) / 4 * Int64(part), first + (last - first) / 4 * Int64(part + 1))) }
            var compared = 0
            for (from, to) in ranges {
                for agent in [nil] + agents.map(Optional.some) {
                    let rows = try store.conferenceReport(from: from, to: to, agent: agent)
                    let summary = try store.conferenceSummary(from: from, to: to, agent: agent)
                    let figures = try store.conferenceFigures(from: from, to: to, agent: agent)
                    #expect(figures == fromRows(rows, summary: summary), "from \(String(describing: from)) to \(String(describing: to)) agent \(agent ?? "nil")")
                    #expect(figures.summary.json == summary.json)
                    compared += 1
                }
            }
            #expect(compared == 36)
            #expect(try store.conferenceFigures(from: nil, to: nil, agent: nil).summary.requested == all.count)
        }
    }

    @Test func theMedianIsTheLowerMiddleWaitAndAnEmptyRangeHasNone() throws {
        var fold = ConferenceFigureFold()
        for (index, wait) in [40, 10, 30, 20].enumerated() {
            fold.add(requestedAt: Int64(index), targetKind: .agent, outcome: .accepted, waitMs: Int64(wait), becameOwner: index == 0, wasRemoved: index == 1)
        }
        fold.add(requestedAt: 86_400_000, targetKind: .queue, outcome: .pending, waitMs: nil, becameOwner: false, wasRemoved: false)
        fold.add(requestedAt: -1, targetKind: .queue, outcome: .declined, waitMs: 5, becameOwner: false, wasRemoved: false)
        let figures = fold.finish()
        #expect(figures.summary.medianWaitMs == 20, "the lower middle of 10, 20, 30, 40")
        #expect(figures.summary.requested == 6 && figures.summary.accepted == 4 && figures.summary.pending == 1 && figures.summary.declined == 1)
        #expect(figures.summary.autoTransfers == 1 && figures.summary.removed == 1)
        #expect(figures.acceptedWaits == [10, 20, 30, 40])
        #expect(figures.counts(onDay: 0) == [4, 0, 0, 0, 0])
        #expect(figures.counts(onDay: 86_400_000) == [0, 0, 0, 0, 1])
        #expect(figures.counts(onDay: -86_400_000) == [0, 1, 0, 0, 0], "a time before 1970 falls on the day before")
        #expect(figures.counts(of: .queue) == [0, 1, 0, 0, 1] && figures.counts(of: .routingPoint) == [0, 0, 0, 0, 0])
        // An accepted row without a wait sorts first, as SQLite's ORDER BY sorts NULL.
        var withNull = ConferenceFigureFold()
        for wait in [nil, 7] as [Int64?] {
            withNull.add(requestedAt: 0, targetKind: .agent, outcome: .accepted, waitMs: wait, becameOwner: false, wasRemoved: false)
        }
        #expect(withNull.finish().summary.medianWaitMs == nil)
        #expect(ConferenceFigureFold().finish() == .empty)
    }
}
