import Foundation
import Hummingbird
import InteractionStore
import InteractionModel

/// `GET /v1/interactions/{id}/stream`: Server-Sent Events (SPEC section 6). First the entries
/// after the cursor (`Last-Event-ID`, else `?after=SEQ`, else 0), then each new entry as its
/// commit lands (the writer's commit notification wakes the stream: no polling), a comment
/// line while idle, and `event: end` once the interaction has ended and everything was sent.
struct StreamController: ServiceController {
    let environment: ServiceEnvironment

    func addRoutes(to group: RouterGroup<ServiceRequestContext>) {
        group.get("/v1/interactions/{id}/stream", use: stream)
    }

    @Sendable func stream(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.id()
        let query = QueryParameters(request)
        let view = try query.transcriptView()
        let audience = view.audience
        var cursor = view.after
        if let resume = request.headers[.lastEventID] {
            guard let seq = Int64(resume.trimmingCharacters(in: .whitespaces)), seq >= 0 else {
                throw ProblemError.badRequest("Last-Event-ID \(resume) is not an entry number")
            }
            cursor = seq
        }
        // Unknown interactions and impossible views are answered before the stream starts.
        let environment = environment
        let firstCursor = cursor
        _ = try await environment.answer { try $0.transcriptPage(of: id, as: audience, after: firstCursor, limit: 1) }
        let body = ResponseBody { writer in
            let (subscription, wakes) = environment.hub.subscribe(id)
            defer { environment.hub.unsubscribe(subscription) }
            var cursor = firstCursor
            var iterator = wakes.makeAsyncIterator()
            streaming: while true {
                let after = cursor
                let page = try await environment.read { try $0.transcriptPage(of: id, as: audience, after: after, limit: 500) }
                if !page.entries.isEmpty {
                    var text = ""
                    for entry in page.entries {
                        text += "id: \(entry.seq)\nevent: entry\ndata: " + JSONWriter.object(Array(zip(TimelineEntry.columns, entry.cells))) + "\n\n"
                        cursor = entry.seq
                    }
                    try await writer.write(ByteBuffer(string: text))
                }
                if page.hasMore { continue }
                if page.ended {
                    try await writer.write(ByteBuffer(string: "event: end\ndata:\n\n"))
                    break
                }
                // Wait for a commit to this interaction; heartbeats keep idle connections open.
                while true {
                    switch await iterator.next() {
                    case .commit?: continue streaming
                    case .heartbeat?: try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    case nil: break streaming  // the service is stopping
                    }
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }
}
