import Foundation
import InteractionStore
@testable import InteractionModel

/// An encoder of the Genesys Engage transcript format, for tests: turns the demo's chats (its
/// event log) into `chatTranscript` documents as Genesys UCS would store them, with only what
/// that format records — parties joining and leaving, messages, the forced close — so the
/// importer has to infer the conferences and transfers again.
struct GenesysTranscriptWriter {
    /// One chat being written.
    fileprivate struct Chat {
        var session: String
        var startAt: Int64
        var contact: String
        var body = ""
        var nextEventId = 2
        var connectedAgents: [String] = []
    }

    private var chats: [String: Chat] = [:]
    /// Request id → the chat it was made in (conference and transfer requests only).
    private var requests: [String: (chat: String, from: String)] = [:]

    /// Feeds one event of the demo log; returns a finished transcript when a chat ends.
    mutating func take(_ event: Event) -> (session: String, xml: String)? {
        switch event.body {
        case let .chatStarted(interaction, contact, name):
            let start = event.at / 1000 * 1000  // Genesys times are whole seconds
            var chat = Chat(session: interaction, startAt: start, contact: contact)
            chat.body += "<newParty userId=\"\(Self.escape(contact))\" timeShift=\"0\" visibility=\"ALL\" eventId=\"1\">\n"
            chat.body += "<userInfo personId=\"\" userNick=\"\(Self.escape(name ?? ""))\" userType=\"CLIENT\" protocolType=\"FLEX\" timeZoneOffset=\"0\" />\n"
            chat.body += "<userData>\n<item key=\"MediaType\" type=\"string\">chat</item>\n</userData>\n</newParty>\n"
            chats[interaction] = chat
        case let .partyJoined(interaction, agent):
            join(interaction, agent, at: event.at)
        case let .message(interaction, party, text, visibility):
            guard var chat = chats[interaction] else { return nil }
            let id = chat.nextEvent()
            chat.body += "<message userId=\"\(Self.escape(party))\" timeShift=\"\(chat.shift(event.at))\" visibility=\"\(visibility == .all ? "ALL" : "INT")\" eventId=\"\(id)\">\n"
            chat.body += "<msgText>\(Self.escape(text))</msgText>\n</message>\n"
            chats[interaction] = chat
        case let .conferenceRequested(interaction, request, from, _, _, _), let .transferRequested(interaction, request, from, _):
            requests[request] = (interaction, from)
        case let .accepted(kind, request, agent) where kind != .consultation:
            guard let made = requests[request] else { return nil }
            if kind == .transfer { leave(made.chat, made.from, at: event.at, code: nil, asker: made.from, mayEnd: false) }
            join(made.chat, agent, at: event.at)
        case let .partyLeft(interaction, party, reason):
            return leave(interaction, party, at: event.at, code: reason == .disconnected ? "3" : nil, asker: party)
        case let .partyRemoved(interaction, party, by):
            return leave(interaction, party, at: event.at, code: "4", asker: by)
        case let .chatEnded(interaction):
            guard var chat = chats[interaction] else { return nil }
            if let agent = chat.connectedAgents.first {
                let id = chat.nextEvent()
                chat.body += "<partyLeft userId=\"\(Self.escape(agent))\" timeShift=\"\(chat.shift(event.at))\" visibility=\"ALL\" eventId=\"\(id)\" askerId=\"\(Self.escape(agent))\">\n"
                chat.body += "<reason code=\"2\">left with request to close forcedly</reason>\n</partyLeft>\n"
            }
            chats[interaction] = nil
            return (chat.session, chat.document())
        default:
            break
        }
        return nil
    }

    private mutating func join(_ interaction: String, _ agent: String, at: Int64) {
        guard var chat = chats[interaction] else { return }
        let id = chat.nextEvent()
        chat.body += "<newParty userId=\"\(Self.escape(agent))\" timeShift=\"\(chat.shift(at))\" visibility=\"ALL\" eventId=\"\(id)\">\n"
        chat.body += "<userInfo personId=\"\(Self.escape(agent))\" userNick=\"\(Self.escape(agent))\" userType=\"AGENT\" protocolType=\"BASIC\" timeZoneOffset=\"0\" />\n</newParty>\n"
        chat.connectedAgents.append(agent)
        chats[interaction] = chat
    }

    /// Writes a leave; when it was the last agent, the chat is over and its document returned.
    @discardableResult
    private mutating func leave(_ interaction: String, _ party: String, at: Int64, code: String?, asker: String, mayEnd: Bool = true) -> (session: String, xml: String)? {
        guard var chat = chats[interaction] else { return nil }
        let id = chat.nextEvent()
        chat.body += "<partyLeft userId=\"\(Self.escape(party))\" timeShift=\"\(chat.shift(at))\" visibility=\"ALL\" eventId=\"\(id)\" askerId=\"\(Self.escape(asker))\">\n"
        chat.body += code.map { "<reason code=\"\($0)\">left</reason>\n" } ?? "<reason>left</reason>\n"
        chat.body += "</partyLeft>\n"
        let wasAgent = chat.connectedAgents.contains(party)
        chat.connectedAgents.removeAll { $0 == party }
        if mayEnd, wasAgent, chat.connectedAgents.isEmpty {
            chats[interaction] = nil  // the last agent left: the chat is over
            return (chat.session, chat.document())
        }
        chats[interaction] = chat
        return nil
    }

    /// What XML attribute values spell as character references here (newlines and tabs too, so
    /// that an attribute keeps them).
    private static let references: [Unicode.Scalar: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;",
    ]

    static func escape(_ text: String) -> String {
        text.unicodeScalars.reduce(into: "") { out, scalar in
            if let reference = references[scalar] { out += reference } else { out.unicodeScalars.append(scalar) }
        }
    }
}

extension GenesysTranscriptWriter.Chat {
    fileprivate mutating func nextEvent() -> Int {
        defer { nextEventId += 1 }
        return nextEventId
    }

    fileprivate func shift(_ at: Int64) -> Int64 { max(0, (at - startAt) / 1000) }

    fileprivate func document() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<chatTranscript startAt=\"\(Timestamp.format(startAt).replacingOccurrences(of: ".000Z", with: "Z"))\" sessionId=\"\(GenesysTranscriptWriter.escape(session))\">\n"
            + body + "</chatTranscript>\n"
    }
}
