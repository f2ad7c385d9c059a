/// Masks e-mail addresses, payment card numbers and phone numbers in free text, for
/// `storectl export --redact`. A small hand-written scanner over the UTF-8 bytes: the patterns
/// are ASCII, so every other byte (non-ASCII text included) is copied through unchanged.
///
/// ```swift
/// Redactor().redact("Card 4111 1111 1111 1111, call +1 (555) 123-4567 or mail dana@example.com")
/// // "Card [card], call [phone] or mail [email]"
/// ```
///
/// Exactly what is masked, in this order:
///
/// 1. **E-mail addresses → `[email]`.** `LOCAL@DOMAIN`, where LOCAL is one or more of
///    `A–Z a–z 0–9 . _ % + - '` (leading dots dropped) and DOMAIN is two or more dot-separated
///    labels of `A–Z a–z 0–9 -` (no label empty or starting or ending with `-`) whose last label
///    is 2+ letters. `user@localhost` or a bare `@mention` is not an address.
/// 2. **Digit runs** are then read as groups of ASCII digits joined by separators of at most
///    three characters from space, `-`, `(` and `)` (at most one `-`, one `(` — only right
///    before a group — and one `)` — only right after one). A run may start with `+` or `(`.
///    A run is considered only when it stands alone: the character before it is not a letter,
///    a digit or one of `# - _ / . + @ & = % $` (so `ORD-1234567`, `#1234567`, `$1234567` and
///    the decimals of `3.14159265` are never runs), and the character after it is not a letter,
///    a digit, `@`, or `.` `,` `:` `/` `-` followed by a digit or letter (so `1234567.89`,
///    `1,234,567`, `2026-11-24T09:00` and `12:30:45` are left alone).
/// 3. **Dates are cut out of runs** and never masked: `YYYY-MM-DD` and `DD-MM-YYYY` /
///    `MM-DD-YYYY` (three groups joined by single `-`, month 1–12, day 1–31). What remains on
///    either side of a date is judged on its own.
/// 4. **Payment card numbers → `[card]`.** A run (or part between dates) of 13–19 digits whose
///    separators are single spaces or single dashes (no `+`, no parentheses) and that passes
///    the Luhn check.
/// 5. **Phone numbers → `[phone]`.** Any other run (or part) with 7–15 digits (the E.164
///    maximum), `+` and parentheses included in the mask. So a standalone 7+ digit number such as
///    an account number is masked too (redaction errs on the side of masking), while shorter
///    numbers (`ORD 12345`, `#12345`, times, amounts) stay.
///
/// Not masked: digits of 16–19 that fail the Luhn check (not a card, too long for a phone),
/// numbers with fewer than 7 digits, anything written with letters (`five five five…`), and
/// identifiers (contact, agent, interaction ids are export keys and are kept verbatim).
/// Contact names are replaced whole by `[redacted]` (`Redactor.contactName`), not scanned.
package struct Redactor: Sendable {
    /// What a contact's name becomes.
    package static let contactName = "[redacted]"

    /// Creates a redactor.
    package init() {}

    /// `text` with every e-mail address, card number and phone number replaced.
    package func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        // Nothing to do without an '@' or a digit: the common case costs one scan.
        guard bytes.contains(where: { $0 == Self.at || Self.isDigit($0) }) else { return text }
        let withoutEmails = bytes.contains(Self.at) ? maskEmails(bytes) : bytes
        let masked = maskNumbers(withoutEmails)
        return masked == bytes ? text : String(decoding: masked, as: UTF8.self)
    }

    // MARK: Character classes

    private static let at = UInt8(ascii: "@")
    private static let dot = UInt8(ascii: ".")
    private static let dash = UInt8(ascii: "-")
    private static let plus = UInt8(ascii: "+")
    private static let space = UInt8(ascii: " ")
    private static let open = UInt8(ascii: "(")
    private static let close = UInt8(ascii: ")")
    private static let emailMask = Array("[email]".utf8)
    private static let phoneMask = Array("[phone]".utf8)
    private static let cardMask = Array("[card]".utf8)

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }

    private static func isLocalPart(_ b: UInt8) -> Bool {
        isAlnum(b) || b == dot || b == UInt8(ascii: "_") || b == UInt8(ascii: "%") || b == plus || b == dash || b == UInt8(ascii: "'")
    }

    private static func isDomainPart(_ b: UInt8) -> Bool { isAlnum(b) || b == dot || b == dash }

    /// Characters that glue a digit run to the word before it (`ORD-…`, `#…`, `$…`, `3.14…`).
    private static func gluesBefore(_ b: UInt8) -> Bool {
        isAlnum(b) || "#-_/.+@&=%$".utf8.contains(b)
    }

    private static func isSeparator(_ b: UInt8) -> Bool { b == space || b == dash || b == open || b == close }

    // MARK: E-mail

    private func maskEmails(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0  // bytes[..<copied] are in `out`
        var i = 0
        while i < bytes.count {
            guard bytes[i] == Self.at else { i += 1; continue }
            var start = i
            while start > copied, Self.isLocalPart(bytes[start - 1]) { start -= 1 }
            while start < i, bytes[start] == Self.dot { start += 1 }
            var end = i + 1
            while end < bytes.count, Self.isDomainPart(bytes[end]) { end += 1 }
            while end > i + 1, bytes[end - 1] == Self.dot || bytes[end - 1] == Self.dash { end -= 1 }
            if start < i, Self.isDomain(bytes[(i + 1)..<end]) {
                out.append(contentsOf: bytes[copied..<start])
                out.append(contentsOf: Self.emailMask)
                copied = end
                i = end
            } else {
                i += 1
            }
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    private static func isDomain(_ domain: ArraySlice<UInt8>) -> Bool {
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy(isLetter) else { return false }
        return labels.allSatisfy { !$0.isEmpty && $0.first != dash && $0.last != dash }
    }

    // MARK: Digit runs

    /// One group of digits and the separator bytes right before it.
    private struct Group {
        var separator: Range<Int>
        var digits: Range<Int>
    }

    private func maskNumbers(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let startsRun = Self.isDigit(b)
                || (b == Self.plus && i + 1 < bytes.count && (Self.isDigit(bytes[i + 1])
                    || (bytes[i + 1] == Self.open && i + 2 < bytes.count && Self.isDigit(bytes[i + 2]))))
                || (b == Self.open && i + 1 < bytes.count && Self.isDigit(bytes[i + 1]))
            guard startsRun else {
                out.append(b)
                i += 1
                continue
            }
            if i > 0, Self.gluesBefore(bytes[i - 1]) {
                // Part of a word (`ORD-1234567`, `v2`, `3.14`): copy the word's digits as they are.
                var j = i
                if !Self.isDigit(bytes[j]) { out.append(bytes[j]); j += 1 }
                while j < bytes.count, Self.isAlnum(bytes[j]) { out.append(bytes[j]); j += 1 }
                i = j
                continue
            }
            let (groups, end) = readRun(bytes, from: i)
            guard isFreeStanding(bytes, end: end) else {
                out.append(contentsOf: bytes[i..<end])
                i = end
                continue
            }
            emitRun(bytes, start: i, groups: groups, end: end, into: &out)
            i = end
        }
        return out
    }

    /// Reads the run starting at `start` (a digit, `+` or `(`): its groups and where it ends.
    private func readRun(_ bytes: [UInt8], from start: Int) -> ([Group], Int) {
        var groups: [Group] = []
        var j = start
        if bytes[j] == Self.plus { j += 1 }
        var open = 0
        // The first separator may only be `(`.
        let firstSeparatorStart = j
        if bytes[j] == Self.open { j += 1; open += 1 }
        var digitStart = j
        while j < bytes.count, Self.isDigit(bytes[j]) { j += 1 }
        groups.append(Group(separator: firstSeparatorStart..<digitStart, digits: digitStart..<j))
        while j < bytes.count {
            let separatorStart = j
            var k = j
            while k < bytes.count, k - separatorStart < 3, Self.isSeparator(bytes[k]) { k += 1 }
            guard k < bytes.count, Self.isDigit(bytes[k]), k > separatorStart,
                  Self.isValidSeparator(bytes[separatorStart..<k]) else { break }
            open += bytes[separatorStart..<k].filter { $0 == Self.open }.count
            open -= bytes[separatorStart..<k].filter { $0 == Self.close }.count
            digitStart = k
            j = k
            while j < bytes.count, Self.isDigit(bytes[j]) { j += 1 }
            groups.append(Group(separator: separatorStart..<digitStart, digits: digitStart..<j))
        }
        // A `(` opened in the run and closed right after it belongs to it: `(555)`.
        if open > 0, j < bytes.count, bytes[j] == Self.close { j += 1 }
        return (groups, j)
    }

    private static func isValidSeparator(_ separator: ArraySlice<UInt8>) -> Bool {
        var dashes = 0, opens = 0, closes = 0
        for (offset, b) in zip(separator.indices, separator) {
            switch b {
            case dash: dashes += 1
            case open:
                opens += 1
                if offset != separator.index(before: separator.endIndex) { return false }  // `(` right before digits
            case close:
                closes += 1
                if offset != separator.startIndex { return false }  // `)` right after digits
            default: break
            }
        }
        return dashes <= 1 && opens <= 1 && closes <= 1
    }

    /// True when what follows the run does not glue it to a word or a bigger number.
    private func isFreeStanding(_ bytes: [UInt8], end: Int) -> Bool {
        guard end < bytes.count else { return true }
        let next = bytes[end]
        if Self.isAlnum(next) || next == Self.at { return false }
        if ".,:/-".utf8.contains(next), end + 1 < bytes.count, Self.isAlnum(bytes[end + 1]) { return false }
        return true
    }

    /// Writes the run, masking its parts between dates that are cards or phones.
    private func emitRun(_ bytes: [UInt8], start: Int, groups: [Group], end: Int, into out: inout [UInt8]) {
        var copied = start
        var partStart = 0  // index into groups
        // An opening `(` that the run never closes is punctuation around it, not part of it.
        let run = bytes[start..<end]
        let leadingParenthesisIsOwn = bytes[start] != Self.open
            || run.filter({ $0 == Self.open }).count == run.filter({ $0 == Self.close }).count
        var index = 0
        func flushPart(upTo partEnd: Int) {
            guard partStart < partEnd else { return }
            let part = groups[partStart..<partEnd]
            // The first part owns the run's leading `+` / `(`; a later part starts at its digits.
            let from = partStart == 0 && leadingParenthesisIsOwn ? start : part.first!.digits.lowerBound
            var to = part.last!.digits.upperBound
            if partEnd == groups.count, end > to, bytes[end - 1] == Self.close { to = end }
            if let mask = classify(bytes, part, from: from, to: to) {
                out.append(contentsOf: bytes[copied..<from])
                out.append(contentsOf: mask)
                copied = to
            }
        }
        while index < groups.count {
            if index + 2 < groups.count, isDate(bytes, groups[index], groups[index + 1], groups[index + 2]) {
                flushPart(upTo: index)
                index += 3
                partStart = index
            } else {
                index += 1
            }
        }
        flushPart(upTo: groups.count)
        out.append(contentsOf: bytes[copied..<end])
    }

    /// `[card]`, `[phone]` or nil for the groups of one part spanning `from..<to`.
    private func classify(_ bytes: [UInt8], _ part: ArraySlice<Group>, from: Int, to: Int) -> [UInt8]? {
        let digitCount = part.reduce(0) { $0 + $1.digits.count }
        let span = bytes[from..<to]
        let plain = !span.contains(Self.plus) && !span.contains(Self.open) && !span.contains(Self.close)
            && part.dropFirst().allSatisfy { $0.separator.count == 1 }
        if plain, (13...19).contains(digitCount), Self.passesLuhn(bytes, part) { return Self.cardMask }
        if (7...15).contains(digitCount) { return Self.phoneMask }
        return nil
    }

    private func isDate(_ bytes: [UInt8], _ a: Group, _ b: Group, _ c: Group) -> Bool {
        func joinedByDash(_ group: Group) -> Bool { group.separator.count == 1 && bytes[group.separator.lowerBound] == Self.dash }
        guard joinedByDash(b), joinedByDash(c) else { return false }
        func value(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let (x, y) = (value(a.digits), value(b.digits))
        switch (a.digits.count, b.digits.count, c.digits.count) {
        case (4, 2, 2): return (1...12).contains(y) && (1...31).contains(value(c.digits))
        case (2, 2, 4): return ((1...31).contains(x) && (1...12).contains(y)) || ((1...12).contains(x) && (1...31).contains(y))
        default: return false
        }
    }

    /// The Luhn checksum of the part's digits.
    private static func passesLuhn(_ bytes: [UInt8], _ part: ArraySlice<Group>) -> Bool {
        var sum = 0
        var double = false
        for group in part.reversed() {
            for index in group.digits.reversed() {
                var d = Int(bytes[index] - 0x30)
                if double { d *= 2; if d > 9 { d -= 9 } }
                sum += d
                double.toggle()
            }
        }
        return sum % 10 == 0
    }
}
