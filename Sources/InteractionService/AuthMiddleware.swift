import Foundation
import Hummingbird
import InteractionStore

/// Decides who the caller is and whether it may do what it asks (SPEC sections 6 and 7).
///
/// Without tokens everyone may read and write (serve then listens on loopback only). With
/// tokens, `/healthz`, `/readyz`, `/metrics`, `/login` and `/logout` are open; everything else
/// needs `Authorization: Bearer TOKEN` or the console's session cookie. An API path without
/// them is 401 with `WWW-Authenticate: Bearer`; a console page redirects (303) to `/login`;
/// a `read` token on a write is 403.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let tokens: TokenTable?
    let sessions: SessionStore

    static let openPaths: Set<String> = ["/healthz", "/readyz", "/metrics", "/login", "/logout"]

    /// API paths answer 401; every other path is a console page.
    static func isAPI(_ path: String) -> Bool { path.hasPrefix("/v1/") || path == "/v1" || path == "/openapi.yaml" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let path = request.uri.path
        guard let tokens else {
            context.scope = .write
            return try await next(request, context)
        }
        if Self.openPaths.contains(path) { return try await next(request, context) }
        if let authorization = request.headers[.authorization] {
            guard let token = Self.bearerToken(authorization), let entry = tokens.entry(forToken: token) else {
                throw Self.unauthorized("the bearer token is not valid; send Authorization: Bearer TOKEN with a token from the tokens file")
            }
            context.scope = entry.scope
            context.tokenName = entry.name
        } else if let id = request.cookies[SessionStore.cookieName]?.value, let session = sessions.session(id) {
            context.scope = session.scope
            context.tokenName = session.name
        } else if Self.isAPI(path) {
            throw Self.unauthorized("this route needs a token; send Authorization: Bearer TOKEN")
        } else {
            return Response(status: .seeOther, headers: [.location: "/login"])
        }
        let needed: AccessScope = request.method == .get || request.method == .head ? .read : .write
        guard context.scope?.allows(needed) == true else {
            throw ProblemError(.forbidden, kind: "forbidden",
                               detail: "the token \(context.tokenName ?? "") has the read scope; \(request.method.rawValue) \(path) needs a write token")
        }
        return try await next(request, context)
    }

    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func unauthorized(_ detail: String) -> ProblemError {
        ProblemError(.unauthorized, kind: "unauthorized", detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }
}
