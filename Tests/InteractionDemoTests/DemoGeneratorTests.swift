import Foundation
import Testing

import InteractionDemo
import InteractionStore

/// The demo log is what a new user imports first, so it must be reproducible and valid.
/// These tests check the properties a store depends on without needing a database.
@Suite struct DemoGeneratorTests {
    /// Small enough to stay fast in a debug build, large enough to span every workflow.
    private static let size = 200

    private func lines(_ interactions: Int = size, seed: UInt64) -> [String] {
        DemoGenerator(interactions: interactions, seed: seed).map(EventEncoder.line)
    }

    private func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { line in
            let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(value as? [String: Any], "not a JSON object: \(line)")
        }
    }

    @Test func sameArgumentsGiveIdenticalOutput() {
        let first = lines(seed: 7)
        #expect(!first.isEmpty)
        #expect(first == lines(seed: 7))
    }

    @Test func differentSeedsShareNoIDs() throws {
        func ids(_ seed: UInt64) throws -> Set<String> {
            var ids = Set<String>()
            for event in try objects(lines(seed: seed)) {
                for key in ["id", "interaction", "request", "agent", "party", "from", "by"] {
                    if let value = event[key] as? String { ids.insert(value) }
                }
                if let contact = event["contact"] as? [String: Any], let id = contact["id"] as? String {
                    ids.insert(id)
                }
            }
            return ids
        }
        let a = try ids(1)
        let b = try ids(2)
        #expect(a.count > Self.size)
        #expect(a.isDisjoint(with: b))
    }

    @Test func logStartsWithTheDispositionCatalog() throws {
        let events = try objects(lines(seed: 3))
        let types = events.map { $0["type"] as? String ?? "" }
        let catalogEnd = types.firstIndex { $0 != "disposition.defined" } ?? types.count
        #expect(catalogEnd > 0)
        #expect(!types[catalogEnd...].contains("disposition.defined"))
        let defined = Set(events[..<catalogEnd].compactMap { $0["code"] as? String })
        let used = Set(events.filter { $0["type"] as? String == "disposition.set" }.compactMap { $0["code"] as? String })
        #expect(!used.isEmpty)
        #expect(used.isSubset(of: defined))
        // Labels do not depend on the seed, so importing two seeds into one store is fine.
        let otherSeed = try objects(lines(seed: 4)).prefix(catalogEnd)
        #expect(otherSeed.map { $0["label"] as? String } == events[..<catalogEnd].map { $0["label"] as? String })
    }

    @Test func everyLineIsOneJSONObjectWithIDTypeAndTime() throws {
        let raw = lines(seed: 5)
        #expect(raw.allSatisfy { !$0.contains("\n") })
        let events = try objects(raw)
        // YYYY-MM-DDTHH:MM:SS.sssZ: digits everywhere but the fixed separators.
        let separators: [Int: Character] = [4: "-", 7: "-", 10: "T", 13: ":", 16: ":", 19: ".", 23: "Z"]
        func wellFormed(_ at: String) -> Bool {
            let characters = Array(at)
            guard characters.count == 24 else { return false }
            return characters.indices.allSatisfy { index in
                if let separator = separators[index] { return characters[index] == separator }
                return characters[index].isASCII && characters[index].isNumber
            }
        }
        var ids = Set<String>()
        for event in events {
            let id = try #require(event["id"] as? String)
            #expect(ids.insert(id).inserted, "duplicate id \(id)")
            #expect(event["type"] is String)
            let at = try #require(event["at"] as? String)
            #expect(wellFormed(at), "bad time \(at)")
        }
    }

    @Test func timesNeverDecreasePerInteractionOrAgent() throws {
        // Fixed-width UTC timestamps order correctly as strings.
        var latest: [String: String] = [:]
        var requestHome: [String: [String]] = [:]
        var violations: [String] = []
        for event in try objects(lines(seed: 6)) {
            let at = event["at"] as? String ?? ""
            var owners: [String] = []
            let type = event["type"] as? String ?? ""
            if type == "agent.state", let agent = event["agent"] as? String {
                owners = ["agent:" + agent]
            } else if let interaction = event["interaction"] as? String {
                owners = [interaction]
                if let parent = event["parent"] as? String { owners.append(parent) }
                if let consultation = event["consultation"] as? String { owners.append(consultation) }
                if let request = event["request"] as? String { requestHome[request] = owners }
            } else if let request = event["request"] as? String {
                owners = requestHome[request] ?? []
            }
            for owner in owners {
                if let previous = latest[owner], previous > at { violations.append("\(owner) at \(at)") }
                latest[owner] = at
            }
        }
        #expect(violations.isEmpty, "\(violations.prefix(5))")
    }

    @Test func everyChatEnds() throws {
        // A chat ends by chat.ended or when its last agent leaves (left, removed or
        // transferred away).
        var connected: [String: Set<String>] = [:]
        var ended = Set<String>()
        var requests: [String: (interaction: String, kind: String, from: String)] = [:]
        for event in try objects(lines(seed: 8)) {
            let type = event["type"] as? String ?? ""
            let interaction = event["interaction"] as? String ?? ""
            switch type {
            case "chat.started":
                connected[interaction] = []
            case "party.joined":
                let party = try #require(event["party"] as? [String: Any])
                connected[interaction, default: []].insert(party["id"] as? String ?? "")
            case "conference.requested", "transfer.requested":
                let request = try #require(event["request"] as? String)
                requests[request] = (interaction, type, event["from"] as? String ?? "")
            case "conference.accepted", "transfer.accepted":
                let request = try #require(requests[event["request"] as? String ?? ""])
                connected[request.interaction, default: []].insert(event["agent"] as? String ?? "")
                if request.kind == "transfer.requested" {
                    connected[request.interaction]?.remove(request.from)
                }
            case "party.left", "party.removed":
                guard connected[interaction] != nil, !ended.contains(interaction) else { break }
                let party = event["party"] as? String ?? ""
                if connected[interaction]?.remove(party) != nil, connected[interaction]?.isEmpty == true {
                    ended.insert(interaction)
                }
            case "chat.ended":
                if connected[interaction] != nil { ended.insert(interaction) }
            default:
                break
            }
        }
        #expect(connected.count == Self.size)
        let open = Set(connected.keys).subtracting(ended)
        #expect(open.isEmpty, "chats that never end: \(open.sorted().prefix(5))")
    }

    @Test func coversEveryWorkflow() throws {
        let events = try objects(lines(1_000, seed: 9))
        var seen = Set<String>()
        for event in events {
            let type = event["type"] as? String ?? ""
            seen.insert(type)
            if let reason = event["reason"] as? String { seen.insert(type + ":" + reason) }
            if let visibility = event["visibility"] as? String { seen.insert("visibility:" + visibility) }
            if let mode = event["mode"] as? String { seen.insert("mode:" + mode) }
            if let target = event["target"] as? [String: Any], let kind = target["kind"] as? String {
                seen.insert("target:" + kind)
            }
            if let state = event["state"] as? String { seen.insert("state:" + state) }
        }
        let expected = [
            "chat.started", "party.joined", "message", "visibility:agents", "party.left:disconnected",
            "conference.requested", "conference.accepted", "conference.released:declined",
            "conference.released:timeout", "mode:consultation", "target:agent", "target:queue",
            "target:routing_point", "consultation.requested", "consultation.accepted",
            "consultation.released", "transfer.requested", "transfer.accepted", "transfer.released",
            "party.removed", "disposition.set", "chat.ended", "state:logged_in", "state:ready",
            "state:not_ready", "state:after_call_work", "state:logged_out",
        ]
        #expect(Set(expected).subtracting(seen).isEmpty, "missing: \(Set(expected).subtracting(seen).sorted())")
        // Roughly 50 events per chat, so sizes given in events translate to chats.
        #expect(events.count > 40_000 && events.count < 60_000)
    }

    @Test func zeroInteractionsGiveOnlyTheCatalog() throws {
        let events = try objects(lines(0, seed: 1))
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0["type"] as? String == "disposition.defined" })
    }
}
