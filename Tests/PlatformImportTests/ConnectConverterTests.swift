import Foundation
import InteractionStore
import Testing
@testable import PlatformImport
@testable import InteractionModel

@Suite struct ConnectConverterTests {
    static let contact = "connect:b49644f6-672f-445c-b209-f76b36482830"
    static let customer = "connect:e9b36a6d-12aa-4c21-9745-1881648ecfc8"
    static let jane = "connect:f36a545d-67b2-4fd4-89fb-896136b609a7"

    private func convert(_ text: String) throws -> ConvertedTranscript {
        try ConnectConverter.convert(Array(text.utf8))
    }

    private func time(_ text: String) -> Int64 { Timestamp.parse(text) ?? -1 }

    @Test func theContactLensSampleBecomesTheChat() throws {
        let result = try ConnectConverter.convert(RealData.bytes(RealData.connectContactLens))
        #expect(result.interaction == Self.contact)
        let events = result.events.map(\.event)
        #expect(events.count == 32)
        #expect(events[0] == Event(id: Self.contact + ":1", at: time("2022-10-27T03:31:50.735Z"),
                                   body: .chatStarted(interaction: Self.contact, contact: Self.customer, contactName: "John")))
        #expect(events[1] == Event(id: Self.contact + ":5", at: time("2022-10-27T03:32:00.951Z"), body: .partyJoined(interaction: Self.contact, agent: Self.jane)))
        #expect(events[2] == Event(id: Self.contact + ":6", at: time("2022-10-27T03:32:03.462Z"), body: .message(
            interaction: Self.contact, party: Self.jane, text: "Hello, thanks for reaching Example Corp. This is Jane. How may I help you?", visibility: .all)))
        #expect(events[30] == Event(id: Self.contact + ":34", at: time("2022-10-27T03:34:42.799Z"), body: .partyLeft(interaction: Self.contact, party: Self.customer, reason: .ended)))
        #expect(events[31] == Event(id: Self.contact + ":35", at: time("2022-10-27T03:34:43.192Z"), body: .chatEnded(interaction: Self.contact)))
        var expected = SkippedRecords()
        expected.add("system message", 3)
        #expect(result.skipped == expected)
    }

    @Test func messageTextsAndTimesAreTheSourcesExactly() throws {
        let root = try JSONSerialization.jsonObject(with: Data(RealData.bytes(RealData.connectContactLens))) as? [String: Any]
        let items = (root?["Transcript"] as? [[String: Any]]) ?? []
        let sourceMessages = items.enumerated().filter { $0.element["Type"] as? String == "MESSAGE" && $0.element["ParticipantRole"] as? String != "SYSTEM" }
        let converted = try ConnectConverter.convert(RealData.bytes(RealData.connectContactLens)).events.compactMap { converted -> (Event, String)? in
            guard case let .message(_, _, text, _) = converted.event.body else { return nil }
            return (converted.event, text)
        }
        #expect(converted.count == sourceMessages.count)
        #expect(converted.count == 28)
        for ((event, text), source) in zip(converted, sourceMessages) {
            #expect(event.id == Self.contact + ":\(source.offset + 1)")
            #expect(text == source.element["Content"] as? String)
            #expect(event.at == time(source.element["AbsoluteTime"] as? String ?? ""))
        }
    }

    /// A raw S3 transcript with what the sample lacks: an invited second agent, a hand-over,
    /// an agents-only message, typing, receipts, an attachment, and sub-millisecond times.
    static let raw = """
        {"Version":"2019-08-26","AWSAccountId":"1","InstanceId":"i","InitialContactId":"first","ContactId":" c-1 ",
         "Participants":[{"ParticipantId":"cust"},{"ParticipantId":"a1"},{"ParticipantId":"a2"},{"ParticipantId":"a3"}],
         "Transcript":[
          {"AbsoluteTime":"2024-01-01T10:00:00.1239Z","ContentType":"application/vnd.amazonaws.connect.event.participant.joined","Id":"i1","Type":"EVENT","ParticipantId":"cust","DisplayName":" Ann ","ParticipantRole":"CUSTOMER"},
          {"AbsoluteTime":"2024-01-01T10:00:01.000Z","ContentType":"application/vnd.amazonaws.connect.event.participant.joined","Id":"i2","Type":"EVENT","ParticipantId":" a1","ParticipantRole":"AGENT"},
          {"AbsoluteTime":"2024-01-01T10:00:02.000Z","ContentType":"application/vnd.amazonaws.connect.event.typing","Id":"i3","Type":"EVENT","ParticipantId":"cust","ParticipantRole":"CUSTOMER"},
          {"AbsoluteTime":"2024-01-01T10:00:03.000Z","Content":"  hi\\n there ","ContentType":"text/plain","Id":"i4","Type":"MESSAGE","ParticipantId":"cust","ParticipantRole":"CUSTOMER"},
          {"AbsoluteTime":"2024-01-01T10:00:04.000Z","ContentType":"application/vnd.amazonaws.connect.event.participant.invited","Id":"i5","Type":"EVENT","ParticipantId":"a2","ParticipantRole":"AGENT"},
          {"AbsoluteTime":"2024-01-01T10:00:05.000Z","Content":"note","ContentType":"text/markdown","Id":"i6","Type":"MESSAGE","ParticipantId":"a1","ParticipantRole":"AGENT","MessageVisibility":"AGENT"},
          {"AbsoluteTime":"2024-01-01T10:00:06.000Z","ContentType":"application/vnd.amazonaws.connect.event.participant.joined","Id":"i7","Type":"EVENT","ParticipantId":"a2","ParticipantRole":"AGENT"},
          {"AbsoluteTime":"2024-01-01T10:00:07.000Z","ContentType":"application/vnd.amazonaws.connect.event.message.read","Id":"i8","Type":"EVENT","ParticipantId":"cust","ParticipantRole":"CUSTOMER"},
          {"AbsoluteTime":"2024-01-01T10:00:08.000Z","ContentType":"application/vnd.amazonaws.connect.event.participant.left","Id":"i9","Type":"EVENT","ParticipantId":"a1","ParticipantRole":"AGENT"},
          {"AbsoluteTime":"2024-01-01T10:00:09.000Z","Id":"i10","Type":"ATTACHMENT","ParticipantId":"cust","ParticipantRole":"CUSTOMER","Attachments":[{"AttachmentName":"a.png"}]},
          {"AbsoluteTime":"2024-01-01T10:00:10.000Z","ContentType":"application/vnd.amazonaws.connect.event.transfer.succeeded","Id":"i11","Type":"EVENT","ParticipantId":"a2","ParticipantRole":"AGENT"},
          {"AbsoluteTime":"2024-01-01T10:00:10.000Z","ContentType":"application/vnd.amazonaws.connect.event.participant.left","Id":"i12","Type":"EVENT","ParticipantId":"a2","ParticipantRole":"AGENT"},
          {"AbsoluteTime":"2024-01-01T10:00:20.000Z","ContentType":"application/vnd.amazonaws.connect.event.participant.joined","Id":"i13","Type":"EVENT","ParticipantId":"a3","ParticipantRole":"CUSTOM_BOT"},
          {"AbsoluteTime":"2024-01-01T10:00:21.000Z","Content":"bye","ContentType":"text/plain","Id":"i14","Type":"MESSAGE","ParticipantId":"a3","ParticipantRole":"CUSTOM_BOT"},
          {"AbsoluteTime":"2024-01-01T10:00:22.000Z","ContentType":"application/vnd.amazonaws.connect.event.chat.ended","Id":"i15","Type":"EVENT"},
          {"AbsoluteTime":"2024-01-01T10:00:23.000Z","Id":"i16","Type":"CONNECTION_ACK","ParticipantId":"cust","ParticipantRole":"CUSTOMER"}
         ]}
        """

    @Test func aRawTranscriptWithAConferenceAndATransfer() throws {
        let result = try convert(Self.raw)
        let c = "connect:c-1"
        #expect(result.interaction == c)
        func at(_ second: Int) -> Int64 { time("2024-01-01T10:00:00Z") + Int64(second) * 1000 }
        #expect(result.events.map(\.event) == [
            Event(id: c + ":1", at: time("2024-01-01T10:00:00.123Z"), body: .chatStarted(interaction: c, contact: "connect:cust", contactName: "Ann")),
            Event(id: c + ":2", at: at(1), body: .partyJoined(interaction: c, agent: "connect:a1")),
            Event(id: c + ":4", at: at(3), body: .message(interaction: c, party: "connect:cust", text: "  hi\n there ", visibility: .all)),
            // The invitation is the request; the join accepts it.
            Event(id: c + ":5", at: at(4), body: .conferenceRequested(interaction: c, request: c + ":5", from: "connect:a1",
                                                                    target: Target(kind: .agent, id: "connect:a2"), mode: .instant, consultation: nil)),
            Event(id: c + ":6", at: at(5), body: .message(interaction: c, party: "connect:a1", text: "note", visibility: .agents)),
            Event(id: c + ":7", at: at(6), body: .accepted(kind: .conference, request: c + ":5", agent: "connect:a2")),
            Event(id: c + ":9", at: at(8), body: .partyLeft(interaction: c, party: "connect:a1", reason: .ended)),
            // a2 leaves alone and the bot joins later: a transfer.
            Event(id: c + ":12", at: at(10), body: .transferRequested(interaction: c, request: c + ":12", from: "connect:a2", target: Target(kind: .agent, id: "connect:a3"))),
            Event(id: c + ":13", at: at(20), body: .accepted(kind: .transfer, request: c + ":12", agent: "connect:a3")),
            Event(id: c + ":14", at: at(21), body: .message(interaction: c, party: "connect:a3", text: "bye", visibility: .all)),
            Event(id: c + ":15", at: at(22), body: .chatEnded(interaction: c)),
        ])
        var skipped = SkippedRecords()
        for kind in ["typing", "receipt", "attachment", "transfer.succeeded", "connection acknowledgement"] { skipped.add(kind) }
        #expect(result.skipped == skipped)
    }

    @Test func aSecondAgentWithoutAnInvitationJoinsThroughARequestAtTheJoin() throws {
        let text = Self.raw.replacingOccurrences(of: "participant.invited", with: "participant.idle")
        let events = try convert(text).events.map(\.event)
        let c = "connect:c-1"
        let joinAt = time("2024-01-01T10:00:06Z")
        #expect(events.contains(Event(id: c + ":7", at: joinAt, body: .conferenceRequested(
            interaction: c, request: c + ":7", from: "connect:a1", target: Target(kind: .agent, id: "connect:a2"), mode: .instant, consultation: nil))))
        #expect(events.contains(Event(id: c + ":7.1", at: joinAt, body: .accepted(kind: .conference, request: c + ":7", agent: "connect:a2"))))
    }

    @Test func wrongShapesAreRefusedNamingTheElementOrOffset() {
        #expect(throws: ConversionError(reason: "not an Amazon Connect transcript: no \"Transcript\" array", element: "top level")) {
            try convert(#"{"Participants":[]}"#)
        }
        #expect(throws: ConversionError(reason: "not an Amazon Connect transcript: the document is not a JSON object")) {
            try convert("[1]")
        }
        #expect(throws: ConversionError(reason: "no \"ContactId\" (top level or under \"CustomerMetadata\") names the contact", element: "top level")) {
            try convert(#"{"Transcript":[]}"#)
        }
        #expect(throws: ConversionError(reason: "\"AbsoluteTime\" must be a string, not a number", element: "Transcript[0]")) {
            try convert(#"{"ContactId":"c","Transcript":[{"Type":"MESSAGE","AbsoluteTime":5}]}"#)
        }
        #expect(throws: ConversionError(reason: "\"AbsoluteTime\" \"2024-01-01 10:00\" is not a UTC time like 2022-10-27T03:31:50.735Z", element: "Transcript[0]")) {
            try convert(#"{"ContactId":"c","Transcript":[{"Type":"MESSAGE","AbsoluteTime":"2024-01-01 10:00"}]}"#)
        }
        #expect(throws: ConversionError(reason: "an item must be an object", element: "Transcript[1]")) {
            try convert(#"{"ContactId":"c","Transcript":[{"Type":"X","AbsoluteTime":"2024-01-01T10:00:00Z"},"x"]}"#)
        }
        #expect(throws: ConversionError(reason: "malformed JSON: duplicate key \"ContactId\"", offset: 17)) {
            try convert(#"{"ContactId":"c","ContactId":"d","Transcript":[]}"#)
        }
        #expect(throws: ConversionError.self) { try convert(#"{"ContactId":"c","Transcript":["#) }
    }
}
