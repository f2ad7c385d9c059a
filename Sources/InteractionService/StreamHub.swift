import Foundation
import InteractionStore

/// Wakes the open event streams when a commit wrote to their interaction (no polling), sends
/// them heartbeats, and ends them all when the service stops.
final class StreamHub: @unchecked Sendable {
    // @unchecked: every mutable property is guarded by `lock`.

    /// Why a waiting stream woke up.
    enum Wake: Sendable {
        /// A commit wrote to the stream's interaction.
        case commit
        /// Time for a keep-alive comment line.
        case heartbeat
    }

    private struct Subscriber {
        var interaction: String
        var continuation: AsyncStream<Wake>.Continuation
    }

    private let lock = NSLock()
    private var subscribers: [Int: Subscriber] = [:]
    private var nextID = 0
    private var closed = false
    private let heartbeat: Duration

    /// A hub whose streams get a heartbeat every `heartbeatSeconds` while idle.
    init(heartbeatSeconds: Double) {
        heartbeat = .milliseconds(Int64(heartbeatSeconds * 1000))
    }

    /// Streams open now.
    var openStreams: Int {
        lock.withLock { subscribers.count }
    }

    /// True once the service began to stop.
    var isClosed: Bool {
        lock.withLock { closed }
    }

    /// A subscription to commits touching `interaction`, with heartbeats; it ends (the sequence
    /// finishes) when the service stops. Subscribe before reading the backlog, so that no commit
    /// between the read and the wait is missed.
    func subscribe(_ interaction: String) -> (id: Int, wakes: AsyncStream<Wake>) {
        let (stream, continuation) = AsyncStream<Wake>.makeStream(bufferingPolicy: .bufferingNewest(2))
        lock.lock()
        let id = nextID
        nextID += 1
        if closed {
            lock.unlock()
            continuation.finish()
            return (id, stream)
        }
        subscribers[id] = Subscriber(interaction: interaction, continuation: continuation)
        lock.unlock()
        let period = heartbeat
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: period)
                if case .terminated = continuation.yield(.heartbeat) { return }
            }
        }
        continuation.onTermination = { [weak self] _ in
            ticker.cancel()
            self?.remove(id)
        }
        return (id, stream)
    }

    /// Ends the subscription `id` (its stream is done).
    func unsubscribe(_ id: Int) {
        lock.lock()
        let subscriber = subscribers.removeValue(forKey: id)
        lock.unlock()
        subscriber?.continuation.finish()
    }

    private func remove(_ id: Int) {
        lock.withLock { subscribers[id] = nil }
    }

    /// Wakes the streams of the interactions `notification` names.
    func post(_ notification: CommitNotification) {
        lock.lock()
        let woken = subscribers.values.filter { notification.interactions.contains($0.interaction) }.map(\.continuation)
        lock.unlock()
        for continuation in woken { continuation.yield(.commit) }
    }

    /// Ends every stream and refuses new ones (the service is stopping).
    func close() {
        lock.lock()
        closed = true
        let all = subscribers.values.map(\.continuation)
        subscribers.removeAll()
        lock.unlock()
        for continuation in all { continuation.finish() }
    }
}
