/// Why a transcript could not be converted: not well-formed, or not of the platform's shape.
package struct ConversionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    package var reason: String
    /// 0-based byte offset where it was noticed, when known.
    package var offset: Int?
    /// The element or JSON path it concerns (`partyLeft eventId="376"`, `Transcript[4]`), when known.
    package var element: String?

    /// Creates an error.
    package init(reason: String, offset: Int? = nil, element: String? = nil) {
        self.reason = reason
        self.offset = offset
        self.element = element
    }

    /// `byte offset N: reason`, `ELEMENT: reason`, or both.
    package var description: String {
        var place: [String] = []
        if let element { place.append(element) }
        if let offset { place.append("byte offset \(offset)") }
        return place.isEmpty ? reason : place.joined(separator: " at ") + ": " + reason
    }

    init(_ syntax: XMLSyntaxError) {
        self.init(reason: "not well-formed XML (line \(syntax.line)): \(syntax.reason)", offset: syntax.offset)
    }
}
