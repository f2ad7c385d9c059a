import Testing
@testable import InteractionStore
@testable import InteractionModel

private let L = Log.line

/// The stories of SPEC section 1, end to end through the store, checked on the transcript.
@Suite struct WorkflowStoryTests {
    /// "kind party reason by" of each entry, compact enough to compare by eye.
    private func entries(_ test: TestStore, _ id: String, as audience: Audience = .agent) throws -> [String] {
        try test.store.transcript(of: id, as: audience).map { entry in
            ["\(entry.seq)", entry.kind.rawValue, entry.party, entry.reason ?? "-", entry.by ?? "-"].joined(separator: " ")
        }
    }

    @Test func instantConferenceAcceptedThenOwnerEndsAndChatPassesAutomatically() throws {
        let test = try TestStore(Log.conferenced + [
            L("n1", "message", 26, #""interaction":"c1","party":"a1","text":"note","visibility":"agents""#),
            L("l1", "party.left", 30, #""interaction":"c1","party":"a1""#),
            L("e1", "chat.ended", 40, #""interaction":"c1""#),
        ])
        #expect(try entries(test, "c1") == [
            "1 joined cust - -", "2 joined a1 - -", "3 message cust - -", "4 joined a2 - -", "5 message a1 - -",
            "6 left a1 ended -", "7 ownership a2 automatic -", "8 left cust chat_ended -", "9 left a2 chat_ended -",
        ])
        // The contact never sees the note; numbering keeps its gap.
        #expect(try entries(test, "c1", as: .contact).map { $0.split(separator: " ")[0] } == ["1", "2", "3", "4", "6", "7", "8", "9"])
        #expect(try test.store.interaction("c1")?.owner == "a2")
        #expect(try test.count("SELECT became_owner FROM connections WHERE party_id = 'a2'") == 1)
    }

    @Test func declinedAndTimedOutConferencesJoinNobody() throws {
        let test = try TestStore(Log.base + [
            L("r1", "conference.requested", 20, #""interaction":"c1","request":"q1","from":"a1","target":{"kind":"agent","id":"a2"}"#),
            L("r2", "conference.released", 21, #""request":"q1","reason":"declined""#),
            L("r3", "conference.requested", 22, #""interaction":"c1","request":"q2","from":"a1","target":{"kind":"agent","id":"a2"}"#),
            L("r4", "conference.released", 52, #""request":"q2","reason":"timeout""#),
        ])
        #expect(try test.count("SELECT count(*) FROM connections WHERE party_id = 'a2'") == 0)
        #expect(try test.count("SELECT count(*) FROM requests WHERE status = 'released'") == 2)
        #expect(try entries(test, "c1").count == 3)
    }

    @Test func queueTargetIsAnsweredByTheAgentItWasRoutedTo() throws {
        let test = try TestStore(Log.base + [
            L("r1", "conference.requested", 20, #""interaction":"c1","request":"q1","from":"a1","target":{"kind":"queue","id":"billing"}"#),
            L("r2", "conference.accepted", 24, #""request":"q1","agent":"a3""#),
        ])
        #expect(try entries(test, "c1").last == "4 joined a3 - -")
    }

    @Test func deleteFromConferenceAndEndTheChatWhileOthersStay() throws {
        let test = try TestStore(Log.conferenced + [
            L("r3", "conference.requested", 26, #""interaction":"c1","request":"q3","from":"a2","target":{"kind":"agent","id":"a3"}"#),
            L("r4", "conference.accepted", 27, #""request":"q3","agent":"a3""#),
            L("x1", "party.removed", 30, #""interaction":"c1","party":"a3","by":"a1""#),
            L("x2", "party.left", 31, #""interaction":"c1","party":"a2""#),
            L("x3", "message", 32, #""interaction":"c1","party":"a1","text":"still here""#),
            L("x4", "party.left", 33, #""interaction":"c1","party":"a1""#),
        ])
        #expect(try entries(test, "c1").suffix(5) == [
            "6 removed a3 removed a1", "7 left a2 ended -", "8 message a1 - -", "9 left a1 ended -", "10 left cust chat_ended -",
        ])
        #expect(try test.store.interaction("c1")?.status == "ended")
        // The chat ended implicitly: one chat.ended is accepted and changes nothing but the flag.
        try test.apply([L("x5", "chat.ended", 40, #""interaction":"c1""#)])
        #expect(try entries(test, "c1").count == 10)
    }

    @Test func removingTheOwnerTransfersOwnership() throws {
        let test = try TestStore(Log.conferenced + [L("x1", "party.removed", 30, #""interaction":"c1","party":"a1","by":"a2""#)])
        #expect(try entries(test, "c1").suffix(2) == ["5 removed a1 removed a2", "6 ownership a2 automatic -"])
    }

    @Test func transferAcceptedMakesTheTargetOwnerAndTheSenderLeaves() throws {
        let test = try TestStore(Log.base + [
            L("t1", "transfer.requested", 20, #""interaction":"c1","request":"t1","from":"a1","target":{"kind":"agent","id":"a2"}"#),
            L("t2", "transfer.accepted", 22, #""request":"t1","agent":"a2""#),
        ])
        #expect(try entries(test, "c1").suffix(3) == ["4 joined a2 - -", "5 ownership a2 transfer -", "6 left a1 transferred -"])
        #expect(try test.store.interaction("c1")?.owner == "a2")
        #expect(try test.store.interaction("c1")?.status == "active")
    }

    @Test func consultationBecomesAConference() throws {
        let test = try TestStore(Log.base + [
            L("k1", "consultation.requested", 20, #""interaction":"k1","parent":"c1","request":"kq1","from":"a1","target":{"kind":"agent","id":"a2"}"#),
            L("k2", "consultation.accepted", 21, #""request":"kq1","agent":"a2""#),
            L("k3", "message", 22, #""interaction":"k1","party":"a2","text":"add me""#),
            L("k4", "conference.requested", 23, #""interaction":"c1","request":"q1","from":"a1","target":{"kind":"agent","id":"a2"},"mode":"consultation","consultation":"k1""#),
            L("k5", "conference.accepted", 24, #""request":"q1","agent":"a2""#),
        ])
        #expect(try entries(test, "k1") == ["1 joined a1 - -", "2 joined a2 - -", "3 message a2 - -", "4 left a1 conferenced -", "5 left a2 conferenced -"])
        #expect(try entries(test, "c1").last == "4 joined a2 - -")
        #expect(try test.store.interaction("k1")?.status == "ended")
        // Consultation content never appears in the parent's transcript.
        #expect(try test.store.transcript(of: "c1").allSatisfy { $0.text != "add me" })
        #expect(throws: StoreError.self) { try test.store.transcript(of: "k1", as: .contact) }
    }

    @Test func releasedConsultationEndsAndParentEndEndsOpenConsultations() throws {
        let test = try TestStore(Log.base + [
            L("k1", "consultation.requested", 20, #""interaction":"k1","parent":"c1","request":"kq1","from":"a1","target":{"kind":"agent","id":"a2"}"#),
            L("k2", "consultation.released", 21, #""request":"kq1","reason":"declined""#),
            L("k3", "consultation.requested", 22, #""interaction":"k2","parent":"c1","request":"kq2","from":"a1","target":{"kind":"agent","id":"a3"}"#),
            L("k4", "consultation.accepted", 23, #""request":"kq2","agent":"a3""#),
            L("e1", "chat.ended", 30, #""interaction":"c1""#),
        ])
        #expect(try entries(test, "k1") == ["1 joined a1 - -", "2 left a1 chat_ended -"])
        #expect(try entries(test, "k2") == ["1 joined a1 - -", "2 joined a3 - -", "3 left a1 chat_ended -", "4 left a3 chat_ended -"])
        #expect(try test.count("SELECT count(*) FROM interactions WHERE status = 'active'") == 0)
    }

    @Test func chatEndReleasesPendingRequestsAndRequesterLeavingCancelsItsOwn() throws {
        let test = try TestStore(Log.conferenced + [
            L("r3", "conference.requested", 26, #""interaction":"c1","request":"q3","from":"a2","target":{"kind":"agent","id":"a3"}"#),
            L("r4", "conference.requested", 27, #""interaction":"c1","request":"q4","from":"a1","target":{"kind":"queue","id":"vip"}"#),
            L("l1", "party.left", 28, #""interaction":"c1","party":"a2","reason":"disconnected""#),
            L("e1", "chat.ended", 35, #""interaction":"c1""#),
        ])
        let outcomes = try test.store.read { db in
            try db.query("SELECT id, outcome, answered_at FROM requests WHERE id IN ('q3', 'q4') ORDER BY id") { "\($0.string(0)) \($0.string(1)) \(Timestamp.format($0.int64(2)))" }
        }
        #expect(outcomes == ["q3 cancelled \(Log.time(28))", "q4 cancelled \(Log.time(35))"])
    }

    @Test func dispositionsByTwoAgentsWithAChangeAndAfterTheEnd() throws {
        let test = try TestStore(Log.conferenced + [
            L("d2", "disposition.defined", 0, #""code":"FOLLOW_UP","label":"Follow-up""#),
            L("p1", "disposition.set", 26, #""interaction":"c1","agent":"a1","code":"FOLLOW_UP""#),
            L("e1", "chat.ended", 30, #""interaction":"c1""#),
            L("p2", "disposition.set", 31, #""interaction":"c1","agent":"a1","code":"RESOLVED""#),
            L("p3", "disposition.set", 32, #""interaction":"c1","agent":"a2","code":"RESOLVED""#),
        ])
        #expect(try test.count("SELECT count(*) FROM disposition_changes") == 3)
    }

    @Test func everyChainVerifiesAfterTheStories() throws {
        let test = try TestStore(Log.conferenced + [L("l1", "party.left", 30, #""interaction":"c1","party":"a1""#)])
        let report = try test.store.check()
        #expect(report.problems.isEmpty)
        #expect(report.entriesVerified == 6)
    }
}

/// Ids are exact bytes: canonically equivalent spellings are different ids (SPEC section 2).
@Suite struct ExactIdentityTests {
    @Test func precomposedAndDecomposedIdsAreDifferentInteractionsAndAgents() throws {
        let nfc = "chat-\u{E9}"        // é precomposed
        let nfd = "chat-e\u{301}"      // e + combining acute
        #expect(nfc == nfd)            // Swift calls them equal…
        let test = try TestStore(Log.base + [
            Log.line("n1", "chat.started", 20, #""interaction":"\#(nfc)","contact":{"id":"k1"}"#),
            Log.line("n2", "chat.started", 21, #""interaction":"\#(nfd)","contact":{"id":"k2"}"#),
            Log.line("n3", "party.joined", 22, #""interaction":"\#(nfc)","party":{"kind":"agent","id":"\#u{C5}sa"},"role":"owner""#),
            Log.line("n4", "party.joined", 23, #""interaction":"\#(nfd)","party":{"kind":"agent","id":"A\#u{30A}sa"},"role":"owner""#),
        ])
        // …the store does not.
        #expect(try test.count("SELECT count(*) FROM interactions WHERE id LIKE 'chat-%'") == 2)
        #expect(try test.store.transcript(of: nfc).map(\.party) == ["k1", "\u{C5}sa"])
        #expect(try test.store.transcript(of: nfd).map(\.party) == ["k2", "A\u{30A}sa"])
        // A message from the other spelling's agent is from a party that is not in the chat.
        #expect(throws: RuleViolation.self) {
            try test.apply([Log.line("n5", "message", 24, #""interaction":"\#(nfc)","party":"A\#u{30A}sa","text":"hi""#)])
        }
        #expect(try test.store.check().problems.isEmpty)
    }
}
