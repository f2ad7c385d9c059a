#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An id compared as exact bytes: case-sensitive, no Unicode normalization (Docs/EventFormat.md#ids).
///
/// Swift's `String ==` treats canonically equivalent strings as equal ("é" precomposed equals
/// "e" + combining acute), and so do `Dictionary<String, …>` keys; SQLite compares bytes. The
/// rules key their state by this type so both sides agree.
package struct ExactID: Hashable, Sendable, CustomStringConvertible {
    /// The id as given.
    package let text: String

    /// Wraps an id.
    package init(_ text: String) { self.text = text }

    /// Byte-wise equality of the UTF-8 encodings.
    package static func == (lhs: ExactID, rhs: ExactID) -> Bool { lhs.text.same(rhs.text) }

    /// Hashes the UTF-8 bytes (in one call when the string's storage is contiguous, as
    /// native strings are: ids are hashed for every dictionary lookup of the rules' state).
    package func hash(into hasher: inout Hasher) {
        hasher.combine(text.utf8.count)
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }  // the same bytes, the same hash
        }
    }

    /// The id itself.
    package var description: String { text }
}

extension String {
    /// True when both strings have the same UTF-8 bytes (ids are compared this way).
    package func same(_ other: String?) -> Bool {
        guard let other, utf8.count == other.utf8.count else { return false }
        // Native strings compare with one memcmp; others (bridged, substrings) byte by byte.
        let compared = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in
                guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return lhs.count == rhs.count }
                return memcmp(left, right, lhs.count) == 0
            }
        }
        if let compared, let result = compared { return result }
        return utf8.elementsEqual(other.utf8)
    }
}

extension Optional where Wrapped == String {
    /// True when both are nil or have the same UTF-8 bytes.
    package func same(_ other: String?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case let (lhs?, rhs): return lhs.same(rhs)
        default: return false
        }
    }
}

extension Dictionary where Key == ExactID {
    /// Access by the id's text, compared as exact bytes.
    package subscript(_ id: String) -> Value? {
        get { self[ExactID(id)] }
        set { self[ExactID(id)] = newValue }
    }
}
