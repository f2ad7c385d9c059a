import Hummingbird
import InteractionStore
import RecordOutput
import InteractionModel

/// `GET /v1/interactions`, `…/{id}/transcript` and `…/{id}/audit`: the same records, and the
/// same bytes, as `storectl transcript` and `storectl audit` print with `--format json`.
struct InteractionsController: ServiceController {
    let environment: ServiceEnvironment

    /// The default and the largest page.
    static let defaultLimit: Int64 = 1000
    static let maximumLimit: Int64 = 10_000

    func addRoutes(to group: RouterGroup<ServiceRequestContext>) {
        group.get("/v1/interactions", use: list)
        group.get("/v1/interactions/{id}/transcript", use: transcript)
        group.get("/v1/interactions/{id}/audit", use: audit)
    }

    /// `GET /v1/interactions/{id}/transcript?as=agent|contact&after=SEQ&limit=N`.
    @Sendable func transcript(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.id()
        let query = QueryParameters(request)
        let (audience, after) = try query.transcriptView()
        let limit = try query.integer("limit", in: 1...Self.maximumLimit) ?? Self.defaultLimit
        let page = try await environment.answer { try $0.transcriptPage(of: id, as: audience, after: after, limit: Int(limit)) }
        var headers: HTTPFields = [:]
        if page.hasMore, let last = page.entries.last {
            var next = "/v1/interactions/\(URIComponent.encode(id))/transcript?after=\(last.seq)&limit=\(limit)"
            if audience == .contact { next += "&as=contact" }
            headers[.link] = "<\(next)>; rel=\"next\""
        }
        return ReadFormat(request).response(Tabular(columns: TimelineEntry.columns, rows: page.entries.map(\.cells)), headers: headers)
    }

    /// `GET /v1/interactions/{id}/audit`: 200 also when the chain is broken (the body says so).
    @Sendable func audit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.id()
        let record = try await environment.answer { try $0.audit(id) }
        switch ReadFormat(request) {
        case .json: return ReadFormat.respond(record.json(), contentType: "application/json")
        case .csv: return ReadFormat.respond(record.csv(), contentType: "text/csv; charset=utf-8")
        }
    }

    /// `GET /v1/interactions?from=T&to=T&agent=A&limit=N&after=ID`.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let (from, to) = try query.range()
        let agent = query.string("agent")
        let after = query.string("after")
        let limit = try query.integer("limit", in: 1...Self.maximumLimit) ?? Self.defaultLimit
        let page: InteractionListPage
        do {
            page = try await environment.read { try $0.interactions(from: from, to: to, agent: agent, limit: Int(limit), after: after) }
        } catch StoreError.unknownInteraction(let missing) {
            throw ProblemError.badRequest("after=\(missing) names no stored interaction; pass the id of the last interaction of the previous page")
        } catch {
            throw ProblemError.from(error)
        }
        var headers: HTTPFields = [:]
        if page.hasMore, let last = page.rows.last {
            var next = "/v1/interactions?after=\(URIComponent.encode(last.id))&limit=\(limit)"
            if let from { next += "&from=" + Timestamp.format(from) }
            if let to { next += "&to=" + Timestamp.format(to) }
            if let agent { next += "&agent=" + URIComponent.encode(agent) }
            headers[.link] = "<\(next)>; rel=\"next\""
        }
        switch ReadFormat(request) {
        case .json: return ReadFormat.respond(InteractionListRow.json(page.rows), contentType: "application/json", headers: headers)
        case .csv: return ReadFormat(request).response(InteractionListRow.tabular(page.rows), headers: headers)
        }
    }
}
