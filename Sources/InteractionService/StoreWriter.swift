import Foundation
import InteractionStore
import Logging
import StoreSQLite

/// Why the writer did not take a request.
enum WriterRefusal: Error, Sendable {
    /// The bounded queue is full: answer 503 with `Retry-After`, nothing written.
    case queueFull
    /// The service is stopping and takes no new writes.
    case stopping
}

/// The store's single writer: one dedicated thread (SQLite blocks, so never a thread of the
/// Swift concurrency pool) fed by a bounded queue. Each turn it takes every request waiting,
/// applies them in one transaction, each in its own savepoint (`Store.applyGroup`), commits,
/// and only then answers each request: a 2xx always follows the commit (group commit).
final class StoreWriter: @unchecked Sendable {
    // @unchecked: `queue`, `stopping`, `finished` and `depthValue` are guarded by `condition`.

    private struct Job {
        var request: GroupRequest
        var reply: CheckedContinuation<GroupOutcome, any Error>
    }

    private let store: Store
    private let capacity: Int
    private let logger: Logger
    private let onCommit: @Sendable (GroupCommit, Int) -> Void
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false
    private var started = false
    private var finishedWaiters: [CheckedContinuation<Void, Never>] = []
    private var finished = false

    /// A writer of `store` holding at most `capacity` waiting requests; `onCommit` is called on
    /// the writer thread after each commit with what it wrote and how many requests it held.
    init(store: Store, capacity: Int, logger: Logger, onCommit: @escaping @Sendable (GroupCommit, Int) -> Void) {
        self.store = store
        self.capacity = capacity
        self.logger = logger
        self.onCommit = onCommit
    }

    /// Requests waiting for the writer.
    var depth: Int {
        condition.withLock { queue.count }
    }

    /// True when one more request would be refused.
    var isFull: Bool {
        condition.withLock { queue.count >= capacity || stopping }
    }

    /// Starts the thread (once).
    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return }
        started = true
        let thread = Thread { [self] in run() }
        thread.name = "storectl-writer"
        thread.start()
    }

    /// Queues `request` and waits until the transaction holding it has committed.
    /// - Throws: `WriterRefusal` (queue full, stopping; nothing written), or the `SQLiteError`
    ///   that made the group's transaction fail (nothing of it written).
    func submit(_ request: GroupRequest) async throws -> GroupOutcome {
        try await withCheckedThrowingContinuation { reply in
            condition.lock()
            if stopping {
                condition.unlock()
                reply.resume(throwing: WriterRefusal.stopping)
                return
            }
            guard queue.count < capacity else {
                condition.unlock()
                reply.resume(throwing: WriterRefusal.queueFull)
                return
            }
            queue.append(Job(request: request, reply: reply))
            condition.signal()
            condition.unlock()
        }
    }

    /// Stops taking requests, lets the thread finish every queued one, and waits for it.
    func stop() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            condition.lock()
            stopping = true
            if finished || !started {
                finished = true
                condition.unlock()
                done.resume()
                return
            }
            finishedWaiters.append(done)
            condition.signal()
            condition.unlock()
        }
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty, !stopping { condition.wait() }
            if queue.isEmpty {
                finished = true
                let waiters = finishedWaiters
                finishedWaiters = []
                condition.unlock()
                for waiter in waiters { waiter.resume() }
                return
            }
            let jobs = queue
            queue.removeAll(keepingCapacity: true)
            condition.unlock()
            apply(jobs)
        }
    }

    private func apply(_ jobs: [Job]) {
        do {
            let commit = try store.applyGroup(jobs.map(\.request))
            onCommit(commit, jobs.count)
            for (job, outcome) in zip(jobs, commit.outcomes) { job.reply.resume(returning: outcome) }
        } catch {
            logger.error("a group commit of \(jobs.count) requests failed; nothing of it was written", metadata: ["error": "\(Self.describe(error))"])
            for job in jobs { job.reply.resume(throwing: error) }
        }
    }

    /// An error for the log: SQLite's code and message, never bound values (which hold personal data).
    static func describe(_ error: any Error) -> String {
        if let error = error as? SQLiteError { return "SQLite \(error.code)" }
        return String(describing: type(of: error))
    }
}
