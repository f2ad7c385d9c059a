import Testing
@testable import InteractionStore

private let L = Log.line

/// The repository reads a caller needs besides the reports: parties, requests, agent states, catalog.
@Suite struct RepositoryReadTests {
    @Test func partiesAndRequestsOfAnInteraction() throws {
        let test = try TestStore(Log.conferenced + [
            L("r3", "conference.requested", 26, #""interaction":"c1","request":"q3","from":"a2","target":{"kind":"queue","id":"vip"}"#),
            L("x1", "party.left", 30, #""interaction":"c1","party":"a1""#),
        ])
        let parties = try test.store.parties(of: "c1")
        #expect(parties.map(\.party) == ["cust", "a1", "a2"])
        #expect(parties[1].leaveReason == .ended)
        #expect(parties[2].becameOwner && parties[2].request == "q1" && parties[2].role == "conference")
        #expect(try test.store.parties(of: "c1", connectedOnly: true).map(\.party) == ["cust", "a2"])
        let pending = try test.store.requests(in: "c1", pendingOnly: true)
        #expect(pending.map(\.request.id) == ["q3"])
        #expect(pending.first?.outcome == .pending)
        let all = try test.store.requests(in: "c1")
        #expect(all.map(\.request.id) == ["q1", "q3"])
        #expect(all.first?.acceptedBy == "a2")
        #expect(throws: StoreError.self) { try test.store.parties(of: "nope") }
    }

    @Test func currentAgentStatesAndCatalog() throws {
        let test = try TestStore(Log.base + [
            L("s9", "agent.state", 40, #""agent":"a2","state":"not_ready","reason":"lunch""#),
            L("d2", "disposition.retired", 41, #""code":"RESOLVED""#),
        ])
        let states = try test.store.currentAgentStates()
        #expect(states.map(\.agent) == ["a1", "a2", "a3"])
        #expect(states[1].state == .notReady && states[1].reason == "lunch")
        let codes = try test.store.dispositionCodes()
        #expect(codes.map(\.code) == ["RESOLVED"] && codes[0].retiredAt != nil)
        #expect(try test.store.defineDisposition(code: "RESOLVED", label: "Resolved") == false)
        #expect(throws: RuleViolation.self) { try test.store.defineDisposition(code: "RESOLVED", label: "Other") }
    }
}
