/// Links between console pages. Ids are stored verbatim whatever characters they hold, so
/// every id in a path or query is percent-encoded here before it is put in an attribute.
package enum ConsoleURL {
    /// The transcript page of an interaction.
    package static func transcript(_ interaction: String, as audience: String? = nil) -> String {
        "/interactions/" + component(interaction) + (audience.map { "?as=" + component($0) } ?? "")
    }

    /// The audit page of an interaction.
    package static func audit(_ interaction: String) -> String {
        "/interactions/" + component(interaction) + "/audit"
    }

    /// The live stream (SPEC section 6) of an interaction.
    package static func stream(_ interaction: String) -> String {
        "/v1/interactions/" + component(interaction) + "/stream"
    }

    /// `path` with a query of the pairs whose value is not nil, in order.
    package static func with(_ path: String, _ pairs: [(String, String?)]) -> String {
        let query = pairs.compactMap { key, value in value.map { component(key) + "=" + component($0) } }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, byte by byte of UTF-8.
    package static func component(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
