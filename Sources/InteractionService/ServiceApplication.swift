import Foundation
import Hummingbird
import InteractionStore
import Logging
import NIOCore
import ServiceLifecycle

/// `storectl serve`: the HTTP service over one store (SPEC section 6).
///
/// It builds one router from a list of controllers — the service's own, then any extra ones
/// (the console's pages) — behind the same middleware: request log and metrics, then
/// problem+json errors, then auth. `run()` serves until SIGTERM or SIGINT, then stops in a
/// known order: open streams end, the server stops accepting and finishes what it received,
/// the writer commits what is queued, and the store closes.
///
/// ```swift
/// let service = ServiceApplication(configuration: configuration, store: store)
/// try await service.run { host, port in print("listening on http://\(host):\(port)") }
/// ```
package struct ServiceApplication: Sendable {
    /// What the routes share.
    package let environment: ServiceEnvironment
    private let extraControllers: [any ServiceController]

    /// A service over `store`, with `controllers(environment)` added after the service's own routes.
    package init(configuration: ServiceConfiguration, store: Store, logger: Logger = ServiceApplication.defaultLogger,
                controllers: (ServiceEnvironment) -> [any ServiceController] = { _ in [] }) {
        let environment = ServiceEnvironment(store: store, configuration: configuration, logger: logger)
        self.environment = environment
        self.extraControllers = controllers(environment)
    }

    /// The service's logger when none is given: notices and worse on stderr (request lines
    /// are `info`; set `LOG_LEVEL=info` to see them).
    package static var defaultLogger: Logger {
        var logger = Logger(label: "storectl.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
        return logger
    }

    /// The service's own controllers, in the order their routes are added.
    var controllers: [any ServiceController] {
        [EventsController(environment: environment), InteractionsController(environment: environment),
         StreamController(environment: environment), ReportsController(environment: environment),
         OperationsController(environment: environment), LoginController(environment: environment)] + extraControllers
    }

    /// The router with every controller's routes behind the middleware.
    package func buildRouter() -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware(metrics: environment.metrics))
        router.add(middleware: ProblemMiddleware(routes: environment.routes))
        router.add(middleware: AuthMiddleware(tokens: environment.configuration.tokens, sessions: environment.sessions))
        let recording = RecordingRouter(router: router, table: environment.routes)
        for controller in controllers { controller.addRoutes(to: recording.group()) }
        return router
    }

    /// The writer and the stream hub as services: the writer runs until the server has
    /// finished, the hub ends open streams when the shutdown begins.
    var writerService: some Service { WriterService(writer: environment.writer) }
    var hubService: some Service { HubService(hub: environment.hub) }

    /// The Hummingbird application (for `HummingbirdTesting`: it runs the writer and the hub too).
    package func application(onListening: @escaping @Sendable (String, Int) async -> Void = { _, _ in }) -> some ApplicationProtocol {
        makeApplication(services: [writerService, hubService], onListening: onListening)
    }

    private func makeApplication(services: [any Service], onListening: @escaping @Sendable (String, Int) async -> Void) -> some ApplicationProtocol {
        let configuration = environment.configuration
        let host = configuration.host
        return Application(
            router: buildRouter(),
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: nil),
            services: services,
            onServerRunning: { channel in
                let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
                await onListening(shown, channel.localAddress?.port ?? configuration.port)
            },
            logger: environment.logger
        )
    }

    /// Serves until SIGTERM or SIGINT, then drains and returns (SPEC section 6, Stop).
    /// - Parameter onListening: called with the host and the real port once connections are accepted.
    /// - Throws: when the server cannot start (address in use) or a service fails.
    package func run(onListening: @escaping @Sendable (String, Int) async -> Void) async throws {
        let app = makeApplication(services: [], onListening: onListening)
        // Shutdown runs in reverse order: streams end, the server drains, the writer commits last.
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: writerService), .init(service: app), .init(service: hubService)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: environment.logger))
        try await group.run()
    }
}

/// Runs the writer thread until the shutdown reaches it, then lets it commit what is queued.
struct WriterService: Service {
    let writer: StoreWriter

    func run() async throws {
        writer.start()
        try? await gracefulShutdown()
        await writer.stop()
    }
}

/// Ends every open event stream when the shutdown begins (they would otherwise hold the
/// server's drain open forever) and marks the service as not ready.
struct HubService: Service {
    let hub: StreamHub

    func run() async throws {
        try? await gracefulShutdown()
        hub.close()
    }
}
