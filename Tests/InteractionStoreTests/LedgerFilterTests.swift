import Foundation
import Testing
@testable import InteractionStore
@testable import InteractionModel
@testable import EventLog

/// A first import into an empty store skips the ledger probe for ids it never stored; these
/// tests hold the filter to "no false negatives" and the applier to dropping it whenever the
/// ledger may hold an id the filter has not seen.
@Suite struct LedgerFilterTests {
    @Test func insertedIdsAreAlwaysFoundAndOthersRarely() {
        var filter = LedgerFilter()
        #expect(!filter.mayContain(.init("anything")))
        let stored = (0 ..< 50_000).map { "d7-m-\($0)" }
        for id in stored { filter.insert(.init(id)) }
        #expect(stored.allSatisfy { filter.mayContain(.init($0)) })
        let falsePositives = (0 ..< 50_000).filter { filter.mayContain(.init("other-\($0)")) }.count
        #expect(falsePositives < 50, "\(falsePositives) false positives in 50,000")
        // Ids are bytes: the decomposed spelling of an id is another id.
        filter.insert(.init("caf\u{E9}"))
        #expect(filter.mayContain(.init("caf\u{E9}")))
    }

    /// Repeats inside a first import are still recognised: same content skipped, other content refused.
    @Test func repeatsWithinAFirstImportAreFound() throws {
        let test = try TestStore()
        let repeated = Log.base + [Log.base[4]]
        #expect(try test.apply(repeated).last == .duplicate)
        let conflicting = try EventDecoder.decode(Log.line("m1", "message", 13, #""interaction":"c1","party":"cust","text":"changed""#))
        let violation = try #require(throws: RuleViolation.self) { try test.store.apply([conflicting]) }
        #expect(violation.rule == .conflictingEventId)
    }

    /// Another process stores an event after this store began with an empty ledger: its repeat
    /// here is a duplicate, not a constraint failure.
    @Test func anotherWritersEventsAreProbedFor() throws {
        let test = try TestStore(Array(Log.base.prefix(2)))  // the filter now holds d1, s1
        let other = try Store(path: test.directory.databasePath)
        try other.apply([try EventDecoder.decode(Log.base[2])])
        #expect(try test.apply([Log.base[2]]) == [.duplicate])
        #expect(try test.apply([Log.base[3]]) == [.stored])
    }

    /// A rolled-back batch leaves the ledger empty again; its ids may be stored afresh.
    @Test func aRolledBackFirstBatchCanBeRetried() throws {
        let test = try TestStore()
        let secondStart = Log.line("c1b", "chat.started", 10, #""interaction":"c1","contact":{"id":"cust"}"#)
        #expect(throws: RuleViolation.self) { try test.apply(Array(Log.base.prefix(5)) + [secondStart]) }
        #expect(try test.apply(Log.base).allSatisfy { $0 == .stored })
    }
}
