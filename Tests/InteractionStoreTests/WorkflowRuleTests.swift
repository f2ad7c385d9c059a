import Testing
@testable import InteractionStore
@testable import InteractionModel
@testable import EventLog

/// One SPEC section 2 rule: valid events, then one that breaks the rule.
struct RuleCase: Sendable, CustomStringConvertible {
    let name: String
    let setup: [String]
    let bad: String
    let rule: Rule
    var description: String { name }
}

private let L = Log.line

let ruleCases: [RuleCase] = [
    RuleCase(name: "unknown interaction", setup: Log.base, bad: L("x", "message", 30, #""interaction":"nope","party":"a1","text":"hi""#), rule: .unknownInteraction),
    RuleCase(name: "unknown request", setup: Log.base, bad: L("x", "conference.accepted", 30, #""request":"q9","agent":"a2""#), rule: .unknownRequest),
    RuleCase(name: "unknown party", setup: Log.base, bad: L("x", "message", 30, #""interaction":"c1","party":"zz","text":"hi""#), rule: .unknownParty),
    RuleCase(name: "second chat.started", setup: Log.base, bad: L("x", "chat.started", 30, #""interaction":"c1","contact":{"id":"other"}"#), rule: .duplicateInteraction),
    RuleCase(name: "message from a party no longer connected",
             setup: Log.base + [L("l1", "party.left", 20, #""interaction":"c1","party":"cust""#)],
             bad: L("x", "message", 30, #""interaction":"c1","party":"cust","text":"hi""#), rule: .notConnected),
    RuleCase(name: "request from an agent not connected", setup: Log.base,
             bad: L("x", "conference.requested", 30, #""interaction":"c1","request":"q2","from":"a3","target":{"kind":"agent","id":"a2"}"#), rule: .unknownParty),
    RuleCase(name: "accepting a request that is not pending", setup: Log.conferenced,
             bad: L("x", "conference.accepted", 30, #""request":"q1","agent":"a2""#), rule: .notPending),
    RuleCase(name: "releasing a request that is not pending", setup: Log.conferenced,
             bad: L("x", "conference.released", 30, #""request":"q1","reason":"timeout""#), rule: .notPending),
    RuleCase(name: "agent joining an interaction it is connected to", setup: Log.base,
             bad: L("x", "party.joined", 30, #""interaction":"c1","party":{"kind":"agent","id":"a1"},"role":"owner""#), rule: .alreadyConnected),
    RuleCase(name: "accepting while already connected (queue target)",
             setup: Log.conferenced + [L("r3", "conference.requested", 30, #""interaction":"c1","request":"q3","from":"a1","target":{"kind":"queue","id":"billing"}"#)],
             bad: L("x", "conference.accepted", 31, #""request":"q3","agent":"a2""#), rule: .alreadyConnected),
    RuleCase(name: "request to an agent already connected", setup: Log.conferenced,
             bad: L("x", "conference.requested", 30, #""interaction":"c1","request":"q3","from":"a1","target":{"kind":"agent","id":"a2"}"#), rule: .alreadyConnected),
    RuleCase(name: "accepter does not match the agent target",
             setup: Log.base + [L("r1", "conference.requested", 20, #""interaction":"c1","request":"q1","from":"a1","target":{"kind":"agent","id":"a2"}"#)],
             bad: L("x", "conference.accepted", 25, #""request":"q1","agent":"a3""#), rule: .accepterMismatch),
    RuleCase(name: "accepter logged out",
             setup: Log.base + [L("s9", "agent.state", 15, #""agent":"a2","state":"logged_out""#),
                                L("r1", "conference.requested", 20, #""interaction":"c1","request":"q1","from":"a1","target":{"kind":"agent","id":"a2"}"#)],
             bad: L("x", "conference.accepted", 25, #""request":"q1","agent":"a2""#), rule: .loggedOut),
    RuleCase(name: "disposition code not in the catalog", setup: Log.base,
             bad: L("x", "disposition.set", 30, #""interaction":"c1","agent":"a1","code":"NOPE""#), rule: .unknownCode),
    RuleCase(name: "retired disposition code", setup: Log.base + [L("d2", "disposition.retired", 20, #""code":"RESOLVED""#)],
             bad: L("x", "disposition.set", 30, #""interaction":"c1","agent":"a1","code":"RESOLVED""#), rule: .retiredCode),
    RuleCase(name: "disposition by an agent who never was a party", setup: Log.base,
             bad: L("x", "disposition.set", 30, #""interaction":"c1","agent":"a3","code":"RESOLVED""#), rule: .notAParty),
    RuleCase(name: "at earlier than the interaction's latest event", setup: Log.base,
             bad: L("x", "message", 5, #""interaction":"c1","party":"a1","text":"late""#), rule: .outOfOrder),
    RuleCase(name: "agent state earlier than the agent's latest", setup: Log.base + [L("s8", "agent.state", 40, #""agent":"a3","state":"not_ready","reason":"break""#)],
             bad: L("x", "agent.state", 30, #""agent":"a3","state":"ready""#), rule: .outOfOrder),
    RuleCase(name: "message after chat.ended", setup: Log.base + [L("e1", "chat.ended", 20, #""interaction":"c1""#)],
             bad: L("x", "message", 30, #""interaction":"c1","party":"a1","text":"hi""#), rule: .interactionEnded),
    RuleCase(name: "second explicit chat.ended", setup: Log.base + [L("e1", "chat.ended", 20, #""interaction":"c1""#)],
             bad: L("x", "chat.ended", 30, #""interaction":"c1""#), rule: .alreadyEnded),
    RuleCase(name: "second chat.ended after an implicit end",
             setup: Log.base + [L("l1", "party.left", 20, #""interaction":"c1","party":"a1""#), L("e1", "chat.ended", 21, #""interaction":"c1""#)],
             bad: L("x", "chat.ended", 30, #""interaction":"c1""#), rule: .alreadyEnded),
    RuleCase(name: "same id, different content", setup: Log.base,
             bad: L("m1", "message", 12, #""interaction":"c1","party":"cust","text":"changed""#), rule: .conflictingEventId),
    RuleCase(name: "party.joined with a connected owner", setup: Log.base,
             bad: L("x", "party.joined", 30, #""interaction":"c1","party":{"kind":"agent","id":"a2"},"role":"owner""#), rule: .ownerPresent),
    RuleCase(name: "transfer requested by a non-owner", setup: Log.conferenced,
             bad: L("x", "transfer.requested", 30, #""interaction":"c1","request":"t1","from":"a2","target":{"kind":"agent","id":"a3"}"#), rule: .notOwner),
    RuleCase(name: "removing the contact", setup: Log.base,
             bad: L("x", "party.removed", 30, #""interaction":"c1","party":"cust","by":"a1""#), rule: .contactNotRemovable),
    RuleCase(name: "an agent removing itself", setup: Log.conferenced,
             bad: L("x", "party.removed", 30, #""interaction":"c1","party":"a2","by":"a2""#), rule: .selfRemoval),
    RuleCase(name: "consultation-mode conference without an active consultation", setup: Log.base,
             bad: L("x", "conference.requested", 30, #""interaction":"c1","request":"q5","from":"a1","target":{"kind":"agent","id":"a2"},"mode":"consultation","consultation":"k1""#),
             rule: .consultationNotActive),
    RuleCase(name: "consultation-mode conference before the consultation was accepted",
             setup: Log.base + [L("k1", "consultation.requested", 20, #""interaction":"k1","parent":"c1","request":"kq1","from":"a1","target":{"kind":"agent","id":"a2"}"#)],
             bad: L("x", "conference.requested", 30, #""interaction":"c1","request":"q5","from":"a1","target":{"kind":"agent","id":"a2"},"mode":"consultation","consultation":"k1""#),
             rule: .consultationNotActive),
    RuleCase(name: "request id reused", setup: Log.conferenced,
             bad: L("x", "transfer.requested", 30, #""interaction":"c1","request":"q1","from":"a1","target":{"kind":"agent","id":"a3"}"#), rule: .duplicateRequest),
    RuleCase(name: "code defined again with another label", setup: Log.base,
             bad: L("x", "disposition.defined", 30, #""code":"RESOLVED","label":"Fixed""#), rule: .labelConflict),
    RuleCase(name: "answer of the wrong request family", setup: Log.base + [L("r1", "conference.requested", 20, #""interaction":"c1","request":"q1","from":"a1","target":{"kind":"agent","id":"a2"}"#)],
             bad: L("x", "transfer.accepted", 25, #""request":"q1","agent":"a2""#), rule: .wrongRequestKind),
    RuleCase(name: "the contact cannot make a request", setup: Log.base,
             bad: L("x", "conference.requested", 30, #""interaction":"c1","request":"q1","from":"cust","target":{"kind":"agent","id":"a2"}"#), rule: .requesterNotAgent),
    RuleCase(name: "removal by a party not connected", setup: Log.conferenced,
             bad: L("x", "party.removed", 30, #""interaction":"c1","party":"a2","by":"a3""#), rule: .unknownParty),
]

@Suite struct WorkflowRuleTests {
    @Test(arguments: ruleCases)
    func violationIsRejectedAndWritesNothing(_ rule: RuleCase) throws {
        let test = try TestStore(rule.setup)
        let before = try test.snapshot()
        let event = try EventDecoder.decode(rule.bad)
        do {
            try test.store.apply([event])
            Issue.record("\(rule.name): the event was accepted")
        } catch let violation as RuleViolation {
            #expect(violation.rule == rule.rule)
            #expect(violation.eventId == event.id)
            #expect(violation.description.hasPrefix("event \(event.id): \(rule.rule.rawValue): "))
        }
        #expect(try test.snapshot() == before)
    }

    @Test func everyRuleHasACase() {
        let covered = Set(ruleCases.map(\.rule))
        let missing = Rule.allCases.filter { !covered.contains($0) && $0 != .wrongInteractionKind }
        #expect(missing.isEmpty, "rules without a violation test: \(missing)")
    }

    @Test func aRejectedEventInABatchRollsBackTheWholeBatch() throws {
        let test = try TestStore(Log.base)
        let before = try test.snapshot()
        let good = try EventDecoder.decode(L("g", "message", 30, #""interaction":"c1","party":"a1","text":"ok""#))
        let bad = try EventDecoder.decode(L("b", "message", 31, #""interaction":"c1","party":"zz","text":"no""#))
        #expect(throws: RuleViolation.self) { try test.store.apply([good, bad]) }
        #expect(try test.snapshot() == before)
    }

    @Test func repeatedEventIsSkipped() throws {
        let test = try TestStore(Log.base)
        let before = try test.snapshot()
        // Same content, other key order and spelling of `at`.
        let outcomes = try test.apply([#"{"type":"message","text":"hello","party":"cust","interaction":"c1","at":"2026-03-02T09:00:12.000999Z","id":"m1","visibility":"all"}"#])
        #expect(outcomes == [.duplicate])
        #expect(try test.snapshot() == before)
    }
}
