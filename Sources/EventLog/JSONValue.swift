/// A JSON value as parsed; objects keep their keys in input order.
///
/// Numbers keep their lexeme because the event log may carry values no Swift numeric
/// type holds exactly (`1e999999`, 30-digit integers), and converting would make two
/// different inputs compare equal or lose the way a value was written.
///
/// Equality is exact: strings (and keys) compare by their UTF-8 bytes, not by Swift's
/// Unicode canonical equivalence, because the store compares ids as exact bytes; numbers
/// compare by lexeme; objects compare as JSON objects, i.e. regardless of member order.
package enum JSONValue: Sendable, Equatable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number, as its lexeme exactly as written, e.g. `"-1.5e3"`.
    case number(String)
    /// A string after unescaping; may contain NUL characters.
    case string(String)
    /// An array, in input order.
    case array([JSONValue])
    /// An object, its members in input order.
    case object(JSONObject)

    /// Exact equality: byte-wise strings, lexeme-wise numbers, order-insensitive objects.
    ///
    /// Hand-written because the synthesized version would compare strings by canonical
    /// equivalence ("é" precomposed would equal "e" + combining accent), which the store's
    /// byte-exact identity rule forbids.
    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case (.bool(let a), .bool(let b)):
            return a == b
        case (.number(let a), .number(let b)):
            return JSONValue.sameBytes(a, b)
        case (.string(let a), .string(let b)):
            return JSONValue.sameBytes(a, b)
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for index in a.indices where a[index] != b[index] {
                return false
            }
            return true
        case (.object(let a), .object(let b)):
            return a == b
        default:
            return false
        }
    }

    /// Byte-wise string comparison; Swift's `==` would apply Unicode canonical equivalence.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.same(b)  // one memcmp of the UTF-8 storage (keys are looked up for every field)
    }
}

/// A JSON object: its members in input order (keys are unique: duplicates are a parse error).
///
/// Stored as an ordered list rather than a dictionary because event objects are small
/// (linear search beats hashing there) and because input order matters for messages.
package struct JSONObject: Sendable, Equatable {
    /// The members in input order.
    package var members: [(key: String, value: JSONValue)]

    /// Creates an object from members already known to have unique keys.
    package init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value of the member whose key has exactly these UTF-8 bytes, if any.
    package subscript(key: String) -> JSONValue? {
        for member in members where JSONValue.sameBytes(member.key, key) {
            return member.value
        }
        return nil
    }

    /// JSON object equality: the same keys (byte-exact) with equal values, in any order.
    ///
    /// Order-insensitive because the store treats two events that differ only in key
    /// order as the same event.
    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        // Linear search is quadratic; only large objects pay for building an index.
        if lhs.members.count <= 16 {
            for member in lhs.members {
                guard let other = rhs[member.key], other == member.value else { return false }
            }
            return true
        }
        var index: [[UInt8]: Int] = [:]
        index.reserveCapacity(rhs.members.count)
        for (position, member) in rhs.members.enumerated() {
            index[Array(member.key.utf8)] = position
        }
        for member in lhs.members {
            guard let position = index[Array(member.key.utf8)],
                  rhs.members[position].value == member.value
            else { return false }
        }
        return true
    }
}

/// Why a line is not valid JSON, with the byte offset (0-based) where it was noticed.
package struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A short human-readable reason, e.g. `duplicate key "at"` or `invalid UTF-8`.
    package var reason: String
    /// The 0-based byte offset in the input where the problem was noticed.
    package var offset: Int
    /// The string value of the top-level object's `id` member when it was parsed before the
    /// problem (so an import can name the event); nil otherwise, and for non-string ids.
    package var topLevelID: String?

    /// `<reason> at byte <offset+1>`: 1-based because that is how people count columns
    /// (Docs/EventFormat.md#errors).
    package var description: String {
        "\(reason) at byte \(offset + 1)"
    }
}
