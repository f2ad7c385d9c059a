import Foundation
import Hummingbird
import HummingbirdTesting
@testable import InteractionService
import InteractionStore
import StoreTestSupport
import Testing
@testable import InteractionModel
@testable import RecordOutput

@Suite struct ReadRouteTests {
    /// A store with a chat c1 (an internal note, messages, a consultation k1) that has ended, and an open chat c2.
    static func seeded() throws -> ServiceFixture {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        log.add("disposition.defined", #""code":"sold","label":"Sold""#)
        log.chat("c1")
        log.message("c1", from: "agent-1", "internal", agentsOnly: true)
        for index in 1...5 { log.message("c1", from: "cust-c1", "m\(index)") }
        log.consultation("k1", of: "c1", request: "r1", from: "agent-1", to: "agent-2")
        log.add("disposition.set", #""interaction":"c1","agent":"agent-1","code":"sold""#)
        log.end("c1")
        log.chat("c2", owner: "agent-3")
        _ = try fixture.store.importEvents(bytes: log.bytes)
        return fixture
    }

    @Test func theTranscriptIsTheCLIsJSONAndPagesWithALinkHeader() async throws {
        let fixture = try Self.seeded()
        let store = fixture.store
        try await fixture.test { client in
            let whole = try await client.get("/v1/interactions/c1/transcript")
            #expect(whole.status == .ok)
            #expect(whole.headers[.contentType] == "application/json")
            let entries = try store.transcript(of: "c1")
            #expect(whole.text == Tabular(columns: TimelineEntry.columns, rows: entries.map(\.cells)).json())
            #expect(whole.headers[.link] == nil)

            let first = try await client.get("/v1/interactions/c1/transcript?limit=3")
            #expect(first.text == Tabular(columns: TimelineEntry.columns, rows: entries.prefix(3).map(\.cells)).json())
            #expect(first.headers[.link] == #"</v1/interactions/c1/transcript?after=3&limit=3>; rel="next""#)
            let next = try await client.get("/v1/interactions/c1/transcript?after=3&limit=3")
            #expect(next.text == Tabular(columns: TimelineEntry.columns, rows: entries.dropFirst(3).prefix(3).map(\.cells)).json())

            let contact = try await client.get("/v1/interactions/c1/transcript?as=contact")
            #expect(!contact.text.contains("internal"))
            #expect(contact.text == Tabular(columns: TimelineEntry.columns, rows: try store.transcript(of: "c1", as: .contact).map(\.cells)).json())
            let csv = try await client.get("/v1/interactions/c1/transcript", headers: [.accept: "text/csv"])
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text == Tabular(columns: TimelineEntry.columns, rows: entries.map(\.cells)).csv())
        }
    }

    @Test func anUnknownInteractionIs404AndTheContactViewOfAConsultation422() async throws {
        let fixture = try Self.seeded()
        try await fixture.test { client in
            for route in ["/v1/interactions/nope/transcript", "/v1/interactions/nope/audit", "/v1/interactions/nope/stream"] {
                let response = try await client.get(route)
                #expect(response.status == .notFound, "\(route)")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.object["detail"] as? String == "unknown interaction nope")
            }
            let consultation = try await client.get("/v1/interactions/k1/transcript?as=contact")
            #expect(consultation.status == .unprocessableContent)
            #expect(consultation.object["status"] as? Int == 422)
        }
    }

    @Test func badQueryValuesAre400() async throws {
        let fixture = try Self.seeded()
        try await fixture.test { client in
            for route in ["/v1/interactions/c1/transcript?limit=0", "/v1/interactions/c1/transcript?limit=10001",
                          "/v1/interactions/c1/transcript?limit=ten", "/v1/interactions/c1/transcript?after=-1",
                          "/v1/interactions/c1/transcript?as=boss", "/v1/reports/conferences?from=yesterday",
                          "/v1/reports/conferences?from=2026-03-02T10:00:00+01:00", "/v1/reports/conferences?summary=yes",
                          "/v1/reports/agents?acw=true&by_reason=true", "/v1/reports/dispositions?from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z",
                          "/v1/interactions?limit=-5", "/v1/interactions?after=missing"] {
                let response = try await client.get(route)
                #expect(response.status == .badRequest, "\(route): \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(route)")
                let problem = response.object
                #expect(problem["status"] as? Int == 400 && problem["title"] as? String == "Bad Request" && problem["detail"] is String, "\(route)")
            }
        }
    }

    @Test func theAuditIsTheCLIsJSON() async throws {
        let fixture = try Self.seeded()
        let store = fixture.store
        try await fixture.test { client in
            let response = try await client.get("/v1/interactions/c1/audit")
            #expect(response.status == .ok)
            let expected = try store.audit("c1").json()
            #expect(response.text == expected)
            #expect(response.text.contains(#""verified":true"#))
        }
    }

    @Test func theInteractionsListPagesWithAfterAndLink() async throws {
        let fixture = try Self.seeded()
        try await fixture.test { client in
            let all = try await client.get("/v1/interactions")
            let rows = (try JSONSerialization.jsonObject(with: Data(all.text.utf8))) as? [[String: Any]] ?? []
            #expect(rows.map { $0["id"] as? String } == ["c1", "k1", "c2"])
            #expect(rows[0]["agents"] as? [String] == ["agent-1"])
            #expect(rows[1]["parent"] as? String == "c1")
            let page = try await client.get("/v1/interactions?limit=1&agent=agent-1")
            #expect(page.headers[.link] == #"</v1/interactions?after=c1&limit=1&agent=agent-1>; rel="next""#)
            let next = try await client.get("/v1/interactions?limit=1&agent=agent-1&after=c1")
            #expect(next.text.contains(#""id":"k1""#) && next.headers[.link] == nil)
        }
    }

    @Test func reportsAgentsAndDispositionsAreTheLibrarysTables() async throws {
        let fixture = try Self.seeded()
        let store = fixture.store
        let expected: [(String, String)] = [
            ("/v1/reports/conferences", Tabular(reportRows: try store.conferenceReport(from: nil, to: nil, agent: nil)).json()),
            ("/v1/reports/conferences?summary=true", try store.conferenceSummary(from: nil, to: nil, agent: nil).json + "\n"),
            ("/v1/reports/dispositions", Tabular(reportRows: try store.dispositionReport(from: nil, to: nil)).json()),
            ("/v1/reports/agents?acw=true", Tabular(reportRows: try store.afterCallWorkReport(from: nil, to: nil)).json()),
            ("/v1/dispositions", Tabular(columns: DispositionCode.columns, rows: try store.dispositionCodes().map(\.cells)).json()),
            ("/v1/agents", Tabular(columns: CurrentAgentState.columns, rows: try store.currentAgentStates().map(\.cells)).json()),
        ]
        #expect(expected[2].1.contains("sold"))
        try await fixture.test { client in
            for (route, body) in expected {
                let response = try await client.get(route)
                #expect(response.status == .ok, "\(route)")
                #expect(response.text == body, "\(route)")
            }
            let states = try await client.get("/v1/reports/agents?to=2026-03-03T00:00:00Z")
            #expect(states.status == .ok)
        }
    }

    @Test func anUnknownPathIs404AndAWrongMethod405WithAllow() async throws {
        let fixture = try ServiceFixture()
        try await fixture.test { client in
            let missing = try await client.get("/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
            let wrong = try await client.execute(uri: "/v1/events", method: .get)
            #expect(wrong.status == .methodNotAllowed)
            #expect(wrong.headers[.allow] == "POST")
            #expect(wrong.headers[.contentType] == "application/problem+json")
            let delete = try await client.execute(uri: "/v1/interactions/c1/transcript", method: .delete)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET, HEAD")
        }
    }

    @Test func healthReadyAndMetrics() async throws {
        let fixture = try ServiceFixture()
        var log = ServiceLog()
        log.chat("c1")
        let text = log.text + "oops\n"
        let logText = log.text
        try await fixture.test { client in
            #expect(try await client.get("/healthz").status == .ok)
            #expect(try await client.get("/readyz").status == .ok)
            _ = try await client.postLog(logText)
            _ = try await client.postLog(text, query: "?mode=partial")
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            let body = metrics.text
            for series in ["http_requests_total", "http_request_duration_seconds_bucket", "events_stored_total 2", "events_repeated_total 2",
                           "events_rejected_total 1", "group_commit_batch_size_bucket", "write_queue_depth", "open_streams"] {
                #expect(body.contains(series), "\(series)")
            }
            #expect(body.contains(#"route="/v1/events""#))
        }
    }
}
