import Dispatch
import InteractionStore
import StoreTestSupport
import Testing
@testable import InteractionConsole
@testable import InteractionModel

/// The service reads the overview in parts at once (`OverviewData.load(using:range:now:)`):
/// what it reads equals the one-after-another `load(from:range:now:)` the figure tests pin
/// against the JSON reports, for every range and agent.
@Suite struct OverviewConcurrentLoadTests {
    /// Runs each read on a concurrent queue, as the service's reader threads do.
    private struct QueueReader: OverviewReader {
        let store: Store
        let queue = DispatchQueue(label: "overview-test-readers", attributes: .concurrent)

        func read<T: Sendable>(_ body: @escaping @Sendable (Store) throws -> T) async throws -> T {
            let store = store
            return try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try body(store) }) }
            }
        }
    }

    /// Ranges across the demo store: all time, halves, a reversed-free empty stretch before
    /// every change, one agent (with a range and without), an agent with no states.
    private func ranges(_ store: Store) throws -> [(ConsoleRange, Int64)] {
        let rows = try store.conferenceReport(from: nil, to: nil, agent: nil)
        let first = try #require(rows.first).requestedAt
        let last = try #require(rows.last).requestedAt
        let middle = first + (last - first) / 2
        let agent = try #require(rows.first?.fromAgent)
        return [
            (.all, last + 60_000),
            (ConsoleRange(from: first, to: middle, agent: nil), last),
            (ConsoleRange(from: middle, to: nil, agent: nil), last + 1),
            (ConsoleRange(from: nil, to: first - 86_400_000 * 30, agent: nil), last),
            (ConsoleRange(from: first, to: first, agent: nil), last),
            (ConsoleRange(from: nil, to: nil, agent: agent), last + 60_000),
            (ConsoleRange(from: middle, to: last, agent: agent), last),
            (ConsoleRange(from: nil, to: first - 86_400_000 * 30, agent: agent), last),
            (ConsoleRange(from: nil, to: nil, agent: "nobody-\(agent)"), last),
        ]
    }

    @Test func thePartsReadAtOnceEqualTheSequentialLoad() async throws {
        try await withTempDirectory(prefix: "console-overview-concurrent") { dir in
            let store = try ConsoleStores.demo(in: dir)
            let reader = QueueReader(store: store)
            for (range, now) in try ranges(store) {
                let sequential = try OverviewData.load(from: store, range: range, now: now)
                let concurrent = try await OverviewData.load(using: reader, range: range, now: now)
                #expect(concurrent == sequential, "\(range)")
                #expect(OverviewPage.document(concurrent) == OverviewPage.document(sequential), "\(range)")
            }
        }
    }

    @Test func anEmptyStoreReadsTheSameAtOnce() async throws {
        try await withTempDirectory(prefix: "console-overview-concurrent-empty") { dir in
            let store = try Store(path: dir.databasePath)
            let reader = QueueReader(store: store)
            for range in [ConsoleRange.all, ConsoleRange(from: nil, to: nil, agent: "a")] {
                let concurrent = try await OverviewData.load(using: reader, range: range, now: ConsoleStores.base)
                #expect(concurrent == (try OverviewData.load(from: store, range: range, now: ConsoleStores.base)))
                #expect(concurrent.agentStates.isEmpty && concurrent.knownAgents.isEmpty)
            }
        }
    }
}
