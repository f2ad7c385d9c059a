import Foundation
import InteractionStore
import Testing
@testable import PlatformImport
@testable import InteractionModel

@Suite struct GenesysConverterTests {
    static let session = "genesys:005PAaH11EN8Q828"
    static let client = "genesys:009662230CAD7F2B"
    static let bot = "genesys:009662230CAF7F2D"
    static let agent1 = "genesys:009662230CC77F2E"
    static let agent2 = "genesys:009662230D617F4A"
    static let startAt = Timestamp.parse("2022-03-05T07:09:33Z") ?? 0

    private func convert(_ text: String) throws -> ConvertedTranscript {
        try GenesysConverter.convert(Array(text.utf8))
    }

    private func sample() throws -> String { try RealData.text(RealData.genesysWellFormed) }

    private func at(_ shift: Int64) -> Int64 { Self.startAt + shift * 1000 }

    /// The messages as the file has them, read with a regular expression (not the tokenizer).
    private func sourceMessages(_ text: String) throws -> [(userId: String, shift: Int64, eventId: String, text: String)] {
        let pattern = try NSRegularExpression(
            pattern: "<message userId=\"([^\"]*)\" timeShift=\"(\\d+)\" visibility=\"ALL\" eventId=\"(\\d+)\">\\s*<msgText>(.*?)</msgText>",
            options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).map { match in
            func group(_ index: Int) -> String { Range(match.range(at: index), in: text).map { String(text[$0]) } ?? "" }
            return (group(1), Int64(group(2)) ?? -1, group(3), group(4))
        }
    }

    @Test func theRealSampleBecomesTheChatWithItsTwoInferredTransfers() throws {
        let result = try GenesysConverter.convert(RealData.bytes(RealData.genesysWellFormed))
        #expect(result.interaction == Self.session)
        let events = result.events.map(\.event)
        #expect(events.count == 28)
        #expect(events.first == Event(id: Self.session + ":0", at: Self.startAt,
                                      body: .chatStarted(interaction: Self.session, contact: Self.client, contactName: nil)))
        let structural = events.filter { if case .message = $0.body { return false } else { return true } }
        #expect(structural == [
            Event(id: Self.session + ":0", at: Self.startAt, body: .chatStarted(interaction: Self.session, contact: Self.client, contactName: nil)),
            Event(id: Self.session + ":7", at: at(2), body: .partyJoined(interaction: Self.session, agent: Self.bot)),
            // The bot leaves (code 3) while alone and agent 1 joins later: a transfer.
            Event(id: Self.session + ":11", at: at(13), body: .transferRequested(interaction: Self.session, request: Self.session + ":11",
                                                                               from: Self.bot, target: Target(kind: .agent, id: Self.agent1))),
            Event(id: Self.session + ":14", at: at(26), body: .accepted(kind: .transfer, request: Self.session + ":11", agent: Self.agent1)),
            Event(id: Self.session + ":97", at: at(178), body: .transferRequested(interaction: Self.session, request: Self.session + ":97",
                                                                                from: Self.agent1, target: Target(kind: .agent, id: Self.agent2))),
            Event(id: Self.session + ":98", at: at(180), body: .accepted(kind: .transfer, request: Self.session + ":97", agent: Self.agent2)),
            // Code 2 closes the chat; the client's code-4 removal at the same time is part of it.
            Event(id: Self.session + ":376", at: at(1107), body: .chatEnded(interaction: Self.session)),
        ])
        #expect(result.skipped == {
            var expected = SkippedRecords()
            expected.add("external party", 2)
            expected.add("notice", 2)
            expected.add("user data", 3)
            expected.add("bot style", 1)
            expected.add("text outside msgText", 1)
            return expected
        }())
    }

    @Test func messageTextsAndTimesAreTheSourcesExactly() throws {
        let text = try sample()
        let expected = try sourceMessages(text)
        #expect(expected.count == 21)
        let messages = try convert(text).events.compactMap { converted -> (String, Int64, String, String, Visibility)? in
            guard case let .message(_, party, text, visibility) = converted.event.body else { return nil }
            return (converted.event.id, converted.event.at, party, text, visibility)
        }
        #expect(messages.count == expected.count)
        for (message, source) in zip(messages, expected) {
            #expect(message.0 == Self.session + ":" + source.eventId)
            #expect(message.1 == at(source.shift))
            #expect(message.2 == "genesys:" + source.userId)
            #expect(message.3 == source.text)
            #expect(message.4 == .all)
        }
        // Awkward ones: empty, a lone space, leading spaces kept.
        #expect(messages.contains { $0.0 == Self.session + ":131" && $0.3 == "" })
        #expect(messages.contains { $0.0 == Self.session + ":167" && $0.3 == " " })
        #expect(messages.contains { $0.0 == Self.session + ":101" && $0.3 == " ! " })
    }

    @Test func internalAndVIPVisibilityAreAgentsOnly() throws {
        let text = try sample()
            .replacingOccurrences(of: "timeShift=\"78\" visibility=\"ALL\"", with: "timeShift=\"78\" visibility=\"INT\"")
            .replacingOccurrences(of: "timeShift=\"170\" visibility=\"ALL\"", with: "timeShift=\"170\" visibility=\"VIP\"")
        let visibilities = try convert(text).events.compactMap { converted -> (String, Visibility)? in
            guard case let .message(_, _, _, visibility) = converted.event.body else { return nil }
            return (converted.event.id, visibility)
        }
        #expect(visibilities.filter { $0.1 == .agents }.map(\.0) == [Self.session + ":92", Self.session + ":96"])
        let unknown = try sample().replacingOccurrences(of: "timeShift=\"78\" visibility=\"ALL\"", with: "timeShift=\"78\" visibility=\"SECRET\"")
        #expect(throws: ConversionError(reason: "unknown visibility \"SECRET\" (expected ALL, INT or VIP)", offset: 3957, element: "message eventId=\"92\"")) {
            try convert(unknown)
        }
    }

    /// Agent 1 stays until the close: agent 2's join is a conference requested by the owner.
    @Test func aSecondAgentJoiningWhileAnotherIsConnectedIsAnAcceptedConference() throws {
        let text = try sample().replacingOccurrences(
            of: "<partyLeft userId=\"009662230CC77F2E\" timeShift=\"178\" visibility=\"ALL\" eventId=\"97\" askerId=\"009662230CC77F2E\"\n>\n<reason>left</reason>\n</partyLeft>\n",
            with: "")
        let events = try convert(text).events.map(\.event)
        let request = Self.session + ":98"
        #expect(events.contains(Event(id: request, at: at(180), body: .conferenceRequested(
            interaction: Self.session, request: request, from: Self.agent1, target: Target(kind: .agent, id: Self.agent2), mode: .instant, consultation: nil))))
        #expect(events.contains(Event(id: request + ".1", at: at(180), body: .accepted(kind: .conference, request: request, agent: Self.agent2))))
        #expect(!events.contains { if case .transferRequested(_, _, let from, _) = $0.body { return from == Self.agent1 } else { return false } })
    }

    @Test func aCode4RemovalByAnotherAgentIsPartyRemoved() throws {
        let text = try sample()
            .replacingOccurrences(
                of: "<partyLeft userId=\"009662230CC77F2E\" timeShift=\"178\" visibility=\"ALL\" eventId=\"97\" askerId=\"009662230CC77F2E\"\n>\n<reason>left</reason>\n</partyLeft>\n",
                with: "")
            .replacingOccurrences(
                of: "<message userId=\"009662230D617F4A\" timeShift=\"186\"",
                with: "<partyLeft userId=\"009662230CC77F2E\" timeShift=\"185\" eventId=\"99\" askerId=\" 009662230D617F4A\n\"><reason code=\"4\">removed by other party</reason></partyLeft>\n<message userId=\"009662230D617F4A\" timeShift=\"186\"")
        let events = try convert(text).events.map(\.event)
        #expect(events.contains(Event(id: Self.session + ":99", at: at(185), body: .partyRemoved(interaction: Self.session, party: Self.agent1, by: Self.agent2))))
    }

    @Test func aLeaveWithNoLaterAgentIsAPlainLeaveWithItsReason() throws {
        // Cut everything after agent 1's leave (code 3 instead of none): no transfer to infer.
        let text = try sample()
        guard let cut = text.range(of: "<newParty userId=\"009662230D617F4A\"") else { throw ConversionError(reason: "sample changed") }
        let truncated = String(text[..<cut.lowerBound]).replacingOccurrences(of: "<reason>left</reason>", with: "<reason code=\"3\">left due to disconnect</reason>") + "</chatTranscript>"
        let events = try convert(truncated).events.map(\.event)
        #expect(events.last == Event(id: Self.session + ":97", at: at(178), body: .partyLeft(interaction: Self.session, party: Self.agent1, reason: .disconnected)))
    }

    @Test func idsAndAttributeValuesAreTrimmed() throws {
        // The sample's own askerId="\n009662230D617F4A" and timeZoneOffset="\n0" already need it.
        let text = try sample().replacingOccurrences(of: "sessionId=\"005PAaH11EN8Q828\"", with: "sessionId=\" 005PAaH11EN8Q828\t\"")
            .replacingOccurrences(of: "<newParty userId=\"009662230CAF7F2D\" timeShift=\"2\"", with: "<newParty userId=\"\n009662230CAF7F2D \" timeShift=\" 2\"")
            .replacingOccurrences(of: "userNick=\" \" userType=\"CLIENT\"", with: "userNick=\"  Ivan \" userType=\"CLIENT\"")
        let events = try convert(text).events.map(\.event)
        #expect(events[0].body == .chatStarted(interaction: Self.session, contact: Self.client, contactName: "Ivan"))
        #expect(events.contains(Event(id: Self.session + ":7", at: at(2), body: .partyJoined(interaction: Self.session, agent: Self.bot))))
    }

    @Test func theControlByteSampleIsRefusedAtOffset1634() throws {
        #expect(throws: ConversionError(reason: "not well-formed XML (line 25): character U+0002 (a control byte) is not allowed in XML", offset: 1634)) {
            try GenesysConverter.convert(RealData.bytes(RealData.genesysControlByte))
        }
    }

    @Test func aDTDBombOrExternalEntityBeforeTheRealTranscriptIsRefused() throws {
        let body = try sample().replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "")
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE chatTranscript [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
            + body.replacingOccurrences(of: "<msgText> !</msgText>", with: "<msgText>&c;</msgText>")
        #expect(throws: ConversionError(reason: "not well-formed XML (line 2): a DOCTYPE is refused: DTDs, entity declarations and external entities are never read", offset: 22)) {
            try convert(bomb)
        }
        let passwd = "<!DOCTYPE chatTranscript [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + body.replacingOccurrences(of: "<msgText> !</msgText>", with: "<msgText>&x;</msgText>")
        #expect(throws: ConversionError(reason: "not well-formed XML (line 1): a DOCTYPE is refused: DTDs, entity declarations and external entities are never read", offset: 0)) {
            try convert(passwd)
        }
        // Without the DOCTYPE the reference is an undeclared entity: refused, never resolved.
        let bare = body.replacingOccurrences(of: "<msgText> !</msgText>", with: "<msgText>&x;</msgText>")
        #expect(throws: ConversionError.self) { try convert(bare) }
    }

    @Test func otherShapesAreRefusedNamingTheElement() throws {
        #expect(throws: ConversionError(reason: "the root element is <transcript>, not <chatTranscript>: not a Genesys Engage transcript", offset: 0, element: "transcript")) {
            try convert("<transcript/>")
        }
        #expect(throws: ConversionError(reason: "attribute startAt is missing or not a UTC time like 2022-03-05T07:09:33Z (found \"yesterday\")", offset: 0, element: "chatTranscript")) {
            try convert("<chatTranscript sessionId=\"s\" startAt=\"yesterday\"/>")
        }
        let unknownType = try sample().replacingOccurrences(of: "userType=\"EXTERNAL\"", with: "userType=\"ROBOT\"")
        #expect(throws: ConversionError(reason: "unknown userType \"ROBOT\" (expected CLIENT, AGENT, EXTERNAL or SYSTEM)", offset: 1886, element: "newParty eventId=\"4\"")) {
            try convert(unknownType)
        }
        let badShift = try sample().replacingOccurrences(of: "timeShift=\"43\"", with: "timeShift=\"4.5\"")
        #expect(throws: ConversionError(reason: "timeShift \"4.5\" is not a whole number of seconds", offset: 3726, element: "message eventId=\"17\"")) {
            try convert(badShift)
        }
        let badCode = try sample().replacingOccurrences(of: "<reason code=\"3\">", with: "<reason code=\"9\">")
        #expect(throws: ConversionError.self) { try convert(badCode) }
        #expect(throws: ConversionError(reason: "the transcript has no CLIENT party", element: "chatTranscript")) {
            try convert("<chatTranscript sessionId=\"s\" startAt=\"2022-03-05T07:09:33Z\"></chatTranscript>")
        }
    }
}
