/// Why an input is not well-formed XML (or uses what this reader refuses: a DTD, an entity),
/// with the 0-based byte offset where it was noticed.
package struct XMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `character U+0002 is not allowed in XML`.
    package var reason: String
    /// 0-based byte offset of the offending byte.
    package var offset: Int
    /// 1-based line of the offset.
    package var line: Int

    /// `not well-formed XML at byte offset N (line L): reason`.
    package var description: String {
        "not well-formed XML at byte offset \(offset) (line \(line)): \(reason)"
    }
}
