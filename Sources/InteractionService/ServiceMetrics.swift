import Metrics
import Prometheus

/// The service's Prometheus series (SPEC section 6), kept in a registry of its own so two
/// servers in one process (tests) never share counts; written through swift-metrics.
final class ServiceMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let eventsStored: Metrics.Counter
    private let eventsRepeated: Metrics.Counter
    private let eventsRejected: Metrics.Counter
    private let batchSize: Metrics.Recorder
    private let queueDepth: Metrics.Gauge
    private let openStreams: Metrics.Gauge

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["group_commit_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096]
        factory.durationHistogramBuckets["http_request_duration_seconds"] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(10),
        ]
        self.factory = factory
        eventsStored = Metrics.Counter(label: "events_stored_total", factory: factory)
        eventsRepeated = Metrics.Counter(label: "events_repeated_total", factory: factory)
        eventsRejected = Metrics.Counter(label: "events_rejected_total", factory: factory)
        batchSize = Metrics.Recorder(label: "group_commit_batch_size", aggregate: true, factory: factory)
        queueDepth = Metrics.Gauge(label: "write_queue_depth", factory: factory)
        openStreams = Metrics.Gauge(label: "open_streams", factory: factory)
    }

    /// Counts one answered request.
    func request(route: String, method: String, status: Int, seconds: Double) {
        Metrics.Counter(label: "http_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory)
            .increment()
        Metrics.Timer(label: "http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(Int64(seconds * 1e9))
    }

    /// Counts what one request stored, found repeated and rejected.
    func events(stored: Int, repeated: Int, rejected: Int) {
        if stored > 0 { eventsStored.increment(by: stored) }
        if repeated > 0 { eventsRepeated.increment(by: repeated) }
        if rejected > 0 { eventsRejected.increment(by: rejected) }
    }

    /// Records the number of requests one group commit held.
    func batch(_ requests: Int) {
        batchSize.record(requests)
    }

    /// The Prometheus text of every series, with the gauges sampled now.
    func exposition(queueDepth depth: Int, openStreams streams: Int) -> [UInt8] {
        queueDepth.record(depth)
        openStreams.record(streams)
        return registry.emitToBuffer()
    }
}
