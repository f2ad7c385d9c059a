/// A message of the corpus with its placeholders ({n} first name, {email}, {phone}, {card})
/// split out once, so rendering is plain concatenation.
struct DemoTemplate {
    enum Part: Equatable {
        case literal(String)
        case firstName, email, phone, card
    }

    let parts: [Part]

    init(_ raw: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(raw)
        let holes: [(String, Part)] = [("{n}", .firstName), ("{email}", .email), ("{phone}", .phone), ("{card}", .card)]
        outer: while let first = rest.first {
            if first == "{" {
                for (token, part) in holes where rest.hasPrefix(token) {
                    if !literal.isEmpty { parts.append(.literal(literal)) }
                    literal = ""
                    parts.append(part)
                    rest = rest.dropFirst(token.count)
                    continue outer
                }
            }
            literal.append(first)
            rest = rest.dropFirst()
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }
}
