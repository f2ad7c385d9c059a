import InteractionModel
/// Decodes one NDJSON line into an `Event`, enforcing the log's shape rules: a JSON
/// object, known `type`, no unknown keys, right JSON types, known enumeration values, a valid
/// `at`, text at most 64 KiB. A `null` value counts as missing, everywhere: a required field
/// that is null is missing, and a key whose value is null is never unknown. The rules and
/// the messages are listed in Docs/EventFormat.md#fields and Docs/EventFormat.md#errors.
public enum EventDecoder {
    /// The longest message text, in UTF-8 bytes (Docs/EventFormat.md#event-message).
    package static let maximumTextBytes = 65_536

    /// Decodes a line's bytes (without its line end).
    /// - Throws: `EventDecodingError` naming the event id when it could be read.
    package static func decode(_ bytes: UnsafeRawBufferPointer) throws(EventDecodingError) -> Event {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            // The top-level `id` names the event when it was read before the fault.
            throw EventDecodingError(eventId: error.topLevelID.flatMap { $0.isEmpty ? nil : $0 },
                                     reason: "malformed JSON: \(error.description)")
        }
        return try decode(value)
    }

    /// Decodes a line given as a string.
    /// - Throws: `EventDecodingError`.
    public static func decode(_ line: String) throws(EventDecodingError) -> Event {
        let bytes = Array(line.utf8)
        let result: Result<Event, EventDecodingError> = bytes.withUnsafeBytes { buffer in
            do throws(EventDecodingError) { return .success(try decode(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Decodes a parsed JSON value.
    /// - Throws: `EventDecodingError`.
    package static func decode(_ value: JSONValue) throws(EventDecodingError) -> Event {
        guard case .object(let object) = value else {
            throw EventDecodingError(eventId: nil, reason: "malformed event: a line must hold one JSON object, not \(value.typeName)")
        }
        var fields = Fields(object: object, eventId: nil)
        let id = try fields.id()
        fields.eventId = id
        let type = try fields.string("type")
        let at = try fields.time()
        let body: Event.Body
        switch type {
        case "agent.state":
            try fields.allow("agent", "state", "channel", "reason")
            body = .agentState(agent: try fields.id("agent"), state: try fields.enumeration("state", AgentState.self),
                               channel: try fields.optionalID("channel") ?? "chat", reason: try fields.optionalString("reason"))
        case "chat.started":
            try fields.allow("interaction", "contact")
            let contact = try fields.object("contact")
            try contact.allow("id", "name")
            body = .chatStarted(interaction: try fields.id("interaction"), contact: try contact.id("id"), contactName: try contact.optionalString("name"))
        case "party.joined":
            try fields.allow("interaction", "party", "role")
            let party = try fields.object("party")
            try party.allow("kind", "id")
            let kind = try party.string("kind")
            guard kind == "agent" else { throw fields.failure("party.joined needs party kind \"agent\", not \(shown(kind))") }
            let role = try fields.string("role")
            guard role == "owner" else { throw fields.failure("party.joined needs role \"owner\", not \(shown(role))") }
            body = .partyJoined(interaction: try fields.id("interaction"), agent: try party.id("id"))
        case "message":
            try fields.allow("interaction", "party", "text", "visibility")
            let text = try fields.string("text")
            guard text.utf8.count <= maximumTextBytes else {
                throw fields.failure("text is \(text.utf8.count) bytes, over the 65,536-byte (64 KiB) limit")
            }
            body = .message(interaction: try fields.id("interaction"), party: try fields.id("party"), text: text,
                            visibility: try fields.optionalEnumeration("visibility", Visibility.self) ?? .all)
        case "conference.requested":
            try fields.allow("interaction", "request", "from", "target", "mode", "consultation")
            let mode = try fields.optionalEnumeration("mode", ConferenceMode.self) ?? .instant
            let consultation = try fields.optionalID("consultation")
            if mode == .consultation, consultation == nil { throw fields.failure("missing field \"consultation\" (required with mode \"consultation\")") }
            if mode == .instant, consultation != nil { throw fields.failure("field \"consultation\" is only allowed with mode \"consultation\"") }
            body = .conferenceRequested(interaction: try fields.id("interaction"), request: try fields.id("request"), from: try fields.id("from"),
                                        target: try fields.target(), mode: mode, consultation: consultation)
        case "consultation.requested":
            try fields.allow("interaction", "parent", "request", "from", "target")
            body = .consultationRequested(interaction: try fields.id("interaction"), parent: try fields.id("parent"), request: try fields.id("request"),
                                          from: try fields.id("from"), target: try fields.target())
        case "transfer.requested":
            try fields.allow("interaction", "request", "from", "target")
            body = .transferRequested(interaction: try fields.id("interaction"), request: try fields.id("request"), from: try fields.id("from"), target: try fields.target())
        case "conference.accepted", "consultation.accepted", "transfer.accepted":
            try fields.allow("request", "agent")
            body = .accepted(kind: requestKind(type), request: try fields.id("request"), agent: try fields.id("agent"))
        case "conference.released", "consultation.released", "transfer.released":
            try fields.allow("request", "reason")
            body = .released(kind: requestKind(type), request: try fields.id("request"), reason: try fields.enumeration("reason", ReleaseReason.self))
        case "party.removed":
            try fields.allow("interaction", "party", "by")
            body = .partyRemoved(interaction: try fields.id("interaction"), party: try fields.id("party"), by: try fields.id("by"))
        case "party.left":
            try fields.allow("interaction", "party", "reason")
            let reason = try fields.optionalString("reason") ?? "ended"
            guard reason == "ended" || reason == "disconnected" else {
                throw fields.failure("unknown value \(shown(reason)) for field \"reason\" (expected \"ended\" or \"disconnected\")")
            }
            body = .partyLeft(interaction: try fields.id("interaction"), party: try fields.id("party"), reason: reason == "ended" ? .ended : .disconnected)
        case "disposition.set":
            try fields.allow("interaction", "agent", "code")
            body = .dispositionSet(interaction: try fields.id("interaction"), agent: try fields.id("agent"), code: try fields.id("code"))
        case "chat.ended":
            try fields.allow("interaction")
            body = .chatEnded(interaction: try fields.id("interaction"))
        case "disposition.defined":
            try fields.allow("code", "label")
            body = .dispositionDefined(code: try fields.id("code"), label: try fields.string("label"))
        case "disposition.retired":
            try fields.allow("code")
            body = .dispositionRetired(code: try fields.id("code"))
        default:
            throw fields.failure("unknown type \(shown(type))")
        }
        return Event(id: id, at: at, body: body)
    }

    private static func requestKind(_ type: String) -> RequestKind {
        if type.hasPrefix("conference") { return .conference }
        if type.hasPrefix("consultation") { return .consultation }
        return .transfer
    }
}

/// Typed access to an event's members with the error wording of Docs/EventFormat.md#errors.
private struct Fields {
    let object: JSONObject
    var eventId: String?
    var prefix = ""

    func failure(_ reason: String) -> EventDecodingError {
        EventDecodingError(eventId: eventId, reason: reason)
    }

    private func name(_ key: String) -> String { "\"\(prefix)\(key)\"" }

    /// The member, nil when absent or null (null counts as missing).
    func member(_ key: String) -> JSONValue? {
        guard let value = object[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    func allow(_ keys: String...) throws(EventDecodingError) {
        // A handful of keys: a linear search beats building a set for every line.
        for (key, value) in object.members {
            if case .null = value { continue }  // null counts as missing, so it cannot be unknown
            // Keys compare as exact bytes, as `member` finds them (`==` would also accept
            // canonically equivalent spellings).
            let known = keys.contains { $0.same(key) } || (prefix.isEmpty && (key.same("id") || key.same("type") || key.same("at")))
            if !known { throw failure("unknown key \(shown(prefix + key))") }
        }
    }

    func optionalString(_ key: String) throws(EventDecodingError) -> String? {
        guard let value = member(key) else { return nil }
        guard case .string(let text) = value else {
            throw failure("field \(name(key)) must be a string, not \(value.typeName)")
        }
        return text
    }

    func string(_ key: String) throws(EventDecodingError) -> String {
        guard let text = try optionalString(key) else { throw failure("missing field \(name(key))") }
        return text
    }

    /// An identifier: a non-empty string, kept verbatim.
    func optionalID(_ key: String) throws(EventDecodingError) -> String? {
        guard let text = try optionalString(key) else { return nil }
        guard !text.isEmpty else { throw failure("field \(name(key)) must not be empty") }
        return text
    }

    func id(_ key: String) throws(EventDecodingError) -> String {
        guard let text = try optionalID(key) else { throw failure("missing field \(name(key))") }
        return text
    }

    /// The event's own id (read first so later errors can name it).
    func id() throws(EventDecodingError) -> String { try id("id") }

    func time() throws(EventDecodingError) -> Int64 {
        let text = try string("at")
        guard let milliseconds = Timestamp.parse(text) else {
            throw failure("invalid time \(shown(text)) in field \"at\" (expected UTC like 2026-11-24T09:00:00.250Z)")
        }
        return milliseconds
    }

    func optionalEnumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(EventDecodingError) -> E? where E.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = E(rawValue: text) else {
            let expected = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw failure("unknown value \(shown(text)) for field \(name(key)) (expected one of \(expected))")
        }
        return value
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(EventDecodingError) -> E where E.RawValue == String {
        guard let value = try optionalEnumeration(key, type) else { throw failure("missing field \(name(key))") }
        return value
    }

    func object(_ key: String) throws(EventDecodingError) -> Fields {
        guard let value = member(key) else { throw failure("missing field \(name(key))") }
        guard case .object(let nested) = value else {
            throw failure("field \(name(key)) must be an object, not \(value.typeName)")
        }
        return Fields(object: nested, eventId: eventId, prefix: prefix + key + ".")
    }

    func target() throws(EventDecodingError) -> Target {
        let target = try object("target")
        try target.allow("kind", "id")
        return Target(kind: try target.enumeration("kind", TargetKind.self), id: try target.id("id"))
    }
}

extension JSONValue {
    /// The JSON type's name for error messages (the decoder's and the importers').
    package var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
