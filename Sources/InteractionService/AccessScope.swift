/// What a token may do: `read` reads, `write` also writes (SPEC section 6).
package enum AccessScope: String, Sendable, Equatable, Comparable {
    /// Reads only.
    case read
    /// Writes and reads.
    case write

    /// Whether this scope covers `needed`.
    package func allows(_ needed: AccessScope) -> Bool { self >= needed }

    /// `read` < `write`.
    package static func < (lhs: AccessScope, rhs: AccessScope) -> Bool { lhs == .read && rhs == .write }
}
