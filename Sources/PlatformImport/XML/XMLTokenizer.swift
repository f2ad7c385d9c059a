/// A strict, streaming (pull) XML 1.0 tokenizer over UTF-8 bytes, written for untrusted
/// transcripts.
///
/// Why not FoundationXML's `XMLParser`: on Linux it is libxml2, which reports line and column
/// but not the byte offset SPEC §8 asks for, and whose handling of DTDs and entities depends on
/// the libxml2 version and flags Foundation sets. This reader never reads a DTD at all: any
/// `<!DOCTYPE` is refused, so no entity can be declared, expanded or fetched; only the five
/// predefined entities and character references are resolved, and any other `&name;` is an
/// error (as XML requires when there is no DTD). It checks what well-formedness needs for the
/// transcripts: UTF-8 and the `Char` production (a control byte such as 0x02 is an error), tag
/// nesting and names, one root, unique attributes, no `<` in attribute values, no `]]>` in text.
/// Line ends are normalized (CRLF and CR to LF) and attribute values as §3.3.3 says.
struct XMLTokenizer {
    private let bytes: [UInt8]
    private var position: Int
    private let start: Int
    private var open: [String] = []
    private var pendingEnd: (name: String, offset: Int)?
    private var sawRoot = false
    /// Nesting deeper than this is refused (no transcript comes near it).
    static let maximumDepth = 256

    /// A tokenizer of a whole document's bytes.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is allowed before the document.
        start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        position = start
    }

    /// The depth of the element being read (0 outside the root).
    var depth: Int { open.count }

    /// The next token, nil after the end of a well-formed document.
    /// - Throws: `XMLSyntaxError` at the first fault.
    mutating func next() throws(XMLSyntaxError) -> XMLToken? {
        if let end = pendingEnd {
            pendingEnd = nil
            open.removeLast()
            return .end(name: end.name, offset: end.offset)
        }
        while true {
            if position >= bytes.count {
                if let name = open.last { throw failure("the input ends inside <\(name)>: it is not closed", at: position) }
                if !sawRoot { throw failure("there is no root element", at: position) }
                return nil
            }
            if open.isEmpty {
                // Prolog or epilog: whitespace, comments and processing instructions only.
                let byte = bytes[position]
                if Self.isSpace(byte) { position += 1; continue }
                guard byte == UInt8(ascii: "<") else {
                    if position == 0 && (bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])) {
                        throw failure("UTF-16 is not supported (only UTF-8)", at: 0)
                    }
                    try checkChar(at: position)
                    throw failure("text outside the root element", at: position)
                }
                if try skipMarkup() { continue }
                if sawRoot { throw failure("a second root element", at: position) }
                sawRoot = true
                return try startTag()
            }
            if bytes[position] == UInt8(ascii: "<") {
                if try skipMarkup() { continue }
                if peek("<![CDATA[") { return try cdata() }
                if peek("</") { return try endTag() }
                return try startTag()
            }
            return try text()
        }
    }

    // MARK: Markup

    /// Skips a comment or processing instruction at `position`; refuses DOCTYPE and other
    /// declarations. Returns false when the markup is something else (a tag, CDATA).
    private mutating func skipMarkup() throws(XMLSyntaxError) -> Bool {
        if peek("<!--") {
            let from = position
            position += 4
            while true {
                guard position < bytes.count else { throw failure("a comment is not closed", at: from) }
                if peek("--") {
                    guard peek("-->") else { throw failure("\"--\" inside a comment", at: position) }
                    position += 3
                    return true
                }
                position += try checkChar(at: position)
            }
        }
        if peek("<?") {
            let from = position
            position += 2
            let target = try name()
            if target.lowercased() == "xml" {
                guard from == start else { throw failure("the XML declaration is allowed only at the very start", at: from) }
                try declaration(from: from)
                return true
            }
            while true {
                guard position < bytes.count else { throw failure("a processing instruction is not closed", at: from) }
                if peek("?>") { position += 2; return true }
                position += try checkChar(at: position)
            }
        }
        if peek("<!DOCTYPE") {
            throw failure("a DOCTYPE is refused: DTDs, entity declarations and external entities are never read", at: position)
        }
        if peek("<!"), !peek("<![CDATA[") || open.isEmpty {
            throw failure("markup declarations (<!…>) are not allowed here", at: position)
        }
        return false
    }

    /// `<?xml version="1.0" encoding="…"?>`: only UTF-8 (or its subset US-ASCII) is read.
    private mutating func declaration(from: Int) throws(XMLSyntaxError) {
        var content: [UInt8] = []
        while true {
            guard position < bytes.count else { throw failure("the XML declaration is not closed", at: from) }
            if peek("?>") { position += 2; break }
            content.append(bytes[position])
            position += try checkChar(at: position)
        }
        let text = String(decoding: content, as: UTF8.self)
        guard text.contains("version") else { throw failure("the XML declaration has no version", at: from) }
        if let range = text.range(of: "encoding") {
            let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            guard let quote = rest.first, quote == "\"" || quote == "'" else { throw failure("the encoding declaration is malformed", at: from) }
            let value = rest.dropFirst().prefix { $0 != quote }
            let lowered = value.lowercased()
            guard lowered == "utf-8" || lowered == "utf8" || lowered == "us-ascii" else {
                throw failure("encoding \"\(value)\" is not supported (only UTF-8)", at: from)
            }
        }
    }

    private mutating func startTag() throws(XMLSyntaxError) -> XMLToken {
        let from = position
        position += 1
        let element = try name()
        var attributes: [XMLAttribute] = []
        while true {
            let spaced = skipSpaces()
            guard position < bytes.count else { throw failure("the tag <\(element)> is not closed", at: from) }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                break
            }
            if peek("/>") {
                position += 2
                pendingEnd = (element, from)
                break
            }
            guard spaced else { throw failure("expected a space, \">\" or \"/>\" in <\(element)>", at: position) }
            let attributeAt = position
            let attribute = try name()
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw failure("attribute \(attribute) of <\(element)> has no \"=\"", at: position)
            }
            position += 1
            skipSpaces()
            let value = try attributeValue()
            guard !attributes.contains(where: { $0.name == attribute }) else {
                throw failure("attribute \(attribute) appears twice in <\(element)>", at: attributeAt)
            }
            attributes.append(XMLAttribute(name: attribute, value: value))
        }
        guard open.count < Self.maximumDepth else { throw failure("elements nested deeper than \(Self.maximumDepth)", at: from) }
        open.append(element)
        return .start(name: element, attributes: attributes, offset: from)
    }

    private mutating func endTag() throws(XMLSyntaxError) -> XMLToken {
        let from = position
        position += 2
        let element = try name()
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw failure("the end tag </\(element)> is not closed", at: position)
        }
        position += 1
        guard let expected = open.last, expected == element else {
            throw failure("</\(element)> does not close the open <\(open.last ?? "")>", at: from)
        }
        open.removeLast()
        return .end(name: element, offset: from)
    }

    private mutating func cdata() throws(XMLSyntaxError) -> XMLToken {
        let from = position
        position += 9
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else { throw failure("a CDATA section is not closed", at: from) }
            if peek("]]>") { position += 3; break }
            try appendChar(to: &out)
        }
        return .text(String(decoding: out, as: UTF8.self), offset: from)
    }

    private mutating func text() throws(XMLSyntaxError) -> XMLToken {
        let from = position
        var out: [UInt8] = []
        while position < bytes.count, bytes[position] != UInt8(ascii: "<") {
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") {
                try reference(into: &out)
            } else if byte == UInt8(ascii: "]"), peek("]]>") {
                throw failure("\"]]>\" is not allowed in text", at: position)
            } else {
                try appendChar(to: &out)
            }
        }
        return .text(String(decoding: out, as: UTF8.self), offset: from)
    }

    private mutating func attributeValue() throws(XMLSyntaxError) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw failure("an attribute value must be quoted", at: position)
        }
        let quote = bytes[position]
        let from = position
        position += 1
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else { throw failure("an attribute value is not closed", at: from) }
            let byte = bytes[position]
            if byte == quote { position += 1; break }
            switch byte {
            case UInt8(ascii: "<"):
                throw failure("\"<\" is not allowed in an attribute value", at: position)
            case UInt8(ascii: "&"):
                try reference(into: &out)
            case 0x0D:
                // CRLF and a lone CR are one line end, which becomes one space.
                position += bytes.indices.contains(position + 1) && bytes[position + 1] == 0x0A ? 2 : 1
                out.append(0x20)
            case 0x09, 0x0A:
                position += 1
                out.append(0x20)
            default:
                try appendChar(to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `&lt;` `&gt;` `&amp;` `&apos;` `&quot;` and `&#N;` `&#xH;`; any other entity is refused,
    /// since without a DTD none can be declared (and a DTD is never read).
    private mutating func reference(into out: inout [UInt8]) throws(XMLSyntaxError) {
        let from = position
        position += 1
        var body: [UInt8] = []
        while position < bytes.count, bytes[position] != UInt8(ascii: ";") {
            guard body.count < 16, Self.isNameByte(bytes[position]) || bytes[position] == UInt8(ascii: "#") else {
                throw failure("\"&\" must start a reference such as &amp;", at: from)
            }
            body.append(bytes[position])
            position += 1
        }
        guard position < bytes.count, !body.isEmpty else { throw failure("\"&\" must start a reference such as &amp;", at: from) }
        position += 1
        let name = String(decoding: body, as: UTF8.self)
        switch name {
        case "lt": out.append(UInt8(ascii: "<"))
        case "gt": out.append(UInt8(ascii: ">"))
        case "amp": out.append(UInt8(ascii: "&"))
        case "apos": out.append(UInt8(ascii: "'"))
        case "quot": out.append(UInt8(ascii: "\""))
        default:
            guard name.hasPrefix("#") else {
                throw failure("undeclared entity &\(name); (no DTD is read: only &lt; &gt; &amp; &apos; &quot; and character references)", at: from)
            }
            let hex = name.hasPrefix("#x")
            let digits = name.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, let value = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value),
                  Self.isXMLChar(value) else {
                throw failure("character reference &\(name); is not a character XML allows", at: from)
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
        }
    }

    // MARK: Characters and names

    /// Appends the character at `position` (line ends normalized to LF) and moves past it.
    private mutating func appendChar(to out: inout [UInt8]) throws(XMLSyntaxError) {
        let byte = bytes[position]
        if byte == 0x0D {
            out.append(0x0A)
            position += bytes.indices.contains(position + 1) && bytes[position + 1] == 0x0A ? 2 : 1
            return
        }
        let length = try checkChar(at: position)
        out.append(contentsOf: bytes[position..<position + length])
        position += length
    }

    /// The UTF-8 length of the character at `offset`, checked against XML's `Char` production.
    @discardableResult
    private func checkChar(at offset: Int) throws(XMLSyntaxError) -> Int {
        let byte = bytes[offset]
        if byte < 0x80 {
            guard byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else {
                throw failure("character U+\(Self.hex(UInt32(byte))) (a control byte) is not allowed in XML", at: offset)
            }
            return 1
        }
        let length: Int
        var value: UInt32
        switch byte {
        case 0xC2...0xDF: length = 2; value = UInt32(byte & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(byte & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(byte & 0x07)
        default: throw failure("invalid UTF-8 (byte 0x\(Self.hex(UInt32(byte), width: 2)))", at: offset)
        }
        guard offset + length <= bytes.count else { throw failure("invalid UTF-8 (a truncated sequence)", at: offset) }
        for index in offset + 1..<offset + length {
            let continuation = bytes[index]
            guard continuation & 0xC0 == 0x80 else { throw failure("invalid UTF-8 (byte 0x\(Self.hex(UInt32(continuation), width: 2)))", at: index) }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, value <= 0x10FFFF else { throw failure("invalid UTF-8 (an overlong or out-of-range sequence)", at: offset) }
        guard Self.isXMLChar(value) else { throw failure("character U+\(Self.hex(value)) is not allowed in XML", at: offset) }
        return length
    }

    private mutating func name() throws(XMLSyntaxError) -> String {
        let from = position
        guard position < bytes.count, Self.isNameStart(bytes[position]) else { throw failure("expected a name", at: position) }
        while position < bytes.count, Self.isNameByte(bytes[position]) {
            if bytes[position] < 0x80 { position += 1 } else { position += try checkChar(at: position) }
        }
        return String(decoding: bytes[from..<position], as: UTF8.self)
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let from = position
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
        return position > from
    }

    private func peek(_ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { literal in
            guard position + literal.count <= bytes.count else { return false }
            for index in 0..<literal.count where bytes[position + index] != literal[index] { return false }
            return true
        }
    }

    private func failure(_ reason: String, at offset: Int) -> XMLSyntaxError {
        let line = bytes[..<min(offset, bytes.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return XMLSyntaxError(reason: reason, offset: offset, line: line)
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// ASCII letters, `_`, `:`, or the lead byte of a non-ASCII character (checked as UTF-8 when read).
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0xC2
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// XML 1.0's `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    static func isXMLChar(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
            || (0x10000...0x10FFFF).contains(value)
    }

    static func hex(_ value: UInt32, width: Int = 4) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
