import Foundation
import Hummingbird
import InteractionStore
import InteractionModel

/// An error answered as `application/problem+json` (RFC 9457): `type`, `title`, `status`,
/// `detail`, and for rejected event logs `errors` (one entry per bad line). Every error of
/// the service is rendered through this one type, so no response leaks SQL or stack traces.
package struct ProblemError: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    package var status: HTTPResponse.Status
    /// A short slug naming the kind of problem (the last part of `type`), nil for `about:blank`.
    package var kind: String?
    /// What went wrong for this request, in a sentence.
    package var detail: String
    /// The bad lines of a rejected event log.
    package var errors: [RejectedLine]?
    /// Extra headers (`Allow`, `Retry-After`, `WWW-Authenticate`).
    package var headers: HTTPFields

    /// Creates a problem.
    package init(_ status: HTTPResponse.Status, kind: String? = nil, detail: String, errors: [RejectedLine]? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.kind = kind
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// The problem document's `type`.
    package var type: String { kind.map { "urn:interactionstore:problem:" + $0 } ?? "about:blank" }

    /// The document's JSON text.
    package var json: String {
        var pairs: [(String, String)] = [
            ("type", JSONWriter.quote(type)), ("title", JSONWriter.quote(status.reasonPhrase)),
            ("status", String(status.code)), ("detail", JSONWriter.quote(detail)),
        ]
        if let errors { pairs.append(("errors", Self.json(errors))) }
        return "{" + pairs.map { JSONWriter.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}\n"
    }

    /// Rejected lines as `[{"line": N, "event_id": ID or null, "reason": TEXT}]`.
    static func json(_ lines: [RejectedLine]) -> String {
        "[" + lines.map { JSONWriter.object([("line", .integer(Int64($0.line))), ("event_id", .text($0.eventId)), ("reason", .text($0.reason))]) }
            .joined(separator: ",") + "]"
    }

    /// The response: the status, the extra headers and the document.
    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        let body = request.method == .head ? ByteBuffer() : ByteBuffer(string: json)
        fields[.contentLength] = String(json.utf8.count)
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}

extension ProblemError {
    /// 400 for a bad query value or body.
    static func badRequest(_ detail: String) -> ProblemError { ProblemError(.badRequest, kind: "bad-request", detail: detail) }
    /// 404 for an unknown interaction (or another named thing).
    static func notFound(_ detail: String) -> ProblemError { ProblemError(.notFound, kind: "not-found", detail: detail) }
}
