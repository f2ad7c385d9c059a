/// One piece of an XML document as `XMLTokenizer` reads it.
enum XMLToken: Equatable {
    /// `<name a="v" …>` (or `<name …/>`, then followed by an `end` of the same name).
    case start(name: String, attributes: [XMLAttribute], offset: Int)
    /// `</name>`, or the implicit end of an empty-element tag.
    case end(name: String, offset: Int)
    /// Character data (references resolved, line ends normalized), CDATA sections included.
    case text(String, offset: Int)
}

/// One attribute, its value normalized as XML 1.0 §3.3.3 says for CDATA attributes (each
/// tab, CR and LF becomes a space; references resolved).
struct XMLAttribute: Equatable {
    var name: String
    var value: String
}

extension Array where Element == XMLAttribute {
    /// The value of the attribute with this exact name.
    subscript(name: String) -> String? {
        first { $0.name == name }?.value
    }
}
