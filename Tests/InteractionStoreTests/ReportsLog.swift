import Foundation
@testable import InteractionStore
@testable import InteractionModel
@testable import EventLog

/// Builds the hand-written event logs of the report tests, one event per call, with ids
/// `e1, e2, …` in call order, every time on 2026-03-02 written as "HH:MM:SS" or "HH:MM:SS.sss".
struct ReportsLog {
    private(set) var lines: [String] = []

    /// Milliseconds of a time on the test day.
    static func ms(_ clock: String) -> Int64 {
        guard let value = Timestamp.parse(text(clock)) else { preconditionFailure("bad test time \(clock)") }
        return value
    }

    /// The event-format text of a time on the test day.
    static func text(_ clock: String) -> String { "2026-03-02T\(clock)\(clock.contains(".") ? "" : ".000")Z" }

    /// Appends one event; `fields` is the JSON of the fields besides id, type and at.
    mutating func add(_ type: String, _ clock: String, _ fields: String) {
        lines.append(#"{"id":"e\#(lines.count + 1)","type":"\#(type)","at":"\#(Self.text(clock))",\#(fields)}"#)
    }

    mutating func state(_ agent: String, _ state: String, at clock: String, reason: String? = nil, channel: String? = nil) {
        var fields = #""agent":"\#(agent)","state":"\#(state)""#
        if let reason { fields += #","reason":"\#(reason)""# }
        if let channel { fields += #","channel":"\#(channel)""# }
        add("agent.state", clock, fields)
    }

    mutating func chat(_ chat: String, at clock: String) {
        add("chat.started", clock, #""interaction":"\#(chat)","contact":{"id":"cust-\#(chat)"}"#)
    }

    mutating func owner(_ agent: String, joins chat: String, at clock: String) {
        add("party.joined", clock, #""interaction":"\#(chat)","party":{"kind":"agent","id":"\#(agent)"},"role":"owner""#)
    }

    mutating func conference(_ request: String, in chat: String, from agent: String, to target: String, kind: String = "agent",
                             consultation: String? = nil, at clock: String) {
        var fields = #""interaction":"\#(chat)","request":"\#(request)","from":"\#(agent)","target":{"kind":"\#(kind)","id":"\#(target)"}"#
        if let consultation { fields += #","mode":"consultation","consultation":"\#(consultation)""# }
        add("conference.requested", clock, fields)
    }

    mutating func consultation(_ consultation: String, of parent: String, request: String, from agent: String, to target: String, at clock: String) {
        add("consultation.requested", clock,
            #""interaction":"\#(consultation)","parent":"\#(parent)","request":"\#(request)","from":"\#(agent)","target":{"kind":"agent","id":"\#(target)"}"#)
    }

    mutating func transfer(_ request: String, in chat: String, from agent: String, to target: String, at clock: String) {
        add("transfer.requested", clock,
            #""interaction":"\#(chat)","request":"\#(request)","from":"\#(agent)","target":{"kind":"agent","id":"\#(target)"}"#)
    }

    /// `KIND.accepted`, KIND being conference, consultation or transfer.
    mutating func accept(_ request: String, by agent: String, at clock: String, kind: String = "conference") {
        add("\(kind).accepted", clock, #""request":"\#(request)","agent":"\#(agent)""#)
    }

    mutating func release(_ request: String, _ reason: String, at clock: String, kind: String = "conference") {
        add("\(kind).released", clock, #""request":"\#(request)","reason":"\#(reason)""#)
    }

    mutating func remove(_ party: String, from chat: String, by agent: String, at clock: String) {
        add("party.removed", clock, #""interaction":"\#(chat)","party":"\#(party)","by":"\#(agent)""#)
    }

    mutating func leave(_ party: String, from chat: String, at clock: String, reason: String = "ended") {
        add("party.left", clock, #""interaction":"\#(chat)","party":"\#(party)","reason":"\#(reason)""#)
    }

    mutating func end(_ chat: String, at clock: String) {
        add("chat.ended", clock, #""interaction":"\#(chat)""#)
    }

    mutating func define(_ code: String, _ label: String, at clock: String) {
        add("disposition.defined", clock, #""code":"\#(code)","label":"\#(label)""#)
    }

    mutating func retire(_ code: String, at clock: String) {
        add("disposition.retired", clock, #""code":"\#(code)""#)
    }

    mutating func dispose(_ chat: String, by agent: String, code: String, at clock: String) {
        add("disposition.set", clock, #""interaction":"\#(chat)","agent":"\#(agent)","code":"\#(code)""#)
    }

    /// A fresh store in `directory` holding this log.
    func store(in directory: TempDirectory) throws -> Store {
        let store = try Store(path: directory.databasePath)
        try store.apply(try lines.map { try EventDecoder.decode($0) })
        return store
    }

    /// The log as NDJSON, for `storectl import`.
    var ndjson: String { lines.joined(separator: "\n") + "\n" }
}
