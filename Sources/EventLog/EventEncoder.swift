import InteractionModel
/// The one encoder of an `Event` as an NDJSON line of the event log (SPEC section 2): what
/// `EventDecoder` reads back to the same `Event`.
///
/// Keys come in a fixed order (`id`, `type`, `at`, then the type's fields as SPEC lists them)
/// and every defaulted field is written out (`visibility`, `channel`, `mode`), so a reader
/// never has to know the defaults (`DefaultedFields.omitted` leaves two of them out, for the
/// demo log's bytes). Strings go through `JSONWriter`'s one escaper (control
/// characters and NUL escaped, everything else kept as UTF-8); `at` is written with
/// millisecond precision, which is what the store keeps.
///
/// ```swift
/// let line = EventEncoder.line(event)   // {"id":"e1","type":"chat.ended","at":"…","interaction":"c1"}
/// ```
public enum EventEncoder {
    /// The event as one JSON object, without a line end.
    public static func line(_ event: Event) -> String {
        var bytes: [UInt8] = []
        append(event, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What a line does with a field that holds its SPEC default.
    package enum DefaultedFields: Sendable {
        /// Every defaulted field is written out: a reader never has to know the defaults.
        case written
        /// `channel` is left out when it is "chat" and `visibility` when it is "all", as
        /// `storectl demo --emit` has always written its log (its bytes stay the same from
        /// release to release). `mode` is still written: it tells a conference request
        /// made from a consultation from an instant one at a glance.
        case omitted
    }

    /// Appends the event's JSON object (without a line end) to `bytes`.
    package static func append(_ event: Event, to bytes: inout [UInt8], defaults: DefaultedFields = .written) {
        let writeDefaults = defaults == .written
        var out = ObjectWriter(taking: &bytes)
        out.string("id", event.id)
        out.string("type", event.type)
        out.key("at")
        out.bytes.append(0x22)
        Timestamp.append(event.at, to: &out.bytes)
        out.bytes.append(0x22)
        switch event.body {
        case let .agentState(agent, state, channel, reason):
            out.string("agent", agent); out.string("state", state.rawValue)
            if writeDefaults || channel != "chat" { out.string("channel", channel) }
            if let reason { out.string("reason", reason) }
        case let .chatStarted(interaction, contact, name):
            out.string("interaction", interaction)
            out.key("contact")
            var nested = ObjectWriter(taking: &out.bytes)
            nested.string("id", contact)
            if let name { nested.string("name", name) }
            nested.finish(into: &out.bytes)
        case let .partyJoined(interaction, agent):
            out.string("interaction", interaction)
            out.key("party")
            var nested = ObjectWriter(taking: &out.bytes)
            nested.string("kind", "agent")
            nested.string("id", agent)
            nested.finish(into: &out.bytes)
            out.string("role", "owner")
        case let .message(interaction, party, text, visibility):
            out.string("interaction", interaction); out.string("party", party); out.string("text", text)
            if writeDefaults || visibility != .all { out.string("visibility", visibility.rawValue) }
        case let .conferenceRequested(interaction, request, from, target, mode, consultation):
            out.string("interaction", interaction); out.string("request", request); out.string("from", from)
            out.target(target)
            out.string("mode", mode.rawValue)
            if let consultation { out.string("consultation", consultation) }
        case let .consultationRequested(interaction, parent, request, from, target):
            out.string("interaction", interaction); out.string("parent", parent); out.string("request", request)
            out.string("from", from); out.target(target)
        case let .transferRequested(interaction, request, from, target):
            out.string("interaction", interaction); out.string("request", request); out.string("from", from)
            out.target(target)
        case let .accepted(_, request, agent):
            out.string("request", request); out.string("agent", agent)
        case let .released(_, request, reason):
            out.string("request", request); out.string("reason", reason.rawValue)
        case let .partyRemoved(interaction, party, by):
            out.string("interaction", interaction); out.string("party", party); out.string("by", by)
        case let .partyLeft(interaction, party, reason):
            out.string("interaction", interaction); out.string("party", party); out.string("reason", reason.rawValue)
        case let .dispositionSet(interaction, agent, code):
            out.string("interaction", interaction); out.string("agent", agent); out.string("code", code)
        case let .chatEnded(interaction):
            out.string("interaction", interaction)
        case let .dispositionDefined(code, label):
            out.string("code", code); out.string("label", label)
        case let .dispositionRetired(code):
            out.string("code", code)
        }
        out.finish(into: &bytes)
    }
}

/// Appends one JSON object's members; `finish` closes it. The writer takes the caller's buffer
/// (a swap, not a copy) and `finish` hands it back, so exactly one reference to the buffer
/// exists while bytes are appended: no copy-on-write of a long buffer for each event.
private struct ObjectWriter {
    var bytes: [UInt8] = []
    private var first = true

    init(taking buffer: inout [UInt8]) {
        swap(&bytes, &buffer)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Writes the separator and the quoted key with its colon.
    mutating func key(_ key: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }  // keys are plain ASCII: no escaping
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))  // two appends, not an array literal: no allocation per key
    }

    mutating func string(_ key: StaticString, _ value: String) {
        self.key(key)
        JSONWriter.appendQuoted(value, to: &bytes)
    }

    mutating func target(_ target: Target) {
        key("target")
        var nested = ObjectWriter(taking: &bytes)
        nested.string("kind", target.kind.rawValue)
        nested.string("id", target.id)
        nested.finish(into: &bytes)
    }

    /// Closes the object and gives the buffer back to `buffer`.
    mutating func finish(into buffer: inout [UInt8]) {
        bytes.append(UInt8(ascii: "}"))
        swap(&bytes, &buffer)
    }
}
