extension Event {
    /// The canonical fields as one byte string, in the layout the content hash is taken of:
    /// for each field of `canonicalFields` (same keys, same order, nulls left out) the key, then
    /// a tag (1 text, 2 integer) and the value, each text length-prefixed (8 bytes, big-endian).
    /// Integers are written as their decimal text.
    ///
    /// Written out per type with the keys already in byte order, so no field list is built and
    /// sorted for every imported event; a test holds it equal to `canonicalFields`.
    package var canonicalBytes: [UInt8] {
        var out = CanonicalBytes()
        switch body {
        case let .agentState(agent, state, channel, reason):
            out.text("agent", agent); out.integer("at", at); out.text("channel", channel); out.text("id", id)
            out.text("reason", reason); out.text("state", state.rawValue); out.text("type", type)
        case let .chatStarted(interaction, contact, name):
            out.integer("at", at); out.text("contact.id", contact); out.text("contact.name", name); out.text("id", id)
            out.text("interaction", interaction); out.text("type", type)
        case let .partyJoined(interaction, agent):
            out.integer("at", at); out.text("id", id); out.text("interaction", interaction); out.text("party.id", agent)
            out.text("party.kind", "agent"); out.text("role", "owner"); out.text("type", type)
        case let .message(interaction, party, text, visibility):
            out.integer("at", at); out.text("id", id); out.text("interaction", interaction); out.text("party", party)
            out.text("text", text); out.text("type", type); out.text("visibility", visibility.rawValue)
        case let .conferenceRequested(interaction, request, from, target, mode, consultation):
            out.integer("at", at); out.text("consultation", consultation); out.text("from", from); out.text("id", id)
            out.text("interaction", interaction); out.text("mode", mode.rawValue); out.text("request", request)
            out.text("target.id", target.id); out.text("target.kind", target.kind.rawValue); out.text("type", type)
        case let .consultationRequested(interaction, parent, request, from, target):
            out.integer("at", at); out.text("from", from); out.text("id", id); out.text("interaction", interaction)
            out.text("parent", parent); out.text("request", request); out.text("target.id", target.id)
            out.text("target.kind", target.kind.rawValue); out.text("type", type)
        case let .transferRequested(interaction, request, from, target):
            out.integer("at", at); out.text("from", from); out.text("id", id); out.text("interaction", interaction)
            out.text("request", request); out.text("target.id", target.id); out.text("target.kind", target.kind.rawValue)
            out.text("type", type)
        case let .accepted(_, request, agent):
            out.text("agent", agent); out.integer("at", at); out.text("id", id); out.text("request", request); out.text("type", type)
        case let .released(_, request, reason):
            out.integer("at", at); out.text("id", id); out.text("reason", reason.rawValue); out.text("request", request)
            out.text("type", type)
        case let .partyRemoved(interaction, party, by):
            out.integer("at", at); out.text("by", by); out.text("id", id); out.text("interaction", interaction)
            out.text("party", party); out.text("type", type)
        case let .partyLeft(interaction, party, reason):
            out.integer("at", at); out.text("id", id); out.text("interaction", interaction); out.text("party", party)
            out.text("reason", reason.rawValue); out.text("type", type)
        case let .dispositionSet(interaction, agent, code):
            out.text("agent", agent); out.integer("at", at); out.text("code", code); out.text("id", id)
            out.text("interaction", interaction); out.text("type", type)
        case let .chatEnded(interaction):
            out.integer("at", at); out.text("id", id); out.text("interaction", interaction); out.text("type", type)
        case let .dispositionDefined(code, label):
            out.integer("at", at); out.text("code", code); out.text("id", id); out.text("label", label); out.text("type", type)
        case let .dispositionRetired(code):
            out.integer("at", at); out.text("code", code); out.text("id", id); out.text("type", type)
        }
        return out.bytes
    }
}

/// Accumulates the canonical byte string of `Event.canonicalBytes`.
private struct CanonicalBytes {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    /// A text field; nil (a missing optional field) is left out.
    mutating func text(_ key: StaticString, _ value: String?) {
        guard var value else { return }
        lengthPrefixed(key)
        bytes.append(1)
        value.withUTF8 { lengthPrefixed($0) }
    }

    /// An integer field, written as its decimal text.
    mutating func integer(_ key: StaticString, _ value: Int64) {
        lengthPrefixed(key)
        bytes.append(2)
        var text = String(value)
        text.withUTF8 { lengthPrefixed($0) }
    }

    private mutating func lengthPrefixed(_ key: StaticString) {
        lengthPrefixed(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    private mutating func lengthPrefixed(_ value: UnsafeBufferPointer<UInt8>) {
        withUnsafeBytes(of: UInt64(value.count).bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: value)
    }
}
