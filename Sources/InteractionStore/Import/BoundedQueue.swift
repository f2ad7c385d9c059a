import Foundation

/// A first-in first-out queue between two threads that holds at most `capacity` elements: the
/// producer waits while it is full, the consumer while it is empty. Closing it wakes both; a
/// closed queue accepts nothing more and hands out what it still holds.
///
/// The import pipeline passes batches of decoded lines through it, so memory stays bounded by
/// `capacity` batches however far the reading thread could run ahead of the writer.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var elements: [Element] = []
    private var head = 0
    private var closed = false
    let capacity: Int

    /// A queue of at most `capacity` (at least 1) elements.
    init(capacity: Int) {
        self.capacity = Swift.max(1, capacity)
    }

    /// Appends `element`, waiting while the queue is full.
    /// - Returns: false when the queue was closed (the element was not added): stop producing.
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !closed && elements.count - head >= capacity { condition.wait() }
        guard !closed else { return false }
        elements.append(element)
        condition.broadcast()
        return true
    }

    /// Removes the oldest element, waiting while the queue is empty and open.
    /// - Returns: nil once the queue is closed and empty.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while !closed && head == elements.count { condition.wait() }
        guard head < elements.count else { return nil }
        let element = elements[head]
        head += 1
        // Compact now and then rather than removing from the front every time.
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64 {
            elements.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }

    /// Elements waiting to be taken.
    var count: Int {
        condition.withLock { elements.count - head }
    }

    /// True once `close` was called.
    var isClosed: Bool {
        condition.withLock { closed }
    }

    /// Closes the queue: a waiting `push` returns false, a waiting `pop` returns what is left, then nil.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
