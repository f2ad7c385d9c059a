import Dispatch

/// Runs the store's blocking reads off the Swift concurrency pool: SQLite blocks its thread,
/// and a blocked cooperative thread stalls every request on it.
struct ReadPool: Sendable {
    private let queue = DispatchQueue(label: "storectl-readers", qos: .userInitiated, attributes: .concurrent)

    /// Runs `body` on a reader thread and returns its result.
    /// - Throws: what `body` throws.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
