import Foundation
import Hummingbird
import HummingbirdTesting
@testable import InteractionService
import InteractionDemo
import InteractionStore
import StoreTestSupport
@testable import InteractionModel
@testable import EventLog

/// A service with the console's routes over a demo store plus a few typed chats: `xss` (open,
/// its messages and contact id carry markup), `odd/id ü` (an id with a slash, a space and a
/// non-ASCII letter) and its consultation `odd-consult`.
struct ConsoleRouteFixture {
    let directory: TempDirectory
    let store: Store
    let service: ServiceApplication

    static let scriptMessage = "<script>window.__injected = true</script>"
    static let attributeMessage = #""><img src=x onerror="window.__injected=true">"#
    static let oddID = "odd/id ü"

    init(tokens: TokenTable? = nil, chats: Int = 60) throws {
        directory = try TempDirectory(prefix: "console-routes")
        store = try Store(path: directory.databasePath)
        let events = Array(DemoGenerator(interactions: chats, seed: 5))
        _ = try store.apply(events)
        let base: Int64 = 1_900_000_000_000
        let bodies: [Event.Body] = [
            .chatStarted(interaction: "xss", contact: "cust-<b>x</b>", contactName: "<i>Eve</i>"),
            .partyJoined(interaction: "xss", agent: "agent.x"),
            .message(interaction: "xss", party: "cust-<b>x</b>", text: Self.scriptMessage, visibility: .all),
            .message(interaction: "xss", party: "agent.x", text: Self.attributeMessage, visibility: .all),
            .chatStarted(interaction: Self.oddID, contact: "cust-odd", contactName: nil),
            .partyJoined(interaction: Self.oddID, agent: "agent.y"),
            .consultationRequested(interaction: "odd-consult", parent: Self.oddID, request: "odd-k", from: "agent.y",
                                   target: Target(kind: .agent, id: "agent.z")),
            .accepted(kind: .consultation, request: "odd-k", agent: "agent.z"),
        ]
        _ = try store.apply(bodies.enumerated().map { Event(id: "console-\($0.offset)", at: base + Int64($0.offset) * 1000, body: $0.element) })
        let configuration = ServiceConfiguration(databasePath: directory.databasePath, port: 0, tokens: tokens)
        service = ServiceApplication(configuration: configuration, store: store) { [ConsoleController(environment: $0)] }
    }

    /// Runs `body` with a client of the router.
    func test<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        defer { directory.remove() }
        return try await service.application().test(.router, body)
    }
}

/// The figures a page shows (`data-figure` → JSON literal of `data-value`), unescaped.
func consoleFigures(_ html: String) -> [String: String] {
    var figures: [String: String] = [:]
    for match in html.matches(of: #/data-figure="([^"]*)" data-value="([^"]*)"/#) {
        let unescape = { (text: Substring) in
            String(text).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        figures[unescape(match.1)] = unescape(match.2)
    }
    return figures
}
