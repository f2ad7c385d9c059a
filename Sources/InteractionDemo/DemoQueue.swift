/// The simulation's agenda: a binary min-heap of tasks on (time, insertion number). The
/// insertion number makes equal times come out in a fixed order, which keeps the output
/// deterministic.
struct DemoQueue {
    private var times: [Int64] = []
    private var seqs: [UInt64] = []
    private var tasks: [DemoTask] = []
    private var nextSeq: UInt64 = 0

    var isEmpty: Bool { times.isEmpty }

    @inline(__always)
    private func less(_ a: Int, _ b: Int) -> Bool {
        times[a] < times[b] || (times[a] == times[b] && seqs[a] < seqs[b])
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        times.swapAt(a, b)
        seqs.swapAt(a, b)
        tasks.swapAt(a, b)
    }

    /// Schedules `task` at `time` (epoch milliseconds), after every task already at that time.
    mutating func push(_ time: Int64, _ task: DemoTask) {
        times.append(time)
        seqs.append(nextSeq)
        tasks.append(task)
        nextSeq += 1
        var child = times.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            swapAt(child, parent)
            child = parent
        }
    }

    /// The earliest task and its time, or nil when nothing is scheduled.
    mutating func pop() -> (Int64, DemoTask)? {
        guard !times.isEmpty else { return nil }
        let last = times.count - 1
        swapAt(0, last)
        let time = times.removeLast()
        seqs.removeLast()
        let task = tasks.removeLast()
        var parent = 0
        let count = times.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { break }
            var smallest = left
            if left + 1 < count && less(left + 1, left) { smallest = left + 1 }
            guard less(smallest, parent) else { break }
            swapAt(smallest, parent)
            parent = smallest
        }
        return (time, task)
    }
}
