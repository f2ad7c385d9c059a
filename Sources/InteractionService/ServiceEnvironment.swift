import InteractionStore
import Logging

/// What every controller of the service shares: the store, its writer, the readers, the
/// stream hub, the metrics, the sessions and the configuration. The console's controllers get
/// it too, to read the same records the JSON routes serve.
package final class ServiceEnvironment: Sendable {
    /// The store served.
    package let store: Store
    /// How the service runs.
    package let configuration: ServiceConfiguration
    /// The service's logger (never given tokens or event content).
    package let logger: Logger
    let writer: StoreWriter
    let hub: StreamHub
    let readers = ReadPool()
    let metrics = ServiceMetrics()
    let sessions = SessionStore()
    let routes = RouteTable()

    init(store: Store, configuration: ServiceConfiguration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        let hub = StreamHub(heartbeatSeconds: configuration.heartbeatSeconds)
        let metrics = metrics
        self.hub = hub
        self.writer = StoreWriter(store: store, capacity: configuration.writeQueueCapacity, logger: logger) { commit, requests in
            metrics.batch(requests)
            hub.post(commit.notification)
        }
    }

    /// Runs a blocking read of the store on a reader thread (never on the Swift concurrency pool).
    /// - Throws: what `body` throws.
    package func read<T: Sendable>(_ body: @escaping @Sendable (Store) throws -> T) async throws -> T {
        let store = store
        return try await readers.run { try body(store) }
    }

    /// `read` for a JSON route: what it throws becomes the problem the route answers with
    /// (`ProblemError.from`: 404 for an unknown interaction, 503 when busy, …).
    /// - Throws: `ProblemError`.
    func answer<T: Sendable>(_ body: @escaping @Sendable (Store) throws -> T) async throws -> T {
        do {
            return try await read(body)
        } catch {
            throw ProblemError.from(error)
        }
    }

    /// True when the service is ready for traffic: the store is open and migrated (it is, once
    /// the environment exists), the write queue has room, and the service is not stopping.
    var isReady: Bool { !writer.isFull && !hub.isClosed }
}
