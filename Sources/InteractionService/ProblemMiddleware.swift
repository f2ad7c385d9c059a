import Foundation
import Hummingbird
import InteractionStore

/// The one place where errors become responses: every error a route or the router throws is
/// answered as problem+json. An unknown path is 404; a known path with another method is 405
/// with `Allow`; anything unexpected is a 500 that names no SQL, stack or event content.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as ProblemError {
            return try problem.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try Self.problem(for: error, request: request, context: context, routes: routes).response(from: request, context: context)
        } catch {
            context.logger.error("unexpected error answering \(request.method) \(request.uri.path)", metadata: ["error.type": "\(type(of: error))"])
            return try ProblemError(.internalServerError, kind: "internal", detail: "the server failed to answer this request; it has been logged")
                .response(from: request, context: context)
        }
    }

    static func problem(for error: any HTTPResponseError, request: Request, context: Context, routes: RouteTable) -> ProblemError {
        if error.status == .notFound, context.endpointPath == "NotFound" || context.endpointPath == nil {
            let methods = routes.methods(matching: request.uri.path)
            if !methods.isEmpty {
                var allowed = methods
                if allowed.contains("GET"), !allowed.contains("HEAD") { allowed.append("HEAD") }
                return ProblemError(.methodNotAllowed, kind: "method-not-allowed",
                                    detail: "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(allowed.joined(separator: ", "))",
                                    headers: [.allow: allowed.joined(separator: ", ")])
            }
            return ProblemError(.notFound, kind: "not-found", detail: "no route \(request.uri.path); see /openapi.yaml for the routes")
        }
        if error.status == .contentTooLarge {
            return ProblemError(.contentTooLarge, kind: "too-large", detail: "the request body is larger than 16 MiB; send the log in smaller requests")
        }
        return ProblemError(error.status, detail: error.status.reasonPhrase)
    }
}

/// Counts and logs every request: route, method, status and duration. Headers are never
/// logged, so neither is a token (the `Authorization` header is shown as redacted).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // ProblemMiddleware answers every error; this is only a guard.
            metrics.request(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: 500, seconds: 0)
            throw error
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = context.endpointPath ?? "unmatched"
        metrics.request(route: route, method: request.method.rawValue, status: Int(response.status.code), seconds: seconds)
        context.logger.info("\(request.method.rawValue) \(request.uri.path) \(response.status.code)", metadata: [
            "route": .string(route), "ms": .string(String(format: "%.2f", seconds * 1000)),
            "authorization": request.headers[.authorization] == nil ? "none" : "redacted",
        ])
        return response
    }
}
