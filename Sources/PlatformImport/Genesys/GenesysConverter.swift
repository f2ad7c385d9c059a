import InteractionStore
import InteractionModel

/// Genesys Engage's structured chat transcript XML (UCS `chatTranscript`) → events (SPEC §8).
/// Pure: bytes in, events out.
///
/// Mapping (see `shared/realdata/README.md`, "Mapping notes"):
/// - `chatTranscript startAt` → `chat.started` (N = 0) with the CLIENT party as the contact;
///   every other time is `startAt` + the record's `timeShift` seconds; N is the `eventId`.
/// - AGENT `newParty` → a join (bots, `GCTI_Chat_PartyStyle` BOT, are agents too);
///   EXTERNAL and SYSTEM parties are skipped with all their records.
/// - `message` → `message` (`msgText` exactly as written); visibility ALL → `all`, INT or VIP → `agents`.
/// - `partyLeft`: no code or code 1 → left (`ended`); 3 → left (`disconnected`); 2 ("close
///   forcedly") → `chat.ended`; 4 with `askerId` ≠ `userId` → removed by the asker (after a
///   code 2 it is part of the chat's end).
/// - `notice`, `userData`, `eventAttributes`, the bot style and typing records are skipped and counted.
package enum GenesysConverter {
    /// Event ids, interaction and party ids start with this.
    package static let prefix = "genesys:"

    /// Converts one transcript document.
    /// - Throws: `ConversionError` naming the byte offset or element.
    package static func convert(_ bytes: [UInt8]) throws(ConversionError) -> ConvertedTranscript {
        var tokenizer = XMLTokenizer(bytes)
        do {
            var reader = try GenesysReader(tokenizer: &tokenizer)
            try reader.readRecords(from: &tokenizer)
            var assembler = TranscriptAssembler(interaction: reader.interaction, records: reader.records)
            let events = assembler.assemble()
            var skipped = reader.skipped
            skipped.add(assembler.skipped)
            return ConvertedTranscript(interaction: reader.interaction, events: events, skipped: skipped)
        } catch let error as XMLSyntaxError {
            throw ConversionError(error)
        } catch let error as ConversionError {
            throw error
        } catch {
            throw ConversionError(reason: "\(error)")
        }
    }
}

/// Reads `chatTranscript`'s records one element at a time.
private struct GenesysReader {
    let interaction: String
    let startAt: Int64
    var records: [TranscriptRecord] = []
    var skipped = SkippedRecords()
    /// userId → what the party is.
    private var parties: [String: PartyType] = [:]
    private var sawContact = false
    /// The `timeShift` of the last code-2 leave, whose code-4 removals belong to the chat's end.
    private var closedAtShift: Int64?

    enum PartyType { case contact, agent, external }

    init(tokenizer: inout XMLTokenizer) throws {
        guard case let .start(name, attributes, offset)? = try Self.nextElement(&tokenizer) else {
            throw ConversionError(reason: "there is no root element")
        }
        guard name == "chatTranscript" else {
            throw ConversionError(reason: "the root element is <\(name)>, not <chatTranscript>: not a Genesys Engage transcript", offset: offset, element: name)
        }
        let root = MarkupElement(name: name, attributes: attributes, offset: offset)
        guard let session = root.trimmed("sessionId"), !session.isEmpty else {
            throw ConversionError(reason: "attribute sessionId is missing or empty", offset: offset, element: "chatTranscript")
        }
        guard let startText = root.trimmed("startAt"), let start = Timestamp.parse(startText) else {
            throw ConversionError(reason: "attribute startAt is missing or not a UTC time like 2022-03-05T07:09:33Z (found \(root.trimmed("startAt").map { "\"\($0)\"" } ?? "none"))",
                                  offset: offset, element: "chatTranscript")
        }
        interaction = GenesysConverter.prefix + session
        startAt = start
    }

    /// The next start token, skipping whitespace text.
    private static func nextElement(_ tokenizer: inout XMLTokenizer) throws -> XMLToken? {
        while let token = try tokenizer.next() {
            if case .text(let text, _) = token, trim(text).isEmpty { continue }
            return token
        }
        return nil
    }

    mutating func readRecords(from tokenizer: inout XMLTokenizer) throws {
        while let token = try tokenizer.next() {
            switch token {
            case let .start(name, attributes, offset):
                let element = try MarkupElement.read(name: name, attributes: attributes, offset: offset, from: &tokenizer)
                try take(element)
            case let .text(text, _):
                if !trim(text).isEmpty { skipped.add("text outside a record") }
            case .end:
                // </chatTranscript>: the tokenizer checks that nothing but comments follows.
                while try tokenizer.next() != nil {}
                guard sawContact else { throw ConversionError(reason: "the transcript has no CLIENT party", element: "chatTranscript") }
                return
            }
        }
    }

    private func describe(_ element: MarkupElement) -> String {
        let id = element.trimmed("eventId").map { " eventId=\"\($0)\"" } ?? ""
        return "\(element.name)\(id) at byte offset \(element.offset)"
    }

    private func failure(_ element: MarkupElement, _ reason: String) -> ConversionError {
        let id = element.trimmed("eventId").map { " eventId=\"\($0)\"" } ?? ""
        return ConversionError(reason: reason, offset: element.offset, element: element.name + id)
    }

    private func time(_ element: MarkupElement) throws -> Int64 {
        guard let text = element.trimmed("timeShift") else { throw failure(element, "attribute timeShift is missing") }
        guard let shift = Int64(text), shift >= 0, shift < 10_000_000_000 else {
            throw failure(element, "timeShift \"\(text)\" is not a whole number of seconds")
        }
        return startAt + shift * 1000
    }

    private func number(_ element: MarkupElement) throws -> String {
        guard let id = element.trimmed("eventId"), !id.isEmpty else { throw failure(element, "attribute eventId is missing or empty") }
        return id
    }

    private func user(_ element: MarkupElement, _ attribute: String = "userId") throws -> String {
        guard let id = element.trimmed(attribute), !id.isEmpty else { throw failure(element, "attribute \(attribute) is missing or empty") }
        return id
    }

    private mutating func take(_ element: MarkupElement) throws {
        switch element.name {
        case "newParty": try newParty(element)
        case "message": try message(element)
        case "partyLeft": try partyLeft(element)
        case "notice": skipped.add("notice")
        case "typingStarted", "typingStopped", "typingPreview", "typing": skipped.add("typing")
        default: skipped.add("<\(element.name)>")
        }
    }

    private mutating func newParty(_ element: MarkupElement) throws {
        let userId = try user(element)
        guard let info = element.child("userInfo") else { throw failure(element, "newParty has no userInfo") }
        let type = info.trimmed("userType") ?? ""
        let number = try number(element)
        let at = try time(element)
        switch type {
        case "CLIENT":
            parties[userId] = .contact
            guard !sawContact else { return skipped.add("second CLIENT party") }
            sawContact = true
            let nick = info.trimmed("userNick") ?? ""
            // The chat starts at the header's startAt, numbered 0 (SPEC §8).
            records.append(TranscriptRecord(number: "0", at: startAt, origin: "chatTranscript startAt with " + describe(element),
                                            action: .contactJoined(contact: GenesysConverter.prefix + userId, name: nick.isEmpty ? nil : nick)))
        case "AGENT":
            parties[userId] = .agent
            if element.children.contains(where: { Self.isBotStyle($0) }) { skipped.add("bot style") }
            records.append(TranscriptRecord(number: number, at: at, origin: describe(element), action: .agentJoined(agent: GenesysConverter.prefix + userId)))
        case "EXTERNAL", "SYSTEM":
            parties[userId] = .external
            skipped.add("external party")
            return
        default:
            throw failure(element, "unknown userType \"\(type)\" (expected CLIENT, AGENT, EXTERNAL or SYSTEM)")
        }
        for child in element.children {
            switch child.name {
            case "userData" where !Self.isOnlyStyle(child): skipped.add("user data")
            case "eventAttributes" where !Self.isOnlyStyle(child): skipped.add("event attributes")
            default: break
            }
        }
    }

    private mutating func message(_ element: MarkupElement) throws {
        let userId = try user(element)
        if parties[userId] == .external { return skipped.add("external party") }
        let visibility: Visibility
        switch element.trimmed("visibility") ?? "ALL" {
        case "ALL": visibility = .all
        case "INT", "VIP": visibility = .agents
        case let other: throw failure(element, "unknown visibility \"\(other)\" (expected ALL, INT or VIP)")
        }
        guard let text = element.child("msgText") else { throw failure(element, "message has no msgText") }
        if !trim(element.text).isEmpty { skipped.add("text outside msgText") }
        records.append(TranscriptRecord(number: try number(element), at: try time(element), origin: describe(element),
                                        action: .message(party: GenesysConverter.prefix + userId, text: text.text, visibility: visibility)))
    }

    private mutating func partyLeft(_ element: MarkupElement) throws {
        let userId = try user(element)
        if parties[userId] == .external { return skipped.add("external party") }
        let party = GenesysConverter.prefix + userId
        let at = try time(element)
        let shift = at - startAt
        let code = element.child("reason")?.trimmed("code") ?? ""
        let action: TranscriptRecord.Action
        switch code {
        case "", "0", "1": action = .left(party: party, reason: .ended)
        case "3": action = .left(party: party, reason: .disconnected)
        case "2":
            closedAtShift = shift
            action = .chatEnded
        case "4":
            let asker = element.trimmed("askerId") ?? ""
            if closedAtShift == shift {
                action = .left(party: party, reason: .ended)  // part of the chat's end, as the code 2 before it
            } else if asker.isEmpty || asker == userId {
                action = .left(party: party, reason: .ended)
            } else {
                action = .removed(party: party, by: GenesysConverter.prefix + asker)
            }
        case let other:
            throw failure(element, "unknown partyLeft reason code \"\(other)\" (expected none, 1, 2, 3 or 4)")
        }
        records.append(TranscriptRecord(number: try number(element), at: at, origin: describe(element), action: action))
    }

    private static let styleKeys: Set<String> = ["GCTI_Chat_PartyStyle", "GCTI_Chat_SetPartyStyle", "GCTI_SYSTEM", "party-info", "style"]

    /// Whether an item list holds only the party-style keys (then it is the bot style, not user data).
    private static func isOnlyStyle(_ element: MarkupElement) -> Bool {
        element.children.allSatisfy { item in styleKeys.contains(item.trimmed("key") ?? "") && isOnlyStyle(item) }
    }

    /// Whether a userData or eventAttributes element marks the party as a bot.
    private static func isBotStyle(_ element: MarkupElement) -> Bool {
        guard element.name == "userData" || element.name == "eventAttributes" || element.name == "item" else { return false }
        if element.name == "item", let key = element.trimmed("key"), key == "GCTI_Chat_PartyStyle" || key == "style",
           trim(element.text) == "BOT" {
            return true
        }
        return element.children.contains { isBotStyle($0) }
    }
}
