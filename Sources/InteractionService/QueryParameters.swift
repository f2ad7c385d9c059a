import Foundation
import Hummingbird
import InteractionStore
import InteractionModel

/// Typed reading of a request's query string: a bad value is a 400 naming the parameter.
struct QueryParameters {
    let request: Request

    init(_ request: Request) {
        self.request = request
    }

    /// The raw value of `name`, when given.
    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// A time as in SPEC section 3 (`YYYY-MM-DDTHH:MM:SS(.d{1,9})?Z`), in milliseconds.
    func time(_ name: String) throws -> Int64? {
        guard let text = string(name) else { return nil }
        guard let value = Timestamp.parse(text) else {
            throw ProblemError.badRequest("\(name)=\(text) is not a UTC time like 2026-11-24T09:00:00.250Z")
        }
        return value
    }

    /// An integer in `range`.
    func integer(_ name: String, in range: ClosedRange<Int64>) throws -> Int64? {
        guard let text = string(name) else { return nil }
        guard let value = Int64(text), range.contains(value) else {
            throw ProblemError.badRequest("\(name)=\(text) is not an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `true` or `false` (absent: false).
    func flag(_ name: String) throws -> Bool {
        guard let text = string(name) else { return false }
        switch text {
        case "true": return true
        case "false": return false
        default: throw ProblemError.badRequest("\(name)=\(text) is not true or false")
        }
    }

    /// One of an enumeration's raw values.
    func value<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw ProblemError.badRequest("\(name)=\(text) is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// `from` and `to` as a range; a reversed range is a 400 rather than a silently empty answer.
    func range() throws -> (from: Int64?, to: Int64?) {
        let from = try time("from")
        let to = try time("to")
        if let from, let to, from > to {
            throw ProblemError.badRequest("from=\(Timestamp.format(from)) is after to=\(Timestamp.format(to)); the range would be empty")
        }
        return (from, to)
    }

    /// The view of the transcript and stream routes: `as=agent|contact` (agent when absent) and
    /// the cursor `after=SEQ` (0 when absent).
    /// - Throws: `ProblemError` (400) naming the parameter that is not usable.
    func transcriptView() throws -> (audience: Audience, after: Int64) {
        (try value("as", as: Audience.self) ?? .agent, try integer("after", in: 0...Int64.max) ?? 0)
    }
}

/// How a read answers: JSON by default, CSV when the client asks for `text/csv`.
enum ReadFormat {
    case json
    case csv

    init(_ request: Request) {
        let accept = request.headers[.accept] ?? ""
        self = accept.contains("text/csv") ? .csv : .json
    }

    /// A 200 with the table in this format.
    func response(_ table: Tabular, headers: HTTPFields = [:]) -> Response {
        switch self {
        case .json: return Self.respond(table.json(), contentType: "application/json", headers: headers)
        case .csv: return Self.respond(table.csv(), contentType: "text/csv; charset=utf-8", headers: headers)
        }
    }

    /// A 200 with `text` as its body.
    static func respond(_ text: String, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Percent-encoding for ids placed in paths and query strings (`Link` headers).
enum URIComponent {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// A path parameter as the client meant it (the router hands it over percent-encoded).
    static func decode(_ text: String) -> String {
        text.removingPercentEncoding ?? text
    }
}

extension ServiceRequestContext {
    /// The `{id}` path parameter, percent-decoded.
    func id() throws -> String {
        guard let raw = parameters.get("id") else { throw ProblemError.notFound("the path names no id") }
        return URIComponent.decode(raw)
    }
}
