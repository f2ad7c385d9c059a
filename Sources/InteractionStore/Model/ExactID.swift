/// An id compared as exact bytes (SPEC section 2: case-sensitive, no Unicode normalization).
///
/// Swift's `String ==` treats canonically equivalent strings as equal ("é" precomposed equals
/// "e" + combining acute), and so do `Dictionary<String, …>` keys; SQLite compares bytes. The
/// rules key their state by this type so both sides agree.
public struct ExactID: Hashable, Sendable, CustomStringConvertible {
    /// The id as given.
    public let text: String

    /// Wraps an id.
    public init(_ text: String) { self.text = text }

    /// Byte-wise equality of the UTF-8 encodings.
    public static func == (lhs: ExactID, rhs: ExactID) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

    /// Hashes the UTF-8 bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(text.utf8.count)
        for byte in text.utf8 { hasher.combine(byte) }
    }

    /// The id itself.
    public var description: String { text }
}

extension String {
    /// True when both strings have the same UTF-8 bytes (ids are compared this way).
    func same(_ other: String?) -> Bool {
        guard let other else { return false }
        return utf8.elementsEqual(other.utf8)
    }
}

extension Optional where Wrapped == String {
    /// True when both are nil or have the same UTF-8 bytes.
    func same(_ other: String?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case let (lhs?, rhs): return lhs.same(rhs)
        default: return false
        }
    }
}

extension Dictionary where Key == ExactID {
    /// Access by the id's text, compared as exact bytes.
    subscript(_ id: String) -> Value? {
        get { self[ExactID(id)] }
        set { self[ExactID(id)] = newValue }
    }
}
