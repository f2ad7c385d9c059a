import Hummingbird
import InteractionConsole
import InteractionStore

/// The console's pages (SPEC section 7) on the service's router, read scope: each handler reads
/// the typed records on a reader thread, renders them with `InteractionConsole`, and answers
/// HTML with `Content-Security-Policy: default-src 'self'`. `/login` and `/logout` belong to
/// the service (`LoginController`); the auth middleware redirects pages without a session there.
struct ConsoleController: ServiceController {
    let environment: ServiceEnvironment
    /// The current time in ms (where open agent-state periods end); replaceable in tests.
    var now: @Sendable () -> Int64 = { Clock.nowMilliseconds() }

    /// The most interactions one list page shows.
    static let listLimit = 100

    func addRoutes(to group: RouterGroup<ServiceRequestContext>) {
        group.get("/", use: overview)
        group.get("/interactions", use: interactions)
        group.get("/interactions/{id}", use: transcript)
        group.get("/interactions/{id}/audit", use: audit)
        group.get("/agents", use: agents)
        for asset in ConsoleAssets.all {
            group.get(RouterPath(asset.path)) { _, _ in ConsoleResponse.asset(asset) }
        }
        // Pages we do not draw (the service's login form) name no icon: browsers then ask here.
        group.get("/favicon.ico") { _, _ in ConsoleResponse.asset(ConsoleAssets.favicon) }
    }

    private var showsLogout: Bool { environment.configuration.tokens != nil }

    /// `GET /?from=&to=&agent=`: the overview; without a range, the last days with data
    /// (`span=all`: every day).
    @Sendable func overview(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = ConsoleResponse.query(request)
        var range: ConsoleRange
        do {
            range = try ConsoleRange(query: query)
        } catch {
            return ConsoleResponse.badQuery(error, showsLogout: showsLogout)
        }
        if range.from == nil, range.to == nil, !ConsoleRange.asksForAllTime(query) {
            let latest = try await environment.read { try $0.interactionsNewestFirst(matching: nil, before: nil, limit: 1).rows.first?.startedAt }
            if let latest { range = ConsoleRange.lastDays(endingWith: latest, agent: range.agent) }
        }
        let now = now()
        let chosen = range
        let data = try await OverviewData.load(using: environment, range: chosen, now: now)
        return ConsoleResponse.page(OverviewPage.document(data, showsLogout: showsLogout))
    }

    /// `GET /interactions?q=&before=ID`: newest first, a page of `listLimit`.
    @Sendable func interactions(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = ConsoleResponse.query(request)
        let search = query["q"].flatMap { $0.isEmpty ? nil : $0 }
        let before = query["before"].flatMap { $0.isEmpty ? nil : $0 }
        let limit = Self.listLimit
        let page: InteractionListPage
        do {
            page = try await environment.read { try $0.interactionsNewestFirst(matching: search, before: before, limit: limit) }
        } catch let error as StoreError {
            return ConsoleResponse.error(status: .badRequest, title: "Bad request",
                                         detail: "before=\(before ?? ""): \(error.description); start again from the newest", showsLogout: showsLogout)
        }
        let older = page.hasMore ? page.rows.last.map { ConsoleURL.with("/interactions", [("q", search), ("before", $0.id)]) } : nil
        return ConsoleResponse.page(InteractionsPage(items: page.rows, search: search, olderLink: older).document(showsLogout: showsLogout))
    }

    /// `GET /interactions/{id}?as=agent|contact`: the transcript.
    @Sendable func transcript(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.id()
        let view: TranscriptView
        do {
            view = try TranscriptView(query: ConsoleResponse.query(request))
        } catch {
            return ConsoleResponse.badQuery(error, showsLogout: showsLogout)
        }
        let data: TranscriptData
        do {
            data = try await environment.read { try TranscriptData.load(from: $0, interaction: id) }
        } catch let error as StoreError {
            return ConsoleResponse.storeError(error, showsLogout: showsLogout)
        }
        do {
            return ConsoleResponse.page(try TranscriptPage(data: data, view: view).document(showsLogout: showsLogout))
        } catch {
            return ConsoleResponse.error(status: .unprocessableContent, title: "No contact view", detail: error.description, showsLogout: showsLogout)
        }
    }

    /// `GET /interactions/{id}/audit`: the chain verification, requests and disposition changes.
    @Sendable func audit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.id()
        do {
            let record = try await environment.read { try $0.audit(id) }
            return ConsoleResponse.page(AuditPage.document(record, showsLogout: showsLogout))
        } catch let error as StoreError {
            return ConsoleResponse.storeError(error, showsLogout: showsLogout)
        }
    }

    /// `GET /agents?day=YYYY-MM-DD`: current states and one day's timeline.
    @Sendable func agents(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let day: Int64?
        do {
            day = try AgentsData.day(query: ConsoleResponse.query(request))
        } catch {
            return ConsoleResponse.badQuery(error, showsLogout: showsLogout)
        }
        let now = now()
        let data = try await environment.read { try AgentsData.load(from: $0, day: day, now: now) }
        return ConsoleResponse.page(AgentsPage.document(data, showsLogout: showsLogout))
    }
}
