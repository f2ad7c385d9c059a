/// Why an input is not well-formed XML (or uses what this reader refuses: a DTD, an entity),
/// with the 0-based byte offset where it was noticed.
public struct XMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `character U+0002 is not allowed in XML`.
    public var reason: String
    /// 0-based byte offset of the offending byte.
    public var offset: Int
    /// 1-based line of the offset.
    public var line: Int

    /// Creates an error.
    public init(reason: String, offset: Int, line: Int) {
        self.reason = reason
        self.offset = offset
        self.line = line
    }

    /// `not well-formed XML at byte offset N (line L): reason`.
    public var description: String {
        "not well-formed XML at byte offset \(offset) (line \(line)): \(reason)"
    }
}
