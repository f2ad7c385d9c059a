import InteractionDemo
import InteractionStore
import Testing
@testable import InteractionModel
@testable import EventLog

@Suite struct EventEncoderTests {
    static let awkward = "quote \" backslash \\ slash / NUL \u{0} bell \u{7} tab \t CRLF \r\n e\u{301} é 😀 \u{2028} \u{FEFF} \u{1F}"

    static let everyType: [Event] = [
        Event(id: "e1", at: 0, body: .agentState(agent: "a1", state: .notReady, channel: "chat", reason: "lunch")),
        Event(id: "e2", at: 1_700_000_000_123, body: .agentState(agent: "a1", state: .ready, channel: "email", reason: nil)),
        Event(id: "e3", at: 1, body: .chatStarted(interaction: "c1", contact: "k1", contactName: awkward)),
        Event(id: "e4", at: 2, body: .chatStarted(interaction: "c2", contact: "k2", contactName: nil)),
        Event(id: "e5", at: 3, body: .partyJoined(interaction: "c1", agent: "a1")),
        Event(id: "e6", at: 4, body: .message(interaction: "c1", party: "k1", text: awkward, visibility: .all)),
        Event(id: "e7", at: 5, body: .message(interaction: "c1", party: "a1", text: "", visibility: .agents)),
        Event(id: "e8", at: 6, body: .conferenceRequested(interaction: "c1", request: "r1", from: "a1", target: Target(kind: .queue, id: "q"), mode: .instant, consultation: nil)),
        Event(id: "e9", at: 7, body: .conferenceRequested(interaction: "c1", request: "r2", from: "a1", target: Target(kind: .agent, id: "a2"), mode: .consultation, consultation: "k9")),
        Event(id: "e10", at: 8, body: .consultationRequested(interaction: "k9", parent: "c1", request: "r3", from: "a1", target: Target(kind: .routingPoint, id: "rp"))),
        Event(id: "e11", at: 9, body: .transferRequested(interaction: "c1", request: "r4", from: "a1", target: Target(kind: .agent, id: "a3"))),
        Event(id: "e12", at: 10, body: .accepted(kind: .conference, request: "r1", agent: "a2")),
        Event(id: "e13", at: 11, body: .accepted(kind: .consultation, request: "r3", agent: "a2")),
        Event(id: "e14", at: 12, body: .accepted(kind: .transfer, request: "r4", agent: "a3")),
        Event(id: "e15", at: 13, body: .released(kind: .conference, request: "r1", reason: .declined)),
        Event(id: "e16", at: 14, body: .released(kind: .consultation, request: "r3", reason: .timeout)),
        Event(id: "e17", at: 15, body: .released(kind: .transfer, request: "r4", reason: .cancelled)),
        Event(id: "e18", at: 16, body: .partyRemoved(interaction: "c1", party: "a2", by: "a1")),
        Event(id: "e19", at: 17, body: .partyLeft(interaction: "c1", party: "a1", reason: .ended)),
        Event(id: "e20", at: 18, body: .partyLeft(interaction: "c1", party: "k1", reason: .disconnected)),
        Event(id: "e21", at: 19, body: .dispositionSet(interaction: "c1", agent: "a1", code: "resolved")),
        Event(id: "e22", at: 20, body: .chatEnded(interaction: "c1")),
        Event(id: "e23", at: 21, body: .dispositionDefined(code: "resolved", label: awkward)),
        Event(id: "e24", at: 22, body: .dispositionRetired(code: "resolved")),
        Event(id: "genesys:s:1.2 \u{0} é", at: 253_402_300_799_999, body: .chatEnded(interaction: "\u{1F600}")),
    ]

    @Test(arguments: everyType)
    func everyEventDecodesBackToItself(_ event: Event) throws {
        let line = EventEncoder.line(event)
        #expect(!line.contains("\n"))
        #expect(try EventDecoder.decode(line) == event)
        // Equal as the store compares events, too (the content hash's canonical form).
        #expect(try EventDecoder.decode(line).canonicalJSON == event.canonicalJSON)
    }

    @Test func theLineIsTheExpectedJSON() {
        #expect(EventEncoder.line(Event(id: "m1", at: 1_646_464_173_250, body: .message(interaction: "c", party: "k", text: "a\"b\u{0}\n", visibility: .all)))
                == #"{"id":"m1","type":"message","at":"2022-03-05T07:09:33.250Z","interaction":"c","party":"k","text":"a\"b\u0000\n","visibility":"all"}"#)
        #expect(EventEncoder.line(Event(id: "j", at: 0, body: .partyJoined(interaction: "c", agent: "a")))
                == #"{"id":"j","type":"party.joined","at":"1970-01-01T00:00:00.000Z","interaction":"c","party":{"kind":"agent","id":"a"},"role":"owner"}"#)
        #expect(EventEncoder.line(Event(id: "s", at: 0, body: .chatStarted(interaction: "c", contact: "k", contactName: nil)))
                == #"{"id":"s","type":"chat.started","at":"1970-01-01T00:00:00.000Z","interaction":"c","contact":{"id":"k"}}"#)
    }

    private func omitting(_ event: Event) -> String {
        var bytes: [UInt8] = []
        EventEncoder.append(event, to: &bytes, defaults: .omitted)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: everyType)
    func everyEventDecodesBackToItselfWithTheDefaultsLeftOut(_ event: Event) throws {
        let line = omitting(event)
        #expect(try EventDecoder.decode(line) == event)
        #expect(!line.contains(#""channel":"chat""#) && !line.contains(#""visibility":"all""#))
    }

    @Test func leavingDefaultsOutDropsOnlyADefaultChannelAndVisibility() {
        #expect(omitting(Event(id: "a", at: 0, body: .agentState(agent: "a1", state: .notReady, channel: "chat", reason: "lunch")))
                == #"{"id":"a","type":"agent.state","at":"1970-01-01T00:00:00.000Z","agent":"a1","state":"not_ready","reason":"lunch"}"#)
        #expect(omitting(Event(id: "b", at: 0, body: .agentState(agent: "a1", state: .ready, channel: "email", reason: nil)))
                == #"{"id":"b","type":"agent.state","at":"1970-01-01T00:00:00.000Z","agent":"a1","state":"ready","channel":"email"}"#)
        #expect(omitting(Event(id: "m", at: 0, body: .message(interaction: "c", party: "k", text: "t", visibility: .all)))
                == #"{"id":"m","type":"message","at":"1970-01-01T00:00:00.000Z","interaction":"c","party":"k","text":"t"}"#)
        #expect(omitting(Event(id: "n", at: 0, body: .message(interaction: "c", party: "k", text: "t", visibility: .agents)))
                == #"{"id":"n","type":"message","at":"1970-01-01T00:00:00.000Z","interaction":"c","party":"k","text":"t","visibility":"agents"}"#)
        // `mode` stays, even at its default.
        let request = Event(id: "r", at: 0, body: .conferenceRequested(interaction: "c", request: "r1", from: "a1", target: Target(kind: .queue, id: "q"), mode: .instant, consultation: nil))
        #expect(omitting(request) == EventEncoder.line(request))
        #expect(omitting(request).hasSuffix(#","mode":"instant"}"#))
    }

    @Test func theDemoLogSurvivesTheRoundTrip() throws {
        var count = 0
        for event in DemoGenerator(interactions: 40, seed: 5) {
            #expect(try EventDecoder.decode(EventEncoder.line(event)) == event)
            count += 1
        }
        #expect(count > 500)
    }

    /// The encoder's strings take the escaper's contiguous path; any other sequence of bytes
    /// takes the byte-at-a-time one: both write the same literal.
    @Test func theEscaperWritesTheSameBytesWhateverTheInput() {
        var contiguous: [UInt8] = [], bytewise: [UInt8] = []
        JSONWriter.appendQuoted(Self.awkward.utf8, to: &contiguous)
        JSONWriter.appendQuoted(Self.awkward.utf8.lazy.map { $0 }, to: &bytewise)  // no contiguous storage
        var fromString: [UInt8] = []
        JSONWriter.appendQuoted(Self.awkward, to: &fromString)
        #expect(contiguous == bytewise && fromString == bytewise)
        #expect(JSONWriter.quote("a\"b\\c\u{0}\u{1F}\n\r\té") == #""a\"b\\c\u0000\u001f\n\r\té""#)
        #expect(JSONWriter.quote("\"") == #""\"""#)
        #expect(JSONWriter.quote("") == "\"\"")
        #expect(JSONWriter.quote("plain") == #""plain""#)
    }

    @Test func appendAddsToWhatIsThere() {
        var bytes = Array("x".utf8)
        EventEncoder.append(Event(id: "e", at: 0, body: .chatEnded(interaction: "c")), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"x{"id":"e","type":"chat.ended","at":"1970-01-01T00:00:00.000Z","interaction":"c"}"#)
    }
}
