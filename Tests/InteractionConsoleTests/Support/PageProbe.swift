import Foundation
import InteractionStore
@testable import InteractionModel
@testable import EventLog

/// Reads what tests check out of a rendered page: the figures (`data-figure` / `data-value`
/// and the text people read) and markup that must not be there.
struct PageProbe {
    let html: String

    /// One figure: its key, the JSON literal of its value, and the text shown.
    struct Shown: Equatable {
        let key: String
        let value: String
        let text: String
    }

    /// Every element carrying `data-figure`, in document order.
    var figures: [Shown] {
        let pattern = #/<(?:dd|td)[^>]*data-figure="([^"]*)" data-value="([^"]*)"[^>]*>([^<]*)</#
        return html.matches(of: pattern).map { match in
            Shown(key: Self.unescape(String(match.1)), value: Self.unescape(String(match.2)), text: Self.unescape(String(match.3)))
        }
    }

    /// The figure with `key`, if shown.
    func figure(_ key: String) -> Shown? { figures.first { $0.key == key } }

    /// Undoes `ConsoleEscaping.html`.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Inline scripts, inline event handlers, inline styles and external hosts: all forbidden by
    /// the console's `Content-Security-Policy: default-src 'self'`.
    var policyViolations: [String] {
        var found: [String] = []
        for match in html.matches(of: #/<script(?![^>]*\bsrc="/)[^>]*>/#) { found.append(String(match.0)) }
        for match in html.matches(of: #/<[a-zA-Z][^>]*\son[a-z]+\s*=/#) { found.append(String(match.0)) }
        for match in html.matches(of: #/<[a-zA-Z][^>]*\sstyle\s*=/#) { found.append(String(match.0)) }
        for match in html.matches(of: #/<style/#) { found.append(String(match.0)) }
        for match in html.matches(of: #/(?:src|href)="(?:https?:)?\/\/[^"]*"/#) { found.append(String(match.0)) }
        return found
    }
}

/// A JSON report parsed with the store's own parser, for comparing figures with it.
enum ReportJSON {
    /// The top-level object of `text`, or each object of an array, as key → JSON literal.
    static func objects(_ text: String) throws -> [[String: String]] {
        switch try JSONParser.parse(text) {
        case .array(let values): return values.compactMap(literals)
        case let value: return literals(value).map { [$0] } ?? []
        }
    }

    private static func literals(_ value: JSONValue) -> [String: String]? {
        guard case .object(let members) = value else { return nil }
        var out: [String: String] = [:]
        for (key, member) in members.members { out[key] = literal(member) }
        return out
    }

    /// A scalar as the JSON writer spells it.
    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .string(let text): return JSONWriter.quote(text)
        case .number(let text): return text
        default: return "?"
        }
    }
}
