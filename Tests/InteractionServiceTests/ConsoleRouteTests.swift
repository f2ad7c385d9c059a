import Foundation
import Hummingbird
import HummingbirdTesting
@testable import InteractionService
import InteractionStore
import StoreTestSupport
import Testing
@testable import EventLog

/// The console's pages on the service's router (SPEC section 7).
@Suite struct ConsoleRouteTests {
    static let pages = ["/", "/?span=all", "/?from=2026-03-02&to=2026-03-05&agent=agent.x", "/interactions", "/interactions?q=xss", "/interactions/xss",
                        "/interactions/xss?as=contact", "/interactions/xss?as=agent", "/interactions/xss/audit", "/agents",
                        "/agents?day=2026-03-02", "/interactions/odd%2Fid%20%C3%BC", "/interactions/odd-consult"]

    @Test func everyPageAnswersHTMLUnderTheContentSecurityPolicy() async throws {
        try await ConsoleRouteFixture().test { client in
            for page in Self.pages {
                let response = try await client.get(page)
                #expect(response.status == .ok, "\(page): \(response.status)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(page)")
                #expect(response.headers[.contentSecurityPolicy] == "default-src 'self'", "\(page)")
                #expect(response.headers[.cacheControl] == "no-store", "\(page)")
                #expect(response.text.hasPrefix("<!DOCTYPE html>"), "\(page)")
                #expect(!response.text.contains("<form class=\"logout\""), "\(page): no logout without tokens")
            }
            for (path, type) in [("/assets/console.css", "text/css; charset=utf-8"), ("/assets/console.js", "text/javascript; charset=utf-8"),
                                 ("/assets/favicon.svg", "image/svg+xml"), ("/favicon.ico", "image/svg+xml")] {
                let response = try await client.get(path)
                #expect(response.status == .ok && response.headers[.contentType] == type, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] == "default-src 'self'", "\(path)")
            }
        }
    }

    @Test func withTokensAPageWithoutASessionRedirectsToLogin() async throws {
        let tokens = try TokenTable(text: "read supervisors \(TokenTable.digestHex(of: "read-secret"))\n")
        try await ConsoleRouteFixture(tokens: tokens, chats: 10).test { client in
            for page in Self.pages {
                let response = try await client.get(page)
                #expect(response.status == .seeOther, "\(page): \(response.status)")
                #expect(response.headers[.location] == "/login", "\(page)")
            }
            let wrong = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "token=guess"))
            #expect(wrong.headers[.setCookie] == nil)
            let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "token=read-secret"))
            let cookie = String(try #require(login.headers[.setCookie]).split(separator: ";")[0])
            for page in Self.pages {
                let response = try await client.get(page, headers: [.cookie: cookie])
                #expect(response.status == .ok, "\(page) with a session: \(response.status)")
                #expect(response.text.contains("<form class=\"logout\" method=\"post\" action=\"/logout\">"), "\(page)")
            }
            let bearer = try await client.get("/interactions/xss", headers: [.authorization: "Bearer read-secret"])
            #expect(bearer.status == .ok)
            _ = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: cookie])
            #expect(try await client.get("/", headers: [.cookie: cookie]).status == .seeOther)
        }
    }

    @Test func anUnknownInteractionIsANotFoundPage() async throws {
        try await ConsoleRouteFixture(chats: 5).test { client in
            for path in ["/interactions/nope", "/interactions/nope/audit", "/interactions/%3Cscript%3E"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] == "default-src 'self'")
                #expect(response.text.contains("<p class=\"error\" data-status=\"404\">unknown interaction "), "\(path)")
                #expect(!response.text.contains("<script>"))
            }
        }
    }

    @Test func badQueryValuesAreNamed() async throws {
        try await ConsoleRouteFixture(chats: 5).test { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/?from=yesterday", .badRequest, "from=yesterday is not a day like 2026-11-24 or a UTC time like 2026-11-24T09:00:00Z"),
                ("/?from=2026-03-05&to=2026-03-01", .badRequest, "the range would be empty"),
                ("/interactions/xss?as=boss", .badRequest, "as=boss is not one of both, agent, contact"),
                ("/agents?day=monday", .badRequest, "day=monday is not a day"),
                ("/interactions?before=nope", .badRequest, "unknown interaction nope"),
                ("/interactions/odd-consult?as=contact", .unprocessableContent, "odd-consult is a consultation, which the contact never sees"),
            ]
            for (path, status, detail) in cases {
                let response = try await client.get(path)
                #expect(response.status == status, "\(path): \(response.status)")
                #expect(response.text.contains(detail), "\(path): \(response.text.suffix(400))")
            }
        }
    }

    @Test func markupFromEventsIsEscaped() async throws {
        try await ConsoleRouteFixture(chats: 5).test { client in
            for path in ["/interactions/xss", "/interactions/xss/audit", "/interactions?q=xss", "/interactions?q=%22%3E%3Cimg"] {
                let html = try await client.get(path).text
                #expect(!html.contains("<script>window"), "\(path)")
                #expect(!html.contains("<img"), "\(path)")
                #expect(!html.contains("<b>x</b>") && !html.contains("<i>Eve</i>"), "\(path)")
            }
            let transcript = try await client.get("/interactions/xss").text
            #expect(transcript.contains("&lt;script&gt;window.__injected = true&lt;/script&gt;"))
            #expect(transcript.contains("&quot;&gt;&lt;img src=x onerror=&quot;window.__injected=true&quot;&gt;"))
            #expect(transcript.contains("data-stream=\"/v1/interactions/xss/stream\""), "an open chat streams live")
        }
    }

    @Test func theOverviewShowsTheJSONReportsFigures() async throws {
        try await ConsoleRouteFixture().test { client in
            let range = "from=2026-03-02T00:00:00.000Z&to=2026-03-02T12:00:00.000Z"
            let html = try await client.get("/?\(range)").text
            let figures = consoleFigures(html)
            let summary = try await client.get("/v1/reports/conferences?summary=true&\(range)").text
            guard case .object(let object) = try JSONParser.parse(summary) else {
                Issue.record("the summary is not an object")
                return
            }
            #expect(object.members.count == 10)
            for (key, value) in object.members {
                let literal: String
                switch value {
                case .number(let text): literal = text
                case .null: literal = "null"
                default: literal = "?"
                }
                #expect(figures["summary." + key] == literal, "summary.\(key)")
            }
            let requested = figures["summary.requested"].flatMap { Int($0) } ?? 0
            #expect(requested > 0, "the demo's first days hold conference requests")
            let whole = consoleFigures(try await client.get("/?span=all").text)
            let recent = try await client.get("/").text
            #expect(recent.contains("data-range=\"2030-03-11 00:00:00 UTC ≤ t &lt; 2030-03-18 00:00:00 UTC\""),
                    "without a range: the seven days ending with the newest interaction's day")
            #expect((whole["summary.requested"].flatMap { Int($0) } ?? 0) > requested, "the range narrows the figures")
        }
    }

    @Test func theListIsNewestFirstAndLinksEveryTranscript() async throws {
        try await ConsoleRouteFixture(chats: 150).test { client in
            let html = try await client.get("/interactions").text
            let starts = html.matches(of: #/data-started="([^"]+)"/#).map { String($0.1) }
            #expect(starts.count == ConsoleController.listLimit)
            #expect(starts == starts.sorted(by: >), "newest first")
            #expect(html.contains("href=\"/interactions/odd%2Fid%20%C3%BC\""))
            let older = try #require(html.firstMatch(of: #/<a rel="next" href="([^"]+)">/#)).1
            let next = try await client.get(String(older).replacingOccurrences(of: "&amp;", with: "&")).text
            let nextStarts = next.matches(of: #/data-started="([^"]+)"/#).map { String($0.1) }
            #expect(!nextStarts.isEmpty && (nextStarts.first ?? "") <= (starts.last ?? ""))
            let search = try await client.get("/interactions?q=AGENT.Y").text
            #expect(search.contains("href=\"/interactions/odd%2Fid%20%C3%BC\"") && search.contains("href=\"/interactions/odd-consult\""),
                    "the search matches agents case-insensitively")
            #expect(!search.contains("href=\"/interactions/xss\""))
        }
    }
}
