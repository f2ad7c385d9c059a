/// One element with its content, built from the tokens of a single transcript record (a
/// record is small; the document as a whole is never held as a tree).
struct MarkupElement {
    var name: String
    var attributes: [XMLAttribute]
    /// Byte offset of the element's `<`.
    var offset: Int
    var children: [MarkupElement] = []
    /// The element's own character data, in order (not its children's).
    var text = ""

    /// The first child with this name.
    func child(_ name: String) -> MarkupElement? {
        children.first { $0.name == name }
    }

    /// An attribute's value trimmed of surrounding whitespace (SPEC §8), nil when absent.
    func trimmed(_ attribute: String) -> String? {
        attributes[attribute].map(trim)
    }

    /// Reads the rest of the element whose start token was just returned by `tokenizer`.
    /// - Throws: `XMLSyntaxError`.
    static func read(name: String, attributes: [XMLAttribute], offset: Int, from tokenizer: inout XMLTokenizer) throws(XMLSyntaxError) -> MarkupElement {
        var stack = [MarkupElement(name: name, attributes: attributes, offset: offset)]
        while let token = try tokenizer.next() {
            switch token {
            case let .start(name, attributes, offset):
                stack.append(MarkupElement(name: name, attributes: attributes, offset: offset))
            case let .text(text, _):
                stack[stack.count - 1].text += text
            case .end:
                let finished = stack.removeLast()
                guard !stack.isEmpty else { return finished }
                stack[stack.count - 1].children.append(finished)
            }
        }
        // The tokenizer throws before the input can end inside an element.
        return stack[0]
    }
}

/// Trims spaces, tabs, CR and LF (and other Unicode whitespace) from both ends.
func trim(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    return String(scalars[first...last])
}
