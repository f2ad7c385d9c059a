import Foundation
import InteractionDemo
import InteractionStore
import StoreTestSupport
@testable import InteractionModel
@testable import EventLog

/// The stores the console tests render: a demo store (`storectl demo`'s generator) and a small
/// story written as typed events, with every workflow the transcript page draws and a chat whose
/// messages try to inject markup.
enum ConsoleStores {
    /// 2026-03-02T09:00:00Z.
    static let base: Int64 = 1_772_442_000_000

    /// `seconds` after `base`.
    static func at(_ seconds: Int) -> Int64 { base + Int64(seconds) * 1000 }

    /// A store holding the demo log of `interactions` chats.
    static func demo(in directory: TempDirectory, interactions: Int = 150, seed: UInt64 = 7) throws -> Store {
        let store = try Store(path: directory.databasePath)
        var batch: [Event] = []
        for event in DemoGenerator(interactions: interactions, seed: seed) {
            batch.append(event)
            if batch.count == 2_000 {
                _ = try store.apply(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        _ = try store.apply(batch)
        return store
    }

    /// The message texts that try to inject markup.
    static let scriptInjection = "<script>window.__injected = true; alert(1)</script>"
    static let attributeInjection = #""><img src=x onerror="window.__injected=true">"#

    /// The story: chat `c1` (contact `cust` "Dana", owner a1) with a note, an instant conference
    /// (a2, later removed by a1), a consultation `c1-consult` with a3 turned into a conference,
    /// the owner leaving (a3 becomes owner automatically), two disposition changes by a1 and a
    /// chat end; chat `c2`, still open, whose messages carry markup; agents' states.
    static func story(in directory: TempDirectory) throws -> Store {
        let store = try Store(path: directory.databasePath)
        let agent = { (id: String) in Target(kind: .agent, id: id) }
        let events: [Event.Body] = [
            .dispositionDefined(code: "RESOLVED", label: "Resolved"),
            .dispositionDefined(code: "ESC", label: "Escalated <tier 2>"),
            .agentState(agent: "a1", state: .ready, channel: "chat", reason: nil),
            .agentState(agent: "a2", state: .ready, channel: "chat", reason: nil),
            .agentState(agent: "a3", state: .ready, channel: "chat", reason: nil),
            .chatStarted(interaction: "c1", contact: "cust", contactName: "Dana"),
            .partyJoined(interaction: "c1", agent: "a1"),
            .message(interaction: "c1", party: "cust", text: "hello, my order is late", visibility: .all),
            .message(interaction: "c1", party: "a1", text: "internal: VIP customer", visibility: .agents),
            .conferenceRequested(interaction: "c1", request: "q1", from: "a1", target: agent("a2"), mode: .instant, consultation: nil),
            .accepted(kind: .conference, request: "q1", agent: "a2"),
            .consultationRequested(interaction: "c1-consult", parent: "c1", request: "k1", from: "a1", target: agent("a3")),
            .accepted(kind: .consultation, request: "k1", agent: "a3"),
            .message(interaction: "c1-consult", party: "a1", text: "can you join?", visibility: .all),
            .conferenceRequested(interaction: "c1", request: "q2", from: "a1", target: agent("a3"), mode: .consultation, consultation: "c1-consult"),
            .accepted(kind: .conference, request: "q2", agent: "a3"),
            .conferenceRequested(interaction: "c1", request: "q3", from: "a1", target: Target(kind: .queue, id: "billing"), mode: .instant, consultation: nil),
            .released(kind: .conference, request: "q3", reason: .timeout),
            .partyRemoved(interaction: "c1", party: "a2", by: "a1"),
            .partyLeft(interaction: "c1", party: "a1", reason: .ended),
            .agentState(agent: "a1", state: .afterCallWork, channel: "chat", reason: nil),
            .dispositionSet(interaction: "c1", agent: "a1", code: "RESOLVED"),
            .dispositionSet(interaction: "c1", agent: "a1", code: "ESC"),
            .message(interaction: "c1", party: "a3", text: "all sorted", visibility: .all),
            .chatEnded(interaction: "c1"),
            .agentState(agent: "a1", state: .notReady, channel: "chat", reason: "lunch"),
            .chatStarted(interaction: "c2", contact: "cust-<b>2</b>", contactName: nil),
            .partyJoined(interaction: "c2", agent: "a2"),
            .message(interaction: "c2", party: "cust-<b>2</b>", text: scriptInjection, visibility: .all),
            .message(interaction: "c2", party: "a2", text: attributeInjection, visibility: .all),
        ]
        _ = try store.apply(events.enumerated().map { index, body in Event(id: "s\(index + 1)", at: at(index * 10), body: body) })
        return store
    }
}
