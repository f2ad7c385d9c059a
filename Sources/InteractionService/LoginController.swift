import Foundation
import Hummingbird
import InteractionConsole
import InteractionStore

/// `/login` and `/logout` (SPEC section 7): the form posts a token; a valid one opens a
/// session whose random id goes in an `HttpOnly; SameSite=Strict` cookie (never the token).
struct LoginController: ServiceController {
    let environment: ServiceEnvironment

    func addRoutes(to group: RouterGroup<ServiceRequestContext>) {
        group.get("/login", use: form).post("/login", use: login)
        group.get("/logout", use: logout).post("/logout", use: logout)
    }

    @Sendable func form(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        Self.page(status: .ok, failed: false)
    }

    @Sendable func login(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let tokens = environment.configuration.tokens else {
            return Response(status: .seeOther, headers: [.location: "/"])  // no tokens: nothing to log in to
        }
        try EventsController.requireContentType(request, "application/x-www-form-urlencoded")
        let bytes = try await EventsController.body(request, context: context)
        let token = Self.formField("token", in: String(decoding: bytes, as: UTF8.self))
        guard let token, let entry = tokens.entry(forToken: token) else {
            return Self.page(status: .unauthorized, failed: true)
        }
        let id = environment.sessions.open(scope: entry.scope, name: entry.name)
        let secure = request.headers[.forwardedProto] == "https" || request.uri.scheme == .https
        let cookie = "\(SessionStore.cookieName)=\(id); HttpOnly; SameSite=Strict; Path=/; Max-Age=\(Int(SessionStore.lifetime))" + (secure ? "; Secure" : "")
        return Response(status: .seeOther, headers: [.location: "/", .setCookie: cookie])
    }

    @Sendable func logout(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let id = request.cookies[SessionStore.cookieName]?.value { environment.sessions.close(id) }
        let cookie = "\(SessionStore.cookieName)=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"
        return Response(status: .seeOther, headers: [.location: "/login", .setCookie: cookie])
    }

    /// The value of `name` in an `application/x-www-form-urlencoded` body.
    static func formField(_ name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let decode = { (text: Substring) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            if decode(parts[0]) == name { return decode(parts[1]) }
        }
        return nil
    }

    /// The console's login form (its stylesheet, no script), under the console's CSP.
    static func page(status: HTTPResponse.Status, failed: Bool) -> Response {
        ConsoleResponse.page(LoginPage(failed: failed).document(), status: status)
    }
}
