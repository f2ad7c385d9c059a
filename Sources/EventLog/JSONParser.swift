import InteractionModel
/// A strict RFC 8259 JSON parser over UTF-8 bytes, for one NDJSON line at a time (what it
/// refuses: Docs/EventFormat.md#lines).
///
/// Written by hand rather than with Foundation's `JSONSerialization` because importing a
/// million-event log must be fast and because the store needs what Foundation does not
/// give: duplicate keys rejected, number lexemes kept verbatim, `\u0000` preserved, lone
/// surrogate escapes rejected, and byte offsets in every error.
///
/// Containers are parsed with an explicit stack instead of recursion, so hostile input
/// (a 10 MB line of `[`) cannot exhaust the call stack; it stops at the depth limit.
package enum JSONParser {
    /// Deepest nesting of arrays and objects accepted; events need three or four levels,
    /// so anything deeper is garbage or an attack, and a bound keeps work predictable.
    package static let maximumDepth = 64

    /// Parses exactly one JSON value (surrounded by optional JSON whitespace: space, tab, LF, CR).
    ///
    /// - Throws: `JSONSyntaxError` with the byte offset of the fault and, when the value is an
    ///   object whose `id` member held a string parsed before the fault, that string
    ///   (`topLevelID`), so a log line can be named by its event id.
    package static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        // Bytes have no alignment or trap representation, so viewing the memory as UInt8
        // is sound whatever it was bound to; typed pointers give contiguous fast copies.
        let typed = UnsafeBufferPointer<UInt8>(
            start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
            count: bytes.count
        )
        var parser = Parser(typed)
        return try parser.parseDocument()
    }

    /// Parses exactly one JSON value from an array of UTF-8 bytes.
    package static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        // A Result carries the typed error out of the closure without relying on
        // `withUnsafeBytes` forwarding typed throws.
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBytes { raw in
            do throws(JSONSyntaxError) {
                return .success(try parse(raw))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses exactly one JSON value from a string's UTF-8 form.
    ///
    /// A Swift `String` is always valid UTF-8, so only the JSON rules can fail here.
    package static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONSyntaxError> = text.withUTF8 { utf8 in
            do throws(JSONSyntaxError) {
                return .success(try parse(UnsafeRawBufferPointer(utf8)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

// MARK: - Byte constants

private enum Byte {
    static let quote: UInt8 = 0x22          // "
    static let backslash: UInt8 = 0x5C      // \
    static let slash: UInt8 = 0x2F          // /
    static let comma: UInt8 = 0x2C          // ,
    static let colon: UInt8 = 0x3A          // :
    static let openBracket: UInt8 = 0x5B    // [
    static let closeBracket: UInt8 = 0x5D   // ]
    static let openBrace: UInt8 = 0x7B      // {
    static let closeBrace: UInt8 = 0x7D     // }
    static let minus: UInt8 = 0x2D          // -
    static let plus: UInt8 = 0x2B           // +
    static let dot: UInt8 = 0x2E            // .
    static let zero: UInt8 = 0x30
    static let one: UInt8 = 0x31
    static let nine: UInt8 = 0x39
    static let lowerE: UInt8 = 0x65
    static let upperE: UInt8 = 0x45
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
}

// MARK: - The parser

/// One open array or object on the explicit parse stack.
struct Frame {
    var isObject: Bool
    var elements: [JSONValue] = []
    var members: [(key: String, value: JSONValue)] = []
    /// The key whose value is being parsed (objects only).
    var pendingKey: String = ""
    /// Built only once an object grows large, so duplicate detection stays linear-time
    /// overall without paying for hashing in the common small object.
    var keySet: Set<[UInt8]>? = nil

    init(isObject: Bool) {
        self.isObject = isObject
        // Events have about eight members; reserving avoids several regrowths per line.
        if isObject {
            members.reserveCapacity(8)
        }
    }
}

/// The scanner over one document (its error messages are in JSONParser+Errors.swift).
struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    var index = 0
    /// Reused across escaped strings so unescaping does not allocate per string.
    var scratch: [UInt8] = []
    /// The top-level object's `id` string once parsed, carried by any later error.
    var topLevelID: String?

    /// Objects up to this many members are checked for duplicates by linear search.
    static let linearKeySearchLimit = 16

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.count = bytes.count
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        do throws(JSONSyntaxError) {
            return try parseDocumentValue()
        } catch {
            var error = error
            error.topLevelID = topLevelID
            throw error
        }
    }

    mutating func parseDocumentValue() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard index < count else {
            throw JSONSyntaxError(reason: "empty input", offset: 0)
        }
        if count - index >= 3, bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
            throw JSONSyntaxError(reason: "byte order mark at start of line", offset: index)
        }
        let value = try parseValue()
        skipWhitespace()
        if index < count {
            // Invalid UTF-8 is the more fundamental problem, so it wins when both apply.
            if bytes[index] >= 0x80, utf8Length(at: index) == nil {
                throw JSONSyntaxError(reason: "invalid UTF-8", offset: index)
            }
            throw JSONSyntaxError(reason: "unexpected data after the JSON value", offset: index)
        }
        return value
    }

    @inline(__always)
    mutating func skipWhitespace() {
        var i = index
        while i < count {
            switch bytes[i] {
            case Byte.space, Byte.tab, Byte.lineFeed, Byte.carriageReturn:
                i += 1
            default:
                index = i
                return
            }
        }
        index = i
    }

    /// Parses one value, nested containers included, iteratively.
    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        var stack: [Frame] = []
        var value: JSONValue
        readValue: while true {
            skipWhitespace()
            guard index < count else { throw unexpected() }
            switch bytes[index] {
            case Byte.openBrace, Byte.openBracket:
                let isObject = bytes[index] == Byte.openBrace
                guard stack.count < JSONParser.maximumDepth else { throw tooDeep() }
                index += 1
                skipWhitespace()
                if index < count, bytes[index] == (isObject ? Byte.closeBrace : Byte.closeBracket) {
                    index += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    var frame = Frame(isObject: isObject)
                    if isObject { try readKey(into: &frame) }
                    stack.append(frame)
                    continue readValue
                }
            case Byte.quote:
                value = .string(try parseString())
            case Byte.minus, Byte.zero...Byte.nine:
                value = .number(try parseNumber())
            case Byte.plus, Byte.dot:
                // Someone wrote a number JSON does not allow; say so rather than
                // complaining about a mysterious character.
                throw JSONSyntaxError(reason: "invalid number", offset: index)
            case 0x74: // t
                try parseLiteral(Parser.trueBytes)
                value = .bool(true)
            case 0x66: // f
                try parseLiteral(Parser.falseBytes)
                value = .bool(false)
            case 0x6E: // n
                try parseLiteral(Parser.nullBytes)
                value = .null
            default:
                throw unexpected()
            }

            // Attach the finished value to its container, closing every container that
            // ends right after it.
            while true {
                let top = stack.count - 1
                guard top >= 0 else { return value }
                skipWhitespace()
                if stack[top].isObject {
                    if top == 0, topLevelID == nil, case .string(let text) = value, JSONValue.sameBytes(stack[0].pendingKey, "id") {
                        topLevelID = text
                    }
                    stack[top].members.append((key: stack[top].pendingKey, value: value))
                    guard index < count else { throw unexpected() }
                    switch bytes[index] {
                    case Byte.comma:
                        index += 1
                        skipWhitespace()
                        try readKey(into: &stack[top])
                        continue readValue
                    case Byte.closeBrace:
                        index += 1
                        let frame = stack.removeLast()
                        value = .object(JSONObject(frame.members))
                    default:
                        throw unexpected(expecting: "',' or '}'")
                    }
                } else {
                    stack[top].elements.append(value)
                    guard index < count else { throw unexpected() }
                    switch bytes[index] {
                    case Byte.comma:
                        index += 1
                        continue readValue
                    case Byte.closeBracket:
                        index += 1
                        let frame = stack.removeLast()
                        value = .array(frame.elements)
                    default:
                        throw unexpected(expecting: "',' or ']'")
                    }
                }
            }
        }
    }

    func tooDeep() -> JSONSyntaxError {
        JSONSyntaxError(reason: "nesting deeper than \(JSONParser.maximumDepth) levels", offset: index)
    }

    /// Reads `"key" :` (whitespace already skipped before the key) and records the key.
    mutating func readKey(into frame: inout Frame) throws(JSONSyntaxError) {
        guard index < count, bytes[index] == Byte.quote else {
            throw unexpected(expecting: "a string key")
        }
        let keyOffset = index
        let key = try parseString()
        guard Parser.insertKey(key, into: &frame) else {
            throw JSONSyntaxError(reason: "duplicate key \(shown(key))", offset: keyOffset)
        }
        frame.pendingKey = key
        skipWhitespace()
        guard index < count, bytes[index] == Byte.colon else {
            throw unexpected(expecting: "':'")
        }
        index += 1
    }

    /// Returns false when the object already has this key (byte-exact comparison).
    static func insertKey(_ key: String, into frame: inout Frame) -> Bool {
        if let inserted = frame.keySet?.insert(Array(key.utf8)).inserted {
            return inserted
        }
        if frame.members.count < linearKeySearchLimit {
            for member in frame.members where JSONValue.sameBytes(member.key, key) {
                return false
            }
            return true
        }
        var set = Set<[UInt8]>(minimumCapacity: frame.members.count * 2)
        for member in frame.members {
            set.insert(Array(member.key.utf8))
        }
        let inserted = set.insert(Array(key.utf8)).inserted
        frame.keySet = set
        return inserted
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let quoteOffset = index
        let start = index + 1
        var i = start
        while i < count {
            let b = bytes[i]
            if b == Byte.quote {
                index = i + 1
                return makeString(from: start, to: i)
            }
            if b == Byte.backslash {
                index = i
                return try parseEscapedString(quoteOffset: quoteOffset, runStart: start)
            }
            i += try unescapedLength(b, at: i)
        }
        throw JSONSyntaxError(reason: "unterminated string", offset: quoteOffset)
    }

    /// The length of the string character starting with byte `b` at `i`, neither a quote nor a
    /// backslash: 1 for ASCII, the UTF-8 sequence's length otherwise.
    /// - Throws: `JSONSyntaxError` for a control character or invalid UTF-8.
    @inline(__always)
    private func unescapedLength(_ b: UInt8, at i: Int) throws(JSONSyntaxError) -> Int {
        if b < 0x20 { throw JSONSyntaxError(reason: "control character in string", offset: i) }
        if b < 0x80 { return 1 }
        guard let length = utf8Length(at: i) else { throw JSONSyntaxError(reason: "invalid UTF-8", offset: i) }
        return length
    }

    /// The slow path, entered at the first backslash: unescapes into `scratch`.
    mutating func parseEscapedString(quoteOffset: Int, runStart start: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        var i = index
        while i < count {
            let b = bytes[i]
            if b == Byte.quote {
                appendRun(from: runStart, to: i)
                index = i + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if b == Byte.backslash {
                appendRun(from: runStart, to: i)
                guard i + 1 < count else { break }
                switch bytes[i + 1] {
                case Byte.quote: scratch.append(Byte.quote)
                case Byte.backslash: scratch.append(Byte.backslash)
                case Byte.slash: scratch.append(Byte.slash)
                case 0x62: scratch.append(0x08) // b
                case 0x66: scratch.append(0x0C) // f
                case 0x6E: scratch.append(0x0A) // n
                case 0x72: scratch.append(0x0D) // r
                case 0x74: scratch.append(0x09) // t
                case 0x75: // u
                    index = i
                    let scalar = try readUnicodeEscape()
                    appendUTF8(scalar)
                    i = index
                    runStart = i
                    continue
                default:
                    let escaped = bytes[i + 1]
                    let reason = escaped > 0x20 && escaped < 0x7F
                        ? "invalid escape \\\(Character(Unicode.Scalar(escaped)))"
                        : "invalid escape"
                    throw JSONSyntaxError(reason: reason, offset: i)
                }
                i += 2
                runStart = i
                continue
            }
            i += try unescapedLength(b, at: i)
        }
        throw JSONSyntaxError(reason: "unterminated string", offset: quoteOffset)
    }

    /// Reads `\uXXXX` (and its low-surrogate partner) at `index`; returns the scalar value.
    mutating func readUnicodeEscape() throws(JSONSyntaxError) -> UInt32 {
        let escapeOffset = index
        guard let first = hex4(at: index + 2) else {
            throw JSONSyntaxError(reason: "invalid \\u escape", offset: escapeOffset)
        }
        index += 6
        switch first {
        case 0xD800...0xDBFF:
            guard count - index >= 2, bytes[index] == Byte.backslash, bytes[index + 1] == 0x75 else {
                throw Parser.loneSurrogate(first, at: escapeOffset)
            }
            guard let second = hex4(at: index + 2) else {
                throw JSONSyntaxError(reason: "invalid \\u escape", offset: index)
            }
            guard (0xDC00...0xDFFF).contains(second) else {
                throw Parser.loneSurrogate(first, at: escapeOffset)
            }
            index += 6
            return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw Parser.loneSurrogate(first, at: escapeOffset)
        default:
            return first
        }
    }

    static func loneSurrogate(_ value: UInt32, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError(reason: "lone surrogate escape \\u\(hex4String(value))", offset: offset)
    }

    /// Four hex digits at `offset` (either case), or nil if absent or not hex.
    func hex4(at offset: Int) -> UInt32? {
        guard offset >= 0, count - offset >= 4 else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let b = bytes[offset + k]
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x41 + 10
            case 0x61...0x66: digit = b - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(truncatingIfNeeded: scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }

    @inline(__always)
    mutating func appendRun(from start: Int, to end: Int) {
        if start < end {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    /// Bytes already validated as UTF-8 become a String in one copy.
    @inline(__always)
    func makeString(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Length of the well-formed UTF-8 sequence at `offset`, or nil (Unicode Table 3-7:
    /// rejects overlongs, UTF-8-encoded surrogates, values above U+10FFFF, truncation).
    func utf8Length(at offset: Int) -> Int? {
        guard offset >= 0, offset < count else { return nil }
        let lead = bytes[offset]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard count - offset >= length else { return nil }
        let second = bytes[offset + 1]
        guard second >= low, second <= high else { return nil }
        var k = 2
        while k < length {
            guard bytes[offset + k] & 0xC0 == 0x80 else { return nil }
            k += 1
        }
        return length
    }

    // MARK: Numbers and literals

    /// Scans a number by the RFC 8259 grammar and returns its lexeme.
    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        let invalid = JSONSyntaxError(reason: "invalid number", offset: start)
        var i = index
        if bytes[i] == Byte.minus { i += 1 }
        guard i < count else { throw invalid }
        if bytes[i] == Byte.zero {
            i += 1
        } else if bytes[i] >= Byte.one, bytes[i] <= Byte.nine {
            i += 1
            while i < count, Byte.isDigit(bytes[i]) { i += 1 }
        } else {
            throw invalid
        }
        if i < count, bytes[i] == Byte.dot {
            i += 1
            guard i < count, Byte.isDigit(bytes[i]) else { throw invalid }
            while i < count, Byte.isDigit(bytes[i]) { i += 1 }
        }
        if i < count, bytes[i] == Byte.lowerE || bytes[i] == Byte.upperE {
            i += 1
            if i < count, bytes[i] == Byte.plus || bytes[i] == Byte.minus { i += 1 }
            guard i < count, Byte.isDigit(bytes[i]) else { throw invalid }
            while i < count, Byte.isDigit(bytes[i]) { i += 1 }
        }
        // `01`, `1.2.3`, `1e5e`, `0x10` would otherwise be reported as stray characters later.
        if i < count {
            switch bytes[i] {
            case Byte.zero...Byte.nine, Byte.dot, Byte.plus, Byte.minus, 0x41...0x5A, 0x5F, 0x61...0x7A:
                throw invalid
            default:
                break
            }
        }
        index = i
        return makeString(from: start, to: i)
    }

    static let trueBytes: [UInt8] = Array("true".utf8)
    static let falseBytes: [UInt8] = Array("false".utf8)
    static let nullBytes: [UInt8] = Array("null".utf8)

    mutating func parseLiteral(_ word: [UInt8]) throws(JSONSyntaxError) {
        let start = index
        let invalid = JSONSyntaxError(reason: "invalid literal", offset: start)
        guard count - start >= word.count else { throw invalid }
        for k in 0..<word.count where bytes[start + k] != word[k] {
            throw invalid
        }
        let end = start + word.count
        // `nullx` or `true1` is one misspelled word, not a literal followed by junk.
        if end < count {
            let next = bytes[end]
            if (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A || Byte.isDigit(next) || next == 0x5F {
                throw invalid
            }
        }
        index = end
    }
}
