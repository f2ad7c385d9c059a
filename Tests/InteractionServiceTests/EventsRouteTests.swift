import Foundation
import Hummingbird
import HummingbirdTesting
@testable import InteractionService
import InteractionStore
import StoreTestSupport
import Testing

@Suite struct EventsRouteTests {
    @Test func postStoresALogAllOrNothingAndCountsRepeats() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        log.chat("c1")
        log.message("c1", from: "agent-1", "hello")
        let text = log.text + "\n"  // a blank line counts
        let store = fixture.store
        try await fixture.test { client in
            let first = try await client.postLog(text)
            #expect(first.status == .ok)
            #expect(first.text == #"{"lines":4,"stored":3,"repeats":0}"# + "\n")
            #expect(first.headers[.contentType] == "application/json")
            let again = try await client.postLog(text)
            #expect(again.text == #"{"lines":4,"stored":0,"repeats":3}"# + "\n")
            #expect(try store.transcript(of: "c1").count == 3)
        }
    }

    @Test func aBadLineRejectsTheWholeLogWith422ListingEveryBadLine() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        log.chat("c1")
        log.message("c1", from: "nobody", "hi")
        let text = log.text + "{not json\n"
        let store = fixture.store
        try await fixture.test { client in
            let response = try await client.postLog(text)
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = response.object
            #expect(problem["status"] as? Int == 422)
            #expect(problem["title"] as? String == "Unprocessable Content")
            #expect(problem["type"] as? String == "urn:interactionstore:problem:rejected-events")
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.count == 2)
            #expect(errors[0]["line"] as? Int == 3)
            #expect(errors[0]["event_id"] as? String == "e-3")
            #expect((errors[0]["reason"] as? String)?.contains("nobody") == true)
            #expect(errors[1]["line"] as? Int == 4)
            #expect(errors[1]["event_id"] is NSNull)
            // Nothing of the request was written.
            #expect(try store.interaction("c1") == nil)
        }
    }

    @Test func rejectionReasonsAreThoseOfStorectlImport() async throws {
        // The same bytes give the same rejected lines through the service as through the CLI's import.
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        log.chat("c1")
        log.add("party.joined", #""interaction":"c1","party":{"kind":"agent","id":"agent-1"},"role":"owner""#)
        log.add("message", #""interaction":"c2","party":"x","text":"t""#)
        let text = log.text + "   \r\n" + #"{"id":"z","type":"bogus","at":"2026-03-02T09:00:00Z"}"# + "\n" + "[1]"
        let path = fixture.directory.path("log.ndjson")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let cli = try StoreCtlRunner.run(["import", path, "--db", fixture.directory.path("cli.sqlite")])
        #expect(cli.status == 65)
        try await fixture.test { client in
            let response = try await client.postLog(text)
            #expect(response.status == .unprocessableContent)
            let errors = try #require(response.object["errors"] as? [[String: Any]])
            let lines = errors.map { error -> String in
                let id = (error["event_id"] as? String).map { "event \($0): " } ?? ""
                return "line \(error["line"] as? Int ?? 0): " + id + (error["reason"] as? String ?? "")
            }
            // The CLI adds one summary line after the rejected lines.
            #expect(lines == cli.stderr.split(separator: "\n").dropLast().map(String.init))
            #expect(lines.count == 4)
        }
    }

    @Test func partialModeCommitsTheGoodEventsAndListsTheBadOnes() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        log.chat("c1")
        log.message("c1", from: "ghost", "boo")
        log.message("c1", from: "agent-1", "fine")
        let store = fixture.store
        let logText = log.text
        try await fixture.test { client in
            let response = try await client.postLog(logText, query: "?mode=partial")
            #expect(response.status == .ok)
            let body = response.object
            #expect(body["lines"] as? Int == 4)
            #expect(body["stored"] as? Int == 3)
            #expect(body["repeats"] as? Int == 0)
            let rejected = try #require(body["rejected"] as? [[String: Any]])
            #expect(rejected.count == 1)
            #expect(rejected.first?["line"] as? Int == 3)
            #expect(rejected.first?["event_id"] as? String == "e-3")
            #expect(try store.transcript(of: "c1").map(\.text) == [nil, nil, "fine"])
        }
    }

    @Test func aBadModeIs400AndWritesNothing() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        log.chat("c1")
        let store = fixture.store
        let logText = log.text
        try await fixture.test { client in
            let response = try await client.postLog(logText, query: "?mode=sometimes")
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try store.interaction("c1") == nil)
        }
    }

    @Test func anUnsupportedContentTypeIs415() async throws {
        let fixture = try ServiceFixture()
        try await fixture.test { client in
            let post = try await client.execute(uri: "/v1/events", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "{}"))
            #expect(post.status == .unsupportedMediaType)
            #expect(post.object["status"] as? Int == 415)
            let missing = try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: "{}"))
            #expect(missing.status == .unsupportedMediaType)
            let put = try await client.execute(uri: "/v1/events/x", method: .put, headers: [.contentType: "application/x-ndjson"], body: ByteBuffer(string: "{}"))
            #expect(put.status == .unsupportedMediaType)
        }
    }

    @Test func aBodyOver16MiBIs413AndWritesNothing() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        log.chat("c1")
        let big = log.text + String(repeating: " ", count: 16 << 20) + "\n"
        let store = fixture.store
        try await fixture.test { client in
            let response = try await client.postLog(big)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try store.interaction("c1") == nil)
        }
    }

    @Test func putAnswers201ThenRepeat200ThenConflict409() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        let line = log.add("chat.started", #""interaction":"c1","contact":{"id":"cust"}"#)
        let store = fixture.store
        try await fixture.test { client in
            let created = try await client.putEvent("e-1", line)
            #expect(created.status == .created)
            #expect(created.text == #"{"id":"e-1","outcome":"stored"}"# + "\n")
            let repeated = try await client.putEvent("e-1", line)
            #expect(repeated.status == .ok)
            #expect(repeated.text == #"{"id":"e-1","outcome":"repeat"}"# + "\n")
            let other = line.replacingOccurrences(of: "cust", with: "someone-else")
            let conflict = try await client.putEvent("e-1", other)
            #expect(conflict.status == .conflict)
            let errors = try #require(conflict.object["errors"] as? [[String: Any]])
            #expect(errors.first?["line"] as? Int == 1)
            #expect(errors.first?["event_id"] as? String == "e-1")
            #expect(try store.interaction("c1")?.contact == "cust")
        }
    }

    @Test func putOfAnEventARuleRejectsIs422WithOneError() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        let line = log.add("message", #""interaction":"nope","party":"a","text":"t""#)
        try await fixture.test { client in
            let response = try await client.putEvent("e-1", line)
            #expect(response.status == .unprocessableContent)
            let errors = try #require(response.object["errors"] as? [[String: Any]])
            #expect(errors.count == 1)
            #expect(errors[0]["line"] as? Int == 1)
            #expect(errors[0]["event_id"] as? String == "e-1")
            #expect((errors[0]["reason"] as? String)?.contains("unknown interaction") == true)
        }
    }

    @Test func putWithAnotherIdOrMalformedJSONIs400() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        let line = log.add("chat.started", #""interaction":"c1","contact":{"id":"cust"}"#)
        let store = fixture.store
        try await fixture.test { client in
            let mismatch = try await client.putEvent("other", line)
            #expect(mismatch.status == .badRequest)
            #expect((mismatch.object["detail"] as? String)?.contains("\"other\"") == true)
            let malformed = try await client.putEvent("e-1", "{\"id\":\"e-1\",")
            #expect(malformed.status == .badRequest)
            #expect((malformed.object["errors"] as? [[String: Any]])?.first?["line"] as? Int == 1)
            #expect(try store.interaction("c1") == nil)
        }
    }

    @Test func aFullWriteQueueIs503WithRetryAfterAndWritesNothing() async throws {
        let fixture = try ServiceFixture(queueCapacity: 0)
        var log = ServiceLog()
        let line = log.add("chat.started", #""interaction":"c1","contact":{"id":"cust"}"#)
        let store = fixture.store
        let logText = log.text
        try await fixture.test { client in
            let post = try await client.postLog(logText)
            #expect(post.status == .serviceUnavailable)
            #expect(post.headers[.retryAfter] == "1")
            let put = try await client.putEvent("e-1", line)
            #expect(put.status == .serviceUnavailable)
            #expect(put.headers[.retryAfter] == "1")
            let ready = try await client.get("/readyz")
            #expect(ready.status == .serviceUnavailable)
            #expect(try store.interaction("c1") == nil)
        }
    }
}
