import Foundation
import Hummingbird
import InteractionStore
import InteractionModel
import EventLog

/// `POST /v1/events` (an NDJSON log) and `PUT /v1/events/{id}` (one event): SPEC section 6,
/// "Writing events". Bodies are decoded here, off the writer; the writer applies and commits;
/// the answer is sent only after the commit.
struct EventsController: ServiceController {
    let environment: ServiceEnvironment

    func addRoutes(to group: RouterGroup<ServiceRequestContext>) {
        group.post("/v1/events", use: postLog)
        group.put("/v1/events/{id}", use: putEvent)
    }

    /// `POST /v1/events[?mode=partial]`.
    @Sendable func postLog(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try Self.requireContentType(request, "application/x-ndjson")
        let atomic: Bool
        switch request.uri.queryParameters.get("mode") {
        case nil, "atomic": atomic = true
        case "partial": atomic = false
        case let other?: throw ProblemError.badRequest("mode=\(other) is not atomic or partial")
        }
        let bytes = try await Self.body(request, context: context)
        let log = try await environment.readers.run { DecodedLog(bytes: bytes) }
        let outcome: GroupOutcome
        do {
            outcome = try await environment.writer.submit(.log(log, atomic: atomic))
        } catch {
            throw ProblemError.from(error)
        }
        switch outcome {
        case .log(let summary):
            environment.metrics.events(stored: summary.stored, repeated: summary.duplicates, rejected: summary.rejected.count)
            if atomic, !summary.committed {
                throw ProblemError(.unprocessableContent, kind: "rejected-events",
                                   detail: "\(summary.rejected.count) of \(summary.lines) lines were rejected; nothing of this request was written",
                                   errors: summary.rejected)
            }
            var pairs: [(String, String)] = [("lines", String(summary.lines)), ("stored", String(summary.stored)), ("repeats", String(summary.duplicates))]
            if !atomic { pairs.append(("rejected", ProblemError.json(summary.rejected))) }
            return ReadFormat.respond("{" + pairs.map { JSONWriter.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}\n", contentType: "application/json")
        case .failed(let error):
            throw ProblemError.from(error)
        case .event, .eventRejected:
            throw ProblemError.from(WriterRefusal.stopping)  // never: a log request has a log outcome
        }
    }

    /// `PUT /v1/events/{id}`.
    @Sendable func putEvent(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.id()
        try Self.requireContentType(request, "application/json")
        let bytes = try await Self.body(request, context: context)
        let decoded = bytes.withUnsafeBytes { raw in Result { () throws(EventDecodingError) -> Event in try EventDecoder.decode(raw) } }
        let event: Event
        switch decoded {
        case .success(let value):
            event = value
        case .failure(let error):
            environment.metrics.events(stored: 0, repeated: 0, rejected: 1)
            throw ProblemError(.badRequest, kind: "malformed-event", detail: "the body is not a valid event: \(error.reason)",
                               errors: [RejectedLine(line: 1, eventId: error.eventId, reason: error.reason)])
        }
        guard event.id == id else {
            throw ProblemError.badRequest("the body's id \(JSONWriter.quote(event.id)) is not the path's id \(JSONWriter.quote(id)); PUT the event at /v1/events/{its id}")
        }
        let outcome: GroupOutcome
        do {
            outcome = try await environment.writer.submit(.event(event))
        } catch {
            throw ProblemError.from(error)
        }
        switch outcome {
        case .event(let applied):
            let stored = applied == .stored
            environment.metrics.events(stored: stored ? 1 : 0, repeated: stored ? 0 : 1, rejected: 0)
            let body = JSONWriter.object([("id", .text(id)), ("outcome", .text(stored ? "stored" : "repeat"))]) + "\n"
            return ReadFormat.respond(body, contentType: "application/json", status: stored ? .created : .ok)
        case .eventRejected(let violation):
            environment.metrics.events(stored: 0, repeated: 0, rejected: 1)
            let line = RejectedLine(line: 1, eventId: violation.eventId, reason: violation.reason)
            if violation.rule == .conflictingEventId {
                throw ProblemError(.conflict, kind: "conflicting-event-id", detail: violation.reason, errors: [line])
            }
            throw ProblemError(.unprocessableContent, kind: "rejected-events", detail: violation.reason, errors: [line])
        case .failed(let error):
            throw ProblemError.from(error)
        case .log:
            throw ProblemError.from(WriterRefusal.stopping)  // never: an event request has an event outcome
        }
    }

    /// 415 unless the body's media type is `expected` (parameters such as charset allowed).
    static func requireContentType(_ request: Request, _ expected: String) throws {
        let given = request.headers[.contentType] ?? ""
        let media = given.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard media == expected else {
            throw ProblemError(.unsupportedMediaType, kind: "unsupported-media-type",
                               detail: given.isEmpty ? "the body needs Content-Type: \(expected)" : "Content-Type \(given) is not supported here; send \(expected)")
        }
    }

    /// The whole body, at most 16 MiB (else 413, also when Content-Length says so up front).
    static func body(_ request: Request, context: ServiceRequestContext) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw ProblemError(.contentTooLarge, kind: "too-large", detail: "the request body is larger than 16 MiB; send the log in smaller requests")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return Array(buffer.readableBytesView)
    }
}
