import Foundation
import Hummingbird
import HummingbirdTesting
@testable import InteractionService
import InteractionStore
import Testing
@testable import InteractionModel

@Suite struct StreamRouteTests {
    /// The `id:` and `event:` lines of an event stream, in order (data lines checked separately).
    static func events(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { block in
            block.split(separator: "\n").filter { $0.hasPrefix("id:") || $0.hasPrefix("event:") || $0.hasPrefix(":") }.joined(separator: " ")
        }
    }

    @Test func anEndedInteractionStreamsItsBacklogAfterTheCursorThenEnd() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        log.chat("c1")
        log.message("c1", from: "agent-1", "note", agentsOnly: true)
        log.message("c1", from: "cust-c1", "hello")
        log.end("c1")
        _ = try fixture.store.importEvents(bytes: log.bytes)
        let entries = try fixture.store.transcript(of: "c1")
        try await fixture.test { client in
            let all = try await client.get("/v1/interactions/c1/stream")
            #expect(all.status == .ok)
            #expect(all.headers[.contentType] == "text/event-stream")
            #expect(Self.events(all.text) == ["id: 1 event: entry", "id: 2 event: entry", "id: 3 event: entry", "id: 4 event: entry",
                                              "id: 5 event: entry", "id: 6 event: entry", "event: end"])
            let third = JSONWriter.object(Array(zip(TimelineEntry.columns, entries[2].cells)))
            #expect(all.text.contains("id: 3\nevent: entry\ndata: \(third)\n\n"))

            let resumed = try await client.get("/v1/interactions/c1/stream?after=1", headers: [.lastEventID: "4"])
            #expect(Self.events(resumed.text) == ["id: 5 event: entry", "id: 6 event: entry", "event: end"])
            let contact = try await client.get("/v1/interactions/c1/stream?as=contact&after=2")
            #expect(!contact.text.contains("note"))
            #expect(Self.events(contact.text).first == "id: 4 event: entry")
            let bad = try await client.get("/v1/interactions/c1/stream", headers: [.lastEventID: "x"])
            #expect(bad.status == .badRequest)
        }
    }

    @Test func liveEntriesArriveAsTheyAreCommittedWithHeartbeatsUntilTheChatEnds() async throws {
        let fixture = try ServiceFixture(heartbeatSeconds: 0.2)
        var log = ServiceLog()
        log.chat("c1")
        _ = try fixture.store.importEvents(bytes: log.bytes)
        var more = ServiceLog(prefix: "live", start: 100)
        more.message("c1", from: "agent-1", "live one")
        more.end("c1")
        let lines = more.lines
        try await fixture.test { client in
            async let streamed = client.get("/v1/interactions/c1/stream")
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await client.putEvent("live-1", lines[0]).status == .created)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await client.putEvent("live-2", lines[1]).status == .created)
            let text = (try await streamed).text
            let events = Self.events(text)
            #expect(events.filter { $0.hasPrefix("id:") } == ["id: 1 event: entry", "id: 2 event: entry", "id: 3 event: entry",
                                                              "id: 4 event: entry", "id: 5 event: entry"])
            #expect(events.last == "event: end")
            #expect(text.contains(": keep-alive\n\n"))
            #expect(text.contains("live one"))
        }
    }
}
