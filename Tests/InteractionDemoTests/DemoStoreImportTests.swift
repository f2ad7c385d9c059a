import Foundation
import InteractionDemo
import StoreTestSupport
import Testing

@testable import InteractionStore

/// `Store.importEvents(_ events:)` imports the generator's events exactly as `importEvents` of
/// the written log does: same counts, same stored rows and chain hashes.
@Suite struct DemoStoreImportTests {
    @Test func theSequenceImportsAsItsLogDoes() throws {
        try withTempDirectory(prefix: "demo-seq") { dir in
            let generator = DemoGenerator(interactions: 40, seed: 3)
            let direct = try Store(path: dir.path("direct.sqlite"))
            let summary = try direct.importEvents(generator)
            let log = Array(generator.map { EventEncoder.line($0) + "\n" }.joined().utf8)
            let viaLog = try Store(path: dir.path("log.sqlite"))
            let logSummary = try viaLog.importEvents(bytes: log)
            #expect(summary.committed && summary.rejected.isEmpty)
            #expect(summary.stored == logSummary.stored && summary.lines == logSummary.lines && summary.stored > 1_000)
            #expect(try StoreDump.rows(of: direct) == StoreDump.rows(of: viaLog))
            // Again: every event is a duplicate, nothing is written.
            let again = try direct.importEvents(generator)
            #expect(again.stored == 0 && again.duplicates == summary.stored && again.committed)
        }
    }

    @Test func aRefusedEventRejectsTheWholeSequenceWithItsPosition() throws {
        try withTempDirectory(prefix: "demo-seq-bad") { dir in
            let store = try Store(path: dir.databasePath)
            var events = Array(DemoGenerator(interactions: 2, seed: 4))
            let stray = Event(id: "stray-1", at: events[events.count - 1].at,
                              body: .message(interaction: "no-such-chat", party: "x", text: "hi", visibility: .all))
            events.insert(stray, at: 10)
            let summary = try store.importEvents(events)
            #expect(!summary.committed && summary.stored == 0)
            #expect(summary.rejected.count == 1)
            #expect(summary.rejected.first?.line == 11 && summary.rejected.first?.eventId == "stray-1")
            #expect(try store.read { try $0.scalarInt("SELECT count(*) FROM events") } == 0)
            // Keep-the-good: the rest is stored, the stray one is reported.
            let kept = try store.importEvents(events, options: ImportOptions(atomic: false, commitEvery: 100))
            #expect(kept.committed && kept.stored == events.count - 1 && kept.rejected.map(\.line) == [11])
        }
    }
}
