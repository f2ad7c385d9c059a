import Foundation
import InteractionStore
import StoreTestSupport
import Testing
@testable import InteractionModel
@testable import EventLog

/// The store additions the service needs: import from bytes, the grouped apply, the paged
/// transcript, the interactions list.
@Suite struct StoreAdditionsTests {
    static let hostileInputs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("HostileInputs")

    @Test func importFromBytesEqualsImportFromADescriptorOnEveryHostileInput() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.hostileInputs.path).filter { $0.hasSuffix(".ndjson") }.sorted()
        #expect(files.count > 50)
        try withTempDirectory { directory in
            for (index, file) in files.enumerated() {
                let path = Self.hostileInputs.appendingPathComponent(file).path
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                for atomic in [true, false] {
                    let viaFD = try Store(path: directory.path("fd-\(index)-\(atomic).sqlite"))
                    let fd = open(path, O_RDONLY)
                    defer { close(fd) }
                    var expected = try viaFD.importEvents(fd: fd, options: ImportOptions(atomic: atomic))
                    let viaBytes = try Store(path: directory.path("bytes-\(index)-\(atomic).sqlite"))
                    var actual = try viaBytes.importEvents(bytes: bytes, atomic: atomic)
                    expected.elapsedSeconds = 0
                    actual.elapsedSeconds = 0
                    #expect(actual == expected, "\(file) atomic=\(atomic)")
                }
            }
        }
    }

    @Test func aRejectedRequestOfAGroupRollsBackAloneAndChangesNoOtherOutcome() throws {
        try withTempDirectory { directory in
            let store = try Store(path: directory.databasePath)
            var first = ServiceLog(prefix: "a")
            first.chat("c1")
            var bad = ServiceLog(prefix: "b")
            bad.chat("c2")
            bad.message("c2", from: "ghost", "no")  // rejects the whole log: c2 must not exist
            var third = ServiceLog(prefix: "c", start: 100)
            third.message("c1", from: "agent-1", "after the bad one")
            let single = try EventDecoder.decode(#"{"id":"d-1","type":"message","at":"2026-03-02T09:05:00.000Z","interaction":"c1","party":"cust-c1","text":"hi"}"#)
            let commit = try store.applyGroup([
                .log(DecodedLog(bytes: first.bytes), atomic: true),
                .log(DecodedLog(bytes: bad.bytes), atomic: true),
                .log(DecodedLog(bytes: third.bytes), atomic: true),
                .event(single),
            ])
            #expect(commit.outcomes.count == 4)
            guard case .log(let one) = commit.outcomes[0], case .log(let two) = commit.outcomes[1],
                  case .log(let three) = commit.outcomes[2], case .event(let four) = commit.outcomes[3] else {
                Issue.record("unexpected outcomes \(commit.outcomes)")
                return
            }
            #expect(one.committed && one.stored == 2)
            #expect(!two.committed && two.stored == 0 && two.rejected.map(\.line) == [3])
            #expect(three.committed && three.stored == 1)
            #expect(four == .stored)
            #expect(try store.interaction("c2") == nil)
            #expect(try store.transcript(of: "c1").compactMap(\.text) == ["after the bad one", "hi"])
            #expect(commit.notification.interactions == ["c1"])
            #expect(commit.notification.highestSeq == 4)
            // The chain of c1 stays valid across the rolled-back request in between.
            #expect(try store.audit("c1").chain.problems.isEmpty)
        }
    }

    @Test func aRuleRejectedSingleEventOfAGroupIsReportedAndTheRestStored() throws {
        try withTempDirectory { directory in
            let store = try Store(path: directory.databasePath)
            var log = ServiceLog()
            log.chat("c1")
            let bad = try EventDecoder.decode(#"{"id":"x","type":"chat.ended","at":"2026-03-02T09:00:05.000Z","interaction":"zz"}"#)
            let commit = try store.applyGroup([.event(bad), .log(DecodedLog(bytes: log.bytes), atomic: true)])
            guard case .eventRejected(let violation) = commit.outcomes[0], case .log(let summary) = commit.outcomes[1] else {
                Issue.record("unexpected outcomes \(commit.outcomes)")
                return
            }
            #expect(violation.rule == .unknownInteraction)
            #expect(summary.stored == 2)
        }
    }

    @Test func theTranscriptPageHoldsTheEntriesAfterTheCursorUpToTheLimit() throws {
        try withTempDirectory { directory in
            let store = try Store(path: directory.databasePath)
            var log = ServiceLog()
            log.chat("c1")
            log.message("c1", from: "agent-1", "note", agentsOnly: true)
            for index in 1...4 { log.message("c1", from: "cust-c1", "m\(index)") }
            _ = try store.importEvents(bytes: log.bytes)
            let all = try store.transcript(of: "c1")
            let first = try store.transcriptPage(of: "c1", after: 0, limit: 3)
            #expect(first.entries == Array(all.prefix(3)))
            #expect(first.hasMore && !first.ended)
            let rest = try store.transcriptPage(of: "c1", after: 3, limit: 10)
            #expect(rest.entries == Array(all.dropFirst(3)))
            #expect(!rest.hasMore)
            let contact = try store.transcriptPage(of: "c1", as: .contact, after: 0, limit: 100)
            #expect(contact.entries == (try store.transcript(of: "c1", as: .contact)))
            #expect(throws: StoreError.self) { try store.transcriptPage(of: "nope") }
        }
    }

    @Test func theInteractionsListIsOrderedByStartThenIdAndPagesWithAfter() throws {
        try withTempDirectory { directory in
            let store = try Store(path: directory.databasePath)
            var log = ServiceLog()
            log.chat("b", owner: "agent-1")
            log.chat("a", owner: "agent-2")
            log.consultation("k", of: "b", request: "r1", from: "agent-1", to: "agent-3")
            log.end("b")
            _ = try store.importEvents(bytes: log.bytes)
            let all = try store.interactions()
            #expect(all.rows.map(\.id) == ["b", "a", "k"])
            #expect(!all.hasMore)
            #expect(all.rows[0].agents == ["agent-1"])
            #expect(all.rows[0].endedAt != nil && all.rows[1].endedAt == nil)
            #expect(all.rows[2].kind == .consultation && all.rows[2].parent == "b" && all.rows[2].agents == ["agent-1", "agent-3"])
            let page = try store.interactions(limit: 1)
            #expect(page.rows.map(\.id) == ["b"] && page.hasMore)
            #expect(try store.interactions(limit: 5, after: "b").rows.map(\.id) == ["a", "k"])
            #expect(try store.interactions(agent: "agent-3").rows.map(\.id) == ["k"])
            let from = try #require(Timestamp.parse(ServiceLog.time(3)))
            #expect(try store.interactions(from: from).rows.map(\.id) == ["a", "k"])
            #expect(try store.interactions(to: from).rows.map(\.id) == ["b"])
            #expect(throws: StoreError.self) { try store.interactions(after: "missing") }
            #expect(InteractionListRow.json(all.rows).hasPrefix(#"[\#n{"id":"b","kind":"chat","parent":null,"contact":"cust-b","started_at":"2026-03-02T09:00:01.000Z","ended_at":"#))
        }
    }
}
