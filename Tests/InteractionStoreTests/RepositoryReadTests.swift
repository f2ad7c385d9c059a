import Testing
@testable import InteractionStore
@testable import InteractionModel

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

    /// `consultation.requested` belongs to both the consultation and its parent (SPEC section 2):
    /// the chat's audit and request list show the consultation requests made from it.
    @Test func aChatsRequestsIncludeTheConsultationRequestsMadeFromIt() throws {
        let test = try TestStore(Log.base + [
            L("k1", "consultation.requested", 20, #""interaction":"k1","parent":"c1","request":"q1","from":"a1","target":{"kind":"agent","id":"a2"}"#),
            L("k2", "consultation.accepted", 21, #""request":"q1","agent":"a2""#),
            L("k3", "conference.requested", 22, #""interaction":"c1","request":"q2","from":"a1","target":{"kind":"agent","id":"a2"},"mode":"consultation","consultation":"k1""#),
            L("k4", "consultation.requested", 23, #""interaction":"k9","parent":"c1","request":"q3","from":"a1","target":{"kind":"queue","id":"vip"}"#),
            L("k5", "transfer.requested", 24, #""interaction":"c1","request":"q4","from":"a1","target":{"kind":"agent","id":"a3"}"#),
            // Another chat's consultation stays out of c1's list.
            L("o1", "chat.started", 25, #""interaction":"c2","contact":{"id":"cust2"}"#),
            L("o2", "party.joined", 26, #""interaction":"c2","party":{"kind":"agent","id":"a3"},"role":"owner""#),
            L("o3", "consultation.requested", 27, #""interaction":"k2","parent":"c2","request":"q5","from":"a3","target":{"kind":"agent","id":"a2"}"#),
        ])
        let chat = try test.store.audit("c1")
        #expect(chat.requests.map(\.id) == ["q1", "q2", "q3", "q4"])
        #expect(try test.store.requests(in: "c1").map(\.request.id) == ["q1", "q2", "q3", "q4"])
        #expect(try test.store.requests(in: "c1", pendingOnly: true).map(\.request.id) == ["q2", "q3", "q4"])
        // The consultation keeps the request that created it and the one that converted it.
        let consultation = try test.store.audit("k1")
        #expect(consultation.requests.map(\.id) == ["q1", "q2"])
        #expect(try test.store.audit("c2").requests.map(\.id) == ["q5"])
    }
}
