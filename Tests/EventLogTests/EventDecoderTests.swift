import Testing
@testable import EventLog
@testable import InteractionStore
@testable import InteractionModel

/// Shape rules of SPEC section 2 enforced while decoding (before any rule sees the event).
@Suite struct EventDecoderTests {
    private func reason(_ line: String) -> String? {
        do {
            _ = try EventDecoder.decode(line)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func defaultsAreAppliedAndTimesTruncatedToMilliseconds() throws {
        let event = try EventDecoder.decode(#"{"id":"m","type":"message","at":"2026-03-02T09:00:00.123999Z","interaction":"c","party":"p","text":"a\u0000b"}"#)
        #expect(event.at == 1_772_442_000_123)
        #expect(event.body == .message(interaction: "c", party: "p", text: "a\u{0}b", visibility: .all))
        let state = try EventDecoder.decode(#"{"id":"s","type":"agent.state","at":"2026-03-02T09:00:00Z","agent":"a","state":"ready","reason":null}"#)
        #expect(state.body == .agentState(agent: "a", state: .ready, channel: "chat", reason: nil))
    }

    @Test(arguments: [
        (#"{"id":"x","type":"nope","at":"2026-03-02T09:00:00Z"}"#, "event x: unknown type \"nope\""),
        (#"{"id":"x","type":"chat.ended","at":"2026-03-02T09:00:00Z","interaction":"c","extra":1}"#, "event x: unknown key \"extra\""),
        (#"{"id":"x","type":"agent.state","at":"2026-03-02T09:00:00Z","agent":"a","state":"asleep"}"#, "event x: unknown value \"asleep\" for field \"state\""),
        (#"{"id":"x","type":"chat.ended","at":"2026-03-02T09:00:00Z","interaction":5}"#, "event x: field \"interaction\" must be a string, not a number"),
        (#"{"id":"x","type":"chat.ended","at":"2026-03-02T09:00:00Z"}"#, "event x: missing field \"interaction\""),
        (#"{"id":"x","type":"chat.ended","at":"2026-03-02T09:00:00Z","interaction":null}"#, "event x: missing field \"interaction\""),
        (#"{"id":"x","type":"chat.ended","at":"2026-02-30T09:00:00Z","interaction":"c"}"#, "event x: invalid time"),
        (#"{"id":"x","type":"chat.ended","at":"2026-03-02t09:00:00z","interaction":"c"}"#, "event x: invalid time"),
        (#"{"id":"x","type":"chat.ended","at":1772442000,"interaction":"c"}"#, "event x: field \"at\" must be a string"),
        (#"{"id":"x","type":"chat.started","at":"2026-03-02T09:00:00Z","interaction":"c","contact":{"id":"k","phone":"1"}}"#, "event x: unknown key \"contact.phone\""),
        (#"{"id":"x","type":"party.joined","at":"2026-03-02T09:00:00Z","interaction":"c","party":{"kind":"agent","id":"a"},"role":"guest"}"#, "event x: party.joined needs role \"owner\""),
        (#"{"id":"x","type":"conference.requested","at":"2026-03-02T09:00:00Z","interaction":"c","request":"r","from":"a","target":{"kind":"team","id":"t"}}"#, "event x: unknown value \"team\" for field \"target.kind\""),
        (#"{"id":"x","type":"conference.requested","at":"2026-03-02T09:00:00Z","interaction":"c","request":"r","from":"a","target":{"kind":"agent","id":"t"},"mode":"consultation"}"#, "event x: missing field \"consultation\""),
        (#"{"id":"x","type":"party.left","at":"2026-03-02T09:00:00Z","interaction":"c","party":"p","reason":"removed"}"#, "event x: unknown value \"removed\" for field \"reason\""),
        (#"[1,2]"#, "malformed event: a line must hold one JSON object"),
        (#"{"type":"chat.ended"}"#, "missing field \"id\""),
    ])
    func malformedEventsAreRejectedWithTheFieldNamed(_ line: String, _ expected: String) {
        let message = reason(line)
        #expect(message?.hasPrefix(expected) == true, "got \(message ?? "accepted")")
    }

    @Test func textOver64KiBIsRejectedAndExactly64KiBAccepted() {
        let limit = String(repeating: "é", count: 32_768)  // 65,536 bytes
        #expect(reason(#"{"id":"x","type":"message","at":"2026-03-02T09:00:00Z","interaction":"c","party":"p","text":"\#(limit)"}"#) == nil)
        let over = reason(#"{"id":"x","type":"message","at":"2026-03-02T09:00:00Z","interaction":"c","party":"p","text":"\#(limit)a"}"#)
        #expect(over?.contains("over the 65,536-byte") == true)
    }

    @Test func canonicalFormIgnoresKeyOrderAndDefaults() throws {
        let a = try EventDecoder.decode(#"{"id":"m","type":"message","at":"2026-03-02T09:00:00Z","interaction":"c","party":"p","text":"t"}"#)
        let b = try EventDecoder.decode(#"{"text":"t","visibility":"all","party":"p","interaction":"c","at":"2026-03-02T09:00:00.000Z","type":"message","id":"m"}"#)
        #expect(EventApplier.contentHash(a) == EventApplier.contentHash(b))
    }

    // MARK: null counts as missing

    @Test(arguments: [
        (#"{"id":"x","type":"chat.ended","at":"2026-03-02T09:00:00Z","interaction":"c","foo":null}"#,
         #"{"id":"x","type":"chat.ended","at":"2026-03-02T09:00:00Z","interaction":"c"}"#),
        (#"{"id":"x","type":"chat.started","at":"2026-03-02T09:00:00Z","interaction":"c","contact":{"id":"k","name":null,"email":null}}"#,
         #"{"id":"x","type":"chat.started","at":"2026-03-02T09:00:00Z","interaction":"c","contact":{"id":"k"}}"#),
        (#"{"id":"x","type":"party.joined","at":"2026-03-02T09:00:00Z","interaction":"c","party":{"kind":"agent","id":"a","team":null},"role":"owner"}"#,
         #"{"id":"x","type":"party.joined","at":"2026-03-02T09:00:00Z","interaction":"c","party":{"kind":"agent","id":"a"},"role":"owner"}"#),
        (#"{"id":"x","type":"conference.requested","at":"2026-03-02T09:00:00Z","interaction":"c","request":"r","from":"a","target":{"kind":"queue","id":"q","label":null},"mode":null,"consultation":null,"priority":null}"#,
         #"{"id":"x","type":"conference.requested","at":"2026-03-02T09:00:00Z","interaction":"c","request":"r","from":"a","target":{"kind":"queue","id":"q"}}"#),
        (#"{"id":"x","type":"message","at":"2026-03-02T09:00:00Z","interaction":"c","party":"p","text":"t","visibility":null,"colour":null}"#,
         #"{"id":"x","type":"message","at":"2026-03-02T09:00:00Z","interaction":"c","party":"p","text":"t"}"#),
    ])
    func aNullValuedKeyIsAbsentEvenWhenUnknown(_ withNulls: String, _ without: String) throws {
        let a = try EventDecoder.decode(withNulls)
        let b = try EventDecoder.decode(without)
        #expect(a == b)
        #expect(a.canonicalJSON == b.canonicalJSON)
        #expect(EventApplier.contentHash(a) == EventApplier.contentHash(b))
    }

    @Test func anUnknownKeyWithAValueIsStillRejected() {
        #expect(reason(#"{"id":"x","type":"chat.ended","at":"2026-03-02T09:00:00Z","interaction":"c","foo":false}"#) == "event x: unknown key \"foo\"")
        #expect(reason(#"{"id":"x","type":"chat.started","at":"2026-03-02T09:00:00Z","interaction":"c","contact":{"id":"k","email":{}}}"#) == "event x: unknown key \"contact.email\"")
    }

    // MARK: Malformed JSON names the id read before the fault

    @Test(arguments: [
        (#"{"id":"m1","type":"message","text":"a","text":"b"}"#, "event m1: malformed JSON: duplicate key \"text\""),
        (#"{"id":"m1","type":"message","text":"x\ud800y"}"#, "event m1: malformed JSON: lone surrogate escape \\ud800"),
        (#"{"id":"m1","type":"message","text":"a\qb"}"#, "event m1: malformed JSON: invalid escape \\q"),
        (#"{"id":"m1","type":"message","text":"a"} {}"#, "event m1: malformed JSON: unexpected data after the JSON value"),
        (#"{"id":"m1","type":"message","text":"a""#, "event m1: malformed JSON: unexpected end of input"),
        (#"{"id":"m1","id":"m2"}"#, "event m1: malformed JSON: duplicate key \"id\""),
        // The fault comes first, or the id is not the top-level object's string: no id.
        (#"{"type":"message","text":"a","text":"b","id":"m1"}"#, "malformed JSON: duplicate key \"text\""),
        (#"{"text":"\ud800","id":"m1"}"#, "malformed JSON: lone surrogate escape"),
        (#"{"id":"a\qb","type":"message"}"#, "malformed JSON: invalid escape"),
        (#"{"contact":{"id":"k"},"text":"a\qb","id":"m1"}"#, "malformed JSON: invalid escape"),
        (#"{"x":{"id":"k","id":"j"}}"#, "malformed JSON: duplicate key \"id\""),
        (#"{"id":5,"text":"a\qb"}"#, "malformed JSON: invalid escape"),
        (#"{"id":null,"text":"a\qb"}"#, "malformed JSON: invalid escape"),
        (#"{"id":"","text":"a\qb"}"#, "malformed JSON: invalid escape"),
        (#"[{"id":"m1"},"\q"]"#, "malformed JSON: invalid escape"),
    ])
    func malformedJSONNamesTheTopLevelIdWhenItWasReadFirst(_ line: String, _ expected: String) {
        let message = reason(line)
        #expect(message?.hasPrefix(expected) == true, "got \(message ?? "accepted")")
    }

    @Test func aLongIdBeforeTheFaultIsShortenedInTheRejection() throws {
        let id = String(repeating: "i", count: 100_000)
        let error = try #require(throws: EventDecodingError.self) {
            try EventDecoder.decode(#"{"id":"\#(id)","type":"message","text":"a","text":"b"}"#)
        }
        #expect(error.eventId == id)
        let line = RejectedLine(line: 3, eventId: error.eventId, reason: error.reason).description
        #expect(line.hasPrefix("line 3: event \(String(repeating: "i", count: 80))… (100000 bytes): malformed JSON: duplicate key \"text\" at byte "), "\(line.prefix(300))")
        #expect(line.utf8.count < 200)
    }
}
