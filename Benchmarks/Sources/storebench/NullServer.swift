import Foundation
import Hummingbird
import Logging
import NIOCore

/// The HTTP floor: the benchmark's own Hummingbird server (in this process, on its own NIO
/// threads) whose `PUT /v1/events/{id}` reads the body and answers 201 with nothing done.
/// While wrk runs against it this process does nothing else, so its CPU is the server's.
enum NullServer {
    /// Starts the server on 127.0.0.1 port 0 and returns the port; it runs until the process exits.
    static func start() throws -> Int {
        let router = Router()
        router.put("/v1/events/:id") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .created)
        }
        // Warnings only: its info lines would go to stdout, into the table.
        var logger = Logger(label: "storebench-null-route")
        logger.logLevel = .warning
        let ready = DispatchSemaphore(value: 0)
        let port = PortBox()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                port.set(channel.localAddress?.port ?? -1)
                ready.signal()
            },
            logger: logger
        )
        Task.detached {
            do { try await app.runService(gracefulShutdownSignals: []) } catch {
                note("null server stopped: \(error)")
                port.set(-1)
                ready.signal()
            }
        }
        guard ready.wait(timeout: .now() + 30) == .success, port.value > 0 else {
            throw BenchError("the null-route server did not start")
        }
        return port.value
    }
}

/// The port the server reports from its own threads.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0
    func set(_ value: Int) { lock.lock(); stored = value; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return stored }
}
