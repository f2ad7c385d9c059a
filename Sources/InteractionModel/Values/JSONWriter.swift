/// Writes JSON text by hand: exact control over escaping, key order and number formats.
package enum JSONWriter {
    /// `text` as a JSON string literal; control characters (NUL included) escaped, non-ASCII kept.
    package static func quote(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal (what `quote` returns) to `out`: not generic, so
    /// a caller in another module (the event encoder, for every string of a log) gets the fast
    /// path without specializing anything.
    package static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text  // withUTF8 may make a bridged string contiguous: a copy, not the caller's
        text.withUTF8 { appendQuoted(contiguous: $0, to: &out) }
    }

    /// Appends the UTF-8 `bytes` as a JSON string literal (what `quote` returns) to `out`.
    package static func appendQuoted<Bytes: Sequence>(_ bytes: Bytes, to out: inout [UInt8]) where Bytes.Element == UInt8 {
        // Contiguous bytes (a native String's UTF-8, an array) go the fast way: the runs that need
        // no escape are copied whole. The event encoder writes every string of a log through here.
        let copied: Void? = bytes.withContiguousStorageIfAvailable { appendQuoted(contiguous: $0, to: &out) }
        if copied != nil { return }
        out.append(UInt8(ascii: "\""))
        for byte in bytes { appendByte(byte, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// `appendQuoted` for bytes in one buffer.
    private static func appendQuoted(contiguous bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var plain = 0  // start of the run of bytes written as they are
        for index in 0 ..< bytes.count where needsEscape(bytes[index]) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain ..< index]))
            appendByte(bytes[index], to: &out)
            plain = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain ..< bytes.count]))
        out.append(UInt8(ascii: "\""))
    }

    /// Whether a byte is written as an escape: the quote, the backslash and control characters.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Appends one byte of a string literal's body, escaped when it must be.
    private static func appendByte(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
        case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
        case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
        case 0x00..<0x20:
            out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, Hex.digits[Int(byte >> 4)], Hex.digits[Int(byte & 0xF)]])
        default: out.append(byte)
        }
    }

    /// A double as a JSON number (integral values without a fraction, never NaN or infinity).
    package static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// One JSON object from ordered key–value pairs.
    package static func object(_ pairs: [(String, Cell)]) -> String {
        "{" + pairs.map { quote($0.0) + ":" + $0.1.json }.joined(separator: ",") + "}"
    }
}
