import InteractionStore
import InteractionModel
import EventLog

/// Amazon Connect's stored chat transcript JSON → events (SPEC §8). Pure: bytes in, events out.
///
/// Reads the S3 transcript (`ContactId`, `Participants`, `Transcript`) and the same transcript
/// inside a Contact Lens output file (the contact id then under `CustomerMetadata`). N in event
/// ids is the item's 1-based position in `Transcript` (0 is left for the header).
/// - `participant.joined`: the first CUSTOMER's → `chat.started`; an AGENT's, CUSTOM_BOT's or
///   SUPERVISOR's → a join (bots are agents); `participant.left` → left (`ended`: Connect does
///   not tell a disconnect apart); `participant.invited` → the time of the conference request
///   the next join answers; `chat.ended` → `chat.ended`.
/// - MESSAGE (text/plain, text/markdown) → `message`, `MessageVisibility` AGENT → `agents`.
/// - SYSTEM participants and their items, typing, receipts, attachments, connection
///   acknowledgements and other event kinds are skipped and counted.
package enum ConnectConverter {
    /// Event ids, interaction and party ids start with this.
    package static let prefix = "connect:"

    private static let eventPrefix = "application/vnd.amazonaws.connect.event."

    /// Converts one transcript document.
    /// - Throws: `ConversionError` naming the byte offset (malformed JSON) or the element.
    package static func convert(_ bytes: [UInt8]) throws(ConversionError) -> ConvertedTranscript {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw ConversionError(reason: "malformed JSON: \(error.reason)", offset: error.offset)
        }
        guard case .object(let root) = value else {
            throw ConversionError(reason: "not an Amazon Connect transcript: the document is not a JSON object")
        }
        guard case .array(let items)? = root["Transcript"] else {
            throw ConversionError(reason: "not an Amazon Connect transcript: no \"Transcript\" array", element: "top level")
        }
        guard let contact = contactId(root), !contact.isEmpty else {
            throw ConversionError(reason: "no \"ContactId\" (top level or under \"CustomerMetadata\") names the contact", element: "top level")
        }
        let interaction = prefix + contact
        var roles: [String: String] = [:]
        if let participants = root["Participants"] {
            guard case .array(let list) = participants else {
                throw ConversionError(reason: "\"Participants\" must be an array", element: "Participants")
            }
            for (index, entry) in list.enumerated() {
                guard case .object(let participant) = entry else {
                    throw ConversionError(reason: "a participant must be an object", element: "Participants[\(index)]")
                }
                let path = "Participants[\(index)]"
                guard let id = try string(participant, "ParticipantId", path) else {
                    throw ConversionError(reason: "missing \"ParticipantId\"", element: path)
                }
                if let role = try string(participant, "ParticipantRole", path) { roles[id] = role }
            }
        }
        var records: [TranscriptRecord] = []
        var skipped = SkippedRecords()
        for (index, entry) in items.enumerated() {
            let path = "Transcript[\(index)]"
            guard case .object(let item) = entry else { throw ConversionError(reason: "an item must be an object", element: path) }
            guard let type = try string(item, "Type", path) else { throw ConversionError(reason: "missing \"Type\"", element: path) }
            guard let timeText = try string(item, "AbsoluteTime", path) else { throw ConversionError(reason: "missing \"AbsoluteTime\"", element: path) }
            guard let at = Timestamp.parse(timeText) else {
                throw ConversionError(reason: "\"AbsoluteTime\" \"\(timeText)\" is not a UTC time like 2022-10-27T03:31:50.735Z", element: path)
            }
            let participant = try string(item, "ParticipantId", path)
            if let participant, let role = try string(item, "ParticipantRole", path) { roles[participant] = role }
            let role = participant.flatMap { roles[$0] }
            let isAgent = role.map { ["AGENT", "CUSTOM_BOT", "SUPERVISOR"].contains($0) } ?? false
            let party = participant.map { prefix + $0 }
            let itemContentType = try string(item, "ContentType", path)
            let origin = path + " (" + type + (itemContentType.map { " " + $0 } ?? "") + ")"
            let number = String(index + 1)
            func record(_ action: TranscriptRecord.Action) {
                records.append(TranscriptRecord(number: number, at: at, origin: origin, action: action))
            }
            switch type {
            case "MESSAGE":
                guard let party, role == "CUSTOMER" || isAgent else {
                    skipped.add(role == "SYSTEM" ? "system message" : "message from an unknown participant")
                    continue
                }
                let contentType = try string(item, "ContentType", path) ?? "text/plain"
                guard contentType.hasPrefix("text/") else {
                    skipped.add("\(contentType) message")
                    continue
                }
                guard case .string(let text)? = item["Content"] else {
                    throw ConversionError(reason: "a MESSAGE needs a string \"Content\"", element: path)
                }
                if case .array(let attachments)? = item["Attachments"], !attachments.isEmpty { skipped.add("attachments metadata") }
                let visibility: Visibility = try string(item, "MessageVisibility", path) == "AGENT" ? .agents : .all
                record(.message(party: party, text: text, visibility: visibility))
            case "EVENT":
                let contentType = try string(item, "ContentType", path) ?? ""
                let kind = contentType.hasPrefix(eventPrefix) ? String(contentType.dropFirst(eventPrefix.count)) : contentType
                switch kind {
                case "participant.joined", "participant.left", "participant.invited":
                    guard let party, role == "CUSTOMER" || isAgent else {
                        skipped.add(role == "SYSTEM" ? "system \(kind)" : "\(kind) of an unknown participant")
                        continue
                    }
                    if kind == "participant.invited" {
                        record(.invited(agent: isAgent ? party : nil))
                    } else if kind == "participant.left" {
                        record(.left(party: party, reason: .ended))
                    } else if role == "CUSTOMER" {
                        let name = try string(item, "DisplayName", path)
                        record(.contactJoined(contact: party, name: name.flatMap { $0.isEmpty ? nil : $0 }))
                    } else {
                        record(.agentJoined(agent: party))
                    }
                case "chat.ended":
                    record(.chatEnded)
                case "typing":
                    skipped.add("typing")
                case "message.delivered", "message.read":
                    skipped.add("receipt")
                default:
                    // transfer.succeeded / transfer.failed: the transfer itself is recorded from the
                    // leave and the next join (SPEC §8); other kinds have no counterpart.
                    skipped.add(kind.isEmpty ? "event without a ContentType" : kind)
                }
            case "ATTACHMENT":
                skipped.add("attachment")
            case "CONNECTION_ACK":
                skipped.add("connection acknowledgement")
            default:
                skipped.add("\(type) item")
            }
        }
        var assembler = TranscriptAssembler(interaction: interaction, records: records)
        let events = assembler.assemble()
        skipped.add(assembler.skipped)
        return ConvertedTranscript(interaction: interaction, events: events, skipped: skipped)
    }

    private static func contactId(_ root: JSONObject) -> String? {
        if case .string(let id)? = root["ContactId"] { return trim(id) }
        if case .object(let metadata)? = root["CustomerMetadata"], case .string(let id)? = metadata["ContactId"] { return trim(id) }
        if case .string(let id)? = root["InitialContactId"] { return trim(id) }
        return nil
    }

    /// A string member trimmed of surrounding whitespace; nil when absent or null.
    private static func string(_ object: JSONObject, _ key: String, _ path: String) throws(ConversionError) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return trim(text)
        case let other?: throw ConversionError(reason: "\"\(key)\" must be a string, not \(other.typeName)", element: path)
        }
    }
}
