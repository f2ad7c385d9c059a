extension Parser {
    /// Describes the byte at `index` where something else was expected.
    func unexpected(expecting expected: String? = nil) -> JSONSyntaxError {
        let suffix = expected.map { " (expected \($0))" } ?? ""
        guard index < count else {
            return JSONSyntaxError(reason: "unexpected end of input" + suffix, offset: index)
        }
        let b = bytes[index]
        if b < 0x80 {
            let shown = b > 0x20 && b < 0x7F
                ? "'\(Character(Unicode.Scalar(b)))'"
                : "U+\(Parser.hex4String(UInt32(b)).uppercased())"
            return JSONSyntaxError(reason: "unexpected character \(shown)" + suffix, offset: index)
        }
        guard let length = utf8Length(at: index) else {
            return JSONSyntaxError(reason: "invalid UTF-8", offset: index)
        }
        let text = makeString(from: index, to: index + length)
        let code = text.unicodeScalars.first.map { Parser.hex4String($0.value).uppercased() } ?? "?"
        return JSONSyntaxError(reason: "unexpected character '\(text)' (U+\(code))" + suffix, offset: index)
    }

    /// Lowercase hex, at least four digits, as in `\ud800` and `U+FEFF`.
    static func hex4String(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    }
}
