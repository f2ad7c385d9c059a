/// Source records that have no counterpart in the event log, counted by kind (SPEC §8), in
/// the order the kinds were first met.
package struct SkippedRecords: Sendable, Equatable, CustomStringConvertible {
    /// Kind and count, in first-met order.
    package private(set) var counts: [(kind: String, count: Int)] = []

    /// No records skipped.
    package init() {}

    /// Counts one more record of `kind`.
    package mutating func add(_ kind: String, _ count: Int = 1) {
        guard count > 0 else { return }
        if let index = counts.firstIndex(where: { $0.kind == kind }) {
            counts[index].count += count
        } else {
            counts.append((kind, count))
        }
    }

    /// Adds every count of `other`.
    package mutating func add(_ other: SkippedRecords) {
        for (kind, count) in other.counts { add(kind, count) }
    }

    /// How many records of `kind` were skipped.
    package subscript(kind: String) -> Int {
        counts.first { $0.kind == kind }?.count ?? 0
    }

    /// All skipped records.
    package var total: Int { counts.reduce(0) { $0 + $1.count } }

    /// `2 notice, 3 user data`, or `none`.
    package var description: String {
        counts.isEmpty ? "none" : counts.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")
    }

    /// Equal counts for the same kinds (order ignored).
    package static func == (lhs: SkippedRecords, rhs: SkippedRecords) -> Bool {
        lhs.counts.count == rhs.counts.count && lhs.counts.allSatisfy { rhs[$0.kind] == $0.count }
    }
}
