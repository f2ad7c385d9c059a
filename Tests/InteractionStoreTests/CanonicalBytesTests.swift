import Crypto
import Foundation
import Testing
import InteractionDemo
@testable import InteractionStore
@testable import InteractionModel
@testable import EventLog

/// The content hash is stored for every event, so its input must never change: the
/// hand-ordered `canonicalBytes` must equal the layout built from the sorted `canonicalFields`.
@Suite struct CanonicalBytesTests {
    /// The layout as first defined: each sorted field's key, a tag, the value, length-prefixed.
    private func reference(_ event: Event) -> [UInt8] {
        var bytes: [UInt8] = []
        func feed(_ text: String) {
            withUnsafeBytes(of: UInt64(text.utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: text.utf8)
        }
        for (key, value) in event.canonicalFields {
            feed(key)
            switch value {
            case .text(let text): bytes.append(1); feed(text)
            case .integer(let number): bytes.append(2); feed(String(number))
            default: bytes.append(0)
            }
        }
        return bytes
    }

    @Test func everyTypeWithAndWithoutOptionalFields() throws {
        let target = Target(kind: .queue, id: "q é")
        let bodies: [Event.Body] = [
            .agentState(agent: "a1", state: .notReady, channel: "chat", reason: "lunch"),
            .agentState(agent: "a1", state: .ready, channel: "email", reason: nil),
            .chatStarted(interaction: "c1", contact: "cu", contactName: "Dana"),
            .chatStarted(interaction: "c1", contact: "cu", contactName: nil),
            .partyJoined(interaction: "c1", agent: "a1"),
            .message(interaction: "c1", party: "a1", text: "hi \u{0} ü", visibility: .agents),
            .conferenceRequested(interaction: "c1", request: "r1", from: "a1", target: target, mode: .consultation, consultation: "k1"),
            .conferenceRequested(interaction: "c1", request: "r1", from: "a1", target: target, mode: .instant, consultation: nil),
            .consultationRequested(interaction: "k1", parent: "c1", request: "r2", from: "a1", target: target),
            .transferRequested(interaction: "c1", request: "r3", from: "a1", target: target),
            .accepted(kind: .conference, request: "r1", agent: "a2"),
            .accepted(kind: .transfer, request: "r3", agent: "a2"),
            .released(kind: .consultation, request: "r2", reason: .timeout),
            .partyRemoved(interaction: "c1", party: "a2", by: "a1"),
            .partyLeft(interaction: "c1", party: "a1", reason: .disconnected),
            .dispositionSet(interaction: "c1", agent: "a1", code: "OK"),
            .chatEnded(interaction: "c1"),
            .dispositionDefined(code: "OK", label: "Fine"),
            .dispositionRetired(code: "OK"),
        ]
        for body in bodies {
            let event = Event(id: "e-1", at: 1_772_442_000_123, body: body)
            #expect(event.canonicalBytes == reference(event), "\(event.type)")
        }
    }

    @Test func everyEventOfADemoLog() throws {
        var checked = 0
        for event in DemoGenerator(interactions: 60, seed: 11) {
            #expect(event.canonicalBytes == reference(event), "\(EventEncoder.line(event))")
            checked += 1
        }
        #expect(checked > 1_000)
    }

    /// A hash computed by the first release for one event: a layout change would break every
    /// re-import of an already stored log.
    @Test func theStoredHashOfAKnownEventIsUnchanged() throws {
        let line = #"{"id":"m1","type":"message","at":"2026-03-02T09:00:12.000Z","interaction":"c1","party":"cust","text":"hello"}"#
        let hash = EventApplier.contentHash(try EventDecoder.decode(line))
        #expect(hash == Array(SHA256.hash(data: reference(try EventDecoder.decode(line)))))
        #expect(hash.hexString == "f0d0b22777d494d02fdbb8bd8337ab3e8c87e47dc153c6697bf6d88a54651ada")  // from the first release's binary
    }

    /// The timeline's chain hashes as the first release wrote them for the same two events.
    @Test func theChainHashesOfKnownEntriesAreUnchanged() throws {
        let joined = TimelineEntry(interaction: "c1", seq: 1, time: 1_772_442_010_000, kind: .joined, party: "cust")
        let first = HashChain.link(previous: HashChain.genesis, entry: joined)
        #expect(first.hexString == "0156f524db941bed8cc0e5b0267046afb24e635d758e650097174fe970a48578")
        let message = TimelineEntry(interaction: "c1", seq: 2, time: 1_772_442_012_000, kind: .message, party: "cust", text: "hello")
        #expect(HashChain.link(previous: first, entry: message).hexString == "6101a2784eb25da8f0d80517df6dde67ca8c62109b4c7c09693825ea8e5a6a55")
    }
}
