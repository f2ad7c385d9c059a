/// A piece of markup that is safe to send: literal markup written in this module, and every
/// interpolated `String` escaped through `ConsoleEscaping.html`.
///
/// Event text can only enter a page as an interpolated `String`, so it is always escaped;
/// only other `HTML` values are inserted as they are. There is no initializer from a runtime
/// `String` outside this module's literal segments.
///
/// ```swift
/// let name = "<script>"
/// let cell: HTML = "<td>\(name)</td>"   // <td>&lt;script&gt;</td>
/// ```
package struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    package private(set) var markup: String

    /// The empty fragment.
    package static let empty = HTML(trusted: "")

    /// Markup written in this module (never event text).
    init(trusted markup: String) {
        self.markup = markup
    }

    /// A literal without interpolations: markup written in the source.
    package init(stringLiteral value: String) {
        markup = value
    }

    /// A literal with interpolations: literal segments as markup, values escaped.
    package init(stringInterpolation: Interpolation) {
        markup = stringInterpolation.markup
    }

    /// The markup.
    package var description: String { markup }

    /// Fragments one after another.
    package static func joined<S: Sequence>(_ parts: S, separator: HTML = .empty) -> HTML where S.Element == HTML {
        var out = ""
        var first = true
        for part in parts {
            if !first { out += separator.markup }
            first = false
            out += part.markup
        }
        return HTML(trusted: out)
    }

    /// Appends another fragment.
    package mutating func append(_ other: HTML) {
        markup += other.markup
    }

    /// Builds the interpolated markup: literal segments as written, values escaped.
    package struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        /// Reserves room for the literal.
        package init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// A literal segment: markup written in the source.
        package mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Text: escaped.
        package mutating func appendInterpolation(_ text: String) {
            markup += ConsoleEscaping.html(text)
        }

        /// Optional text: escaped; nil gives nothing.
        package mutating func appendInterpolation(_ text: String?) {
            if let text { markup += ConsoleEscaping.html(text) }
        }

        /// An integer, as digits.
        package mutating func appendInterpolation(_ value: Int) {
            markup += String(value)
        }

        /// An integer, as digits.
        package mutating func appendInterpolation(_ value: Int64) {
            markup += String(value)
        }

        /// A drawing coordinate or length, with at most one decimal (`12.5`, `40`).
        package mutating func appendInterpolation(px value: Double) {
            let tenths = Int64((value * 10).rounded())
            let sign = tenths < 0 ? "-" : ""
            let magnitude = tenths.magnitude
            markup += magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
        }

        /// Markup: inserted as it is.
        package mutating func appendInterpolation(_ html: HTML) {
            markup += html.markup
        }

        /// Fragments one after another.
        package mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { markup += part.markup }
        }
    }
}
