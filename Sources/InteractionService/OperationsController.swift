import Hummingbird
import InteractionStore

/// `/healthz`, `/readyz`, `/metrics` and `/openapi.yaml`.
struct OperationsController: ServiceController {
    let environment: ServiceEnvironment

    func addRoutes(to group: RouterGroup<ServiceRequestContext>) {
        group.get("/healthz", use: health)
        group.get("/readyz", use: ready)
        group.get("/metrics", use: metrics)
        group.get("/openapi.yaml", use: openAPI)
    }

    /// 200 while the process runs.
    @Sendable func health(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        ReadFormat.respond("{\"status\":\"ok\"}\n", contentType: "application/json")
    }

    /// 200 when the store is open and migrated, the write queue has room and the service is not stopping; else 503.
    @Sendable func ready(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard environment.isReady else {
            let reason = environment.hub.isClosed ? "the server is stopping" : "the write queue is full"
            throw ProblemError(.serviceUnavailable, kind: "not-ready", detail: reason, headers: [.retryAfter: "1"])
        }
        return ReadFormat.respond("{\"status\":\"ready\"}\n", contentType: "application/json")
    }

    /// The Prometheus text exposition.
    @Sendable func metrics(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let bytes = environment.metrics.exposition(queueDepth: environment.writer.depth, openStreams: environment.hub.openStreams)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The OpenAPI 3.1 document of every route.
    @Sendable func openAPI(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        ReadFormat.respond(OpenAPIDocument.yaml, contentType: "application/yaml")
    }
}
