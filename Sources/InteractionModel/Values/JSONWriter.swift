/// Writes JSON text by hand: exact control over escaping, key order and number formats.
package enum JSONWriter {
    /// `text` as a JSON string literal; control characters (NUL included) escaped, non-ASCII kept.
    package static func quote(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 `bytes` as a JSON string literal (what `quote` returns) to `out`.
    package static func appendQuoted<Bytes: Sequence>(_ bytes: Bytes, to out: inout [UInt8]) where Bytes.Element == UInt8 {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
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
        out.append(UInt8(ascii: "\""))
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
