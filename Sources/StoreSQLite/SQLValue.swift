/// A value SQLite stores: one of its five storage classes.
package enum SQLValue: Sendable, Equatable, Hashable {
    /// `NULL`.
    case null
    /// A 64-bit signed integer.
    case integer(Int64)
    /// An IEEE double.
    case real(Double)
    /// UTF-8 text; may contain NUL characters, which are kept.
    case text(String)
    /// Raw bytes.
    case blob([UInt8])
}

/// A Swift value that can be bound to a statement parameter.
package protocol SQLBindable: Sendable {
    /// The value as SQLite stores it.
    var sqlValue: SQLValue { get }
}

extension Int64: SQLBindable {
    /// The value as an SQLite integer.
    package var sqlValue: SQLValue { .integer(self) }
}

extension Int: SQLBindable {
    /// The value as an SQLite integer.
    package var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLBindable {
    /// The value as an SQLite real.
    package var sqlValue: SQLValue { .real(self) }
}

extension String: SQLBindable {
    /// The value as SQLite text.
    package var sqlValue: SQLValue { .text(self) }
}

extension Bool: SQLBindable {
    /// The value as an SQLite integer, 0 or 1.
    package var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Array: SQLBindable where Element == UInt8 {
    /// The value as an SQLite blob.
    package var sqlValue: SQLValue { .blob(self) }
}

extension SQLValue: SQLBindable {
    /// The value itself.
    package var sqlValue: SQLValue { self }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    /// The wrapped value, or `NULL`.
    package var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
