import Foundation
import Hummingbird

/// The routes registered on the service's router (method and path pattern), recorded as they
/// are added: the 405 answer lists a path's methods in `Allow` from it, and the OpenAPI test
/// compares it with the document.
final class RouteTable: @unchecked Sendable {
    // @unchecked: `routes` is guarded by `lock`.

    /// One registered route.
    struct Route: Sendable, Hashable {
        /// The method.
        var method: String
        /// Path segments; `{name}` matches one segment, `**` the rest.
        var segments: [String]

        /// The path as OpenAPI writes it: `/v1/events/{id}`.
        var path: String { "/" + segments.joined(separator: "/") }
    }

    private let lock = NSLock()
    private var routes: [Route] = []

    /// Every route, in registration order.
    var all: [Route] {
        lock.withLock { routes }
    }

    func add(method: String, path: String) {
        let segments = path.split(separator: "/").map { segment -> String in
            segment.hasPrefix(":") ? "{" + segment.dropFirst() + "}" : String(segment)
        }
        lock.withLock { routes.append(Route(method: method, segments: segments)) }
    }

    /// The methods registered for the path of `uriPath` (empty: the path is unknown).
    func methods(matching uriPath: String) -> [String] {
        let parts = uriPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var found: [String] = []
        for route in all where Self.matches(route.segments, parts) && !found.contains(route.method) {
            found.append(route.method)
        }
        return found
    }

    private static func matches(_ pattern: [String], _ parts: [String]) -> Bool {
        var index = 0
        for segment in pattern {
            if segment == "**" { return true }
            guard index < parts.count else { return false }
            if !(segment == "*" || (segment.hasPrefix("{") && segment.hasSuffix("}")) || segment == parts[index]) { return false }
            index += 1
        }
        return index == parts.count
    }
}

/// The router's front door for controllers: it adds each route to the real router and records it.
struct RecordingRouter: RouterMethods {
    typealias Context = ServiceRequestContext
    let router: Router<ServiceRequestContext>
    let table: RouteTable

    @discardableResult
    func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> RecordingRouter
    where Responder.Context == ServiceRequestContext {
        table.add(method: method.rawValue, path: path.description)
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult
    func add(middleware: any MiddlewareProtocol<Request, Response, ServiceRequestContext>) -> RecordingRouter {
        router.add(middleware: middleware)
        return self
    }
}
