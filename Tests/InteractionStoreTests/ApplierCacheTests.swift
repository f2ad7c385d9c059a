import Foundation
import Testing
import InteractionDemo
@testable import InteractionStore
@testable import InteractionModel
@testable import EventLog

/// The store keeps its rules cache between `apply` calls. These tests change the database
/// behind the cache in every way it can change, then feed an event whose verdict depends on
/// that change: a stale cache would give the wrong verdict.
@Suite struct ApplierCacheTests {
    /// A second store on the same file (another process, as far as SQLite can tell) makes the
    /// owner leave; the first store, whose cache saw the owner connected, must refuse its message.
    @Test func anotherConnectionsCommitIsSeen() throws {
        let test = try TestStore(Log.base)
        let other = try Store(path: test.directory.databasePath)
        try other.apply([try EventDecoder.decode(Log.line("l1", "party.left", 20, #""interaction":"c1","party":"a1""#))])

        let message = try EventDecoder.decode(Log.line("m2", "message", 21, #""interaction":"c1","party":"a1","text":"still here?""#))
        let violation = try #require(throws: RuleViolation.self) { try test.store.apply([message]) }
        #expect(violation.rule == .interactionEnded)  // a1 was the last agent: the chat ended
    }

    /// The other direction: a second store adds a party; the first store must let it speak.
    @Test func aPartyAddedElsewhereCanSpeak() throws {
        let test = try TestStore(Log.base)
        let other = try Store(path: test.directory.databasePath)
        try other.apply(try Log.conferenced.suffix(2).map { try EventDecoder.decode($0) })

        let message = try EventDecoder.decode(Log.line("m2", "message", 30, #""interaction":"c1","party":"a2","text":"joined""#))
        #expect(try test.store.apply([message]) == [.stored])
        #expect(try test.store.transcript(of: "c1").last?.party == "a2")
    }

    /// A batch that fails rolls back; what its good events did to the cache must go with it.
    @Test func aRolledBackBatchLeavesNothingInTheCache() throws {
        let test = try TestStore(Array(Log.base.prefix(5)))  // chat c1 started, nobody joined yet
        let joinA1 = Log.line("j1", "party.joined", 11, #""interaction":"c1","party":{"kind":"agent","id":"a1"},"role":"owner""#)
        let secondStart = Log.line("c1b", "chat.started", 12, #""interaction":"c1","contact":{"id":"cust"}"#)
        #expect(throws: RuleViolation.self) { try test.apply([joinA1, secondStart]) }

        // a1 never joined: a2 may become the owner.
        let joinA2 = Log.line("j2", "party.joined", 13, #""interaction":"c1","party":{"kind":"agent","id":"a2"},"role":"owner""#)
        #expect(try test.apply([joinA2]) == [.stored])
        #expect(try test.store.transcript(of: "c1").map(\.party) == ["cust", "a2"])
    }

    /// A catalog change through the store (not an event) is seen by the next event.
    @Test func aRetiredCodeIsSeenAfterTheCacheHeldIt() throws {
        let test = try TestStore(Log.base)
        try test.apply([Log.line("x1", "disposition.set", 20, #""interaction":"c1","agent":"a1","code":"RESOLVED""#)])
        try test.store.retireDisposition(code: "RESOLVED")

        let again = try EventDecoder.decode(Log.line("x2", "disposition.set", 21, #""interaction":"c1","agent":"a1","code":"RESOLVED""#))
        let violation = try #require(throws: RuleViolation.self) { try test.store.apply([again]) }
        #expect(violation.rule == .retiredCode)
    }

    /// Many single-event commits (the live path) leave the same database as one import of the
    /// same events: the chain links written once per transaction are the ones a fresh read gives.
    @Test func singleEventCommitsEqualOneImport() throws {
        let lines = try demoLines(chats: 12)
        let live = try TestStore()
        for line in lines { try live.apply([line]) }
        let batch = try TestStore()
        try batch.apply(lines)
        #expect(try withoutMigrationTimes(live.snapshot()) == withoutMigrationTimes(batch.snapshot()))
        #expect(try live.store.check().problems.isEmpty)
    }

    /// The snapshot without `schema_migrations` (its `applied_at` differs between two stores).
    private func withoutMigrationTimes(_ snapshot: String) -> String {
        var keep = true
        return snapshot.split(separator: "\n").filter { line in
            if line.hasPrefix("## ") { keep = line != "## schema_migrations" }
            return keep
        }.joined(separator: "\n")
    }

    private func demoLines(chats: Int) throws -> [String] {
        DemoGenerator(interactions: chats, seed: 5).map(EventEncoder.line)
    }
}
