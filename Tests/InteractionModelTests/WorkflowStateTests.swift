import Testing
@testable import InteractionModel

/// The rules as the pure state machine they are: events in, changes out, no store. A refused
/// event throws its rule and leaves the state exactly as it was (Docs/EventFormat.md#rules).
@Suite struct WorkflowStateTests {
    private func event(_ id: String, _ at: Int64, _ body: Event.Body) -> Event { Event(id: id, at: at, body: body) }

    /// A started chat with agent a1 connected as its owner.
    private func chatWithOwner() throws -> WorkflowState {
        var state = WorkflowState()
        _ = try state.apply(event("e1", 1_000, .agentState(agent: "a1", state: .ready, channel: "chat", reason: nil)))
        _ = try state.apply(event("e2", 2_000, .chatStarted(interaction: "c1", contact: "k1", contactName: nil)))
        _ = try state.apply(event("e3", 3_000, .partyJoined(interaction: "c1", agent: "a1")))
        return state
    }

    @Test func aMessageFromAConnectedPartyBecomesOneMessageChange() throws {
        var state = try chatWithOwner()
        let changes = try state.apply(event("e4", 4_000, .message(interaction: "c1", party: "k1", text: "hello", visibility: .all)))
        #expect(changes.contains(.message(interaction: "c1", party: "k1", at: 4_000, text: "hello", visibility: .all)))
        #expect(changes.contains(.touch(interaction: "c1", at: 4_000)))
    }

    @Test func aRefusedEventNamesItsRuleAndChangesNothing() throws {
        var state = try chatWithOwner()
        let before = state.interactions
        #expect(throws: RuleViolation(eventId: "e4", rule: .unknownParty, detail: .notAParty(party: "x9", interaction: "c1"))) {
            _ = try state.apply(event("e4", 4_000, .message(interaction: "c1", party: "x9", text: "hi", visibility: .all)))
        }
        #expect(state.interactions == before)
    }

    @Test func anEventEarlierThanTheInteractionsLatestIsOutOfOrder() throws {
        var state = try chatWithOwner()
        do {
            _ = try state.apply(event("e4", 2_500, .message(interaction: "c1", party: "k1", text: "late", visibility: .all)))
            Issue.record("an out-of-order message was accepted")
        } catch {
            #expect(error.rule == .outOfOrder)
            #expect(error.eventId == "e4")
        }
    }

    @Test func aSecondOwnerCannotJoin() throws {
        var state = try chatWithOwner()
        _ = try state.apply(event("e4", 4_000, .agentState(agent: "a2", state: .ready, channel: "chat", reason: nil)))
        #expect(throws: RuleViolation(eventId: "e5", rule: .ownerPresent, detail: .ownerConnected(interaction: "c1", owner: "a1"))) {
            _ = try state.apply(event("e5", 5_000, .partyJoined(interaction: "c1", agent: "a2")))
        }
    }

    @Test func aDetailIsWordedWithItsIdsQuoted() {
        let violation = RuleViolation(eventId: "e5", rule: .ownerPresent, detail: .ownerConnected(interaction: "c1", owner: "a1"))
        #expect(violation.description == "event e5: owner already connected: interaction \"c1\" already has a connected owner \"a1\"")
        let long = String(repeating: "x", count: 100)
        #expect(RuleViolation.Detail.noRequest(long).description == "request \"\(String(repeating: "x", count: 80))\"… (100 bytes) does not exist")
    }

    @Test func anUnknownInteractionIsRefused() {
        var state = WorkflowState()
        #expect(throws: RuleViolation(eventId: "e1", rule: .unknownInteraction, detail: .noInteraction("nope"))) {
            _ = try state.apply(event("e1", 1_000, .message(interaction: "nope", party: "k1", text: "hi", visibility: .all)))
        }
        #expect(state.interactions.isEmpty)
    }
}
