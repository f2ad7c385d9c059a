import StoreSQLite

/// The disposition report over every interaction (no range), in two passes without a seek per
/// change: the pairs in index order give each (agent, interaction) pair's latest change id,
/// then the table in id order gives those changes' codes.
///
/// Without a range every change counts (each belongs to a stored interaction: the foreign key,
/// and purge deletes an interaction's changes with it), so the interactions need not be read.
/// The ranged query finds "the latest per agent and interaction" with a seek per change
/// (180–250 ms of SQLite time on 100,000 chats, 149,000 changes); each pass here is one
/// sequential read (about 11 ms for the table), and a hash of the pairs cost more than both.
enum LatestDispositionCount {
    /// Every change's pair and id, grouped by pair, ids ascending: the covering index
    /// `disposition_changes_interaction` (interaction_id, agent_id, id) in its order.
    static let pairs = "SELECT interaction_id, agent_id, id FROM disposition_changes ORDER BY interaction_id, agent_id, id"

    /// Every change's code, in id order (the table's own order).
    static let codes = "SELECT id, code FROM disposition_changes ORDER BY id"

    /// The catalog's labels.
    static let catalog = "SELECT code, label FROM disposition_codes"

    /// The report's rows: codes with a count, highest count first, then code (as bytes, as
    /// SQLite's BINARY collation orders them).
    static func rows(_ db: Connection) throws -> [DispositionCountRow] {
        var latest: [Int64] = []
        var interaction: [UInt8] = []
        var agent: [UInt8] = []
        var pending: Int64?  // the highest id of the pair being read
        try db.forEach(pairs) { row in
            let same = (row.withBytes(0) { $0.elementsEqual(interaction) } ?? false) && (row.withBytes(1) { $0.elementsEqual(agent) } ?? false)
            if !same {
                if let pending { latest.append(pending) }
                interaction.removeAll(keepingCapacity: true)
                agent.removeAll(keepingCapacity: true)
                row.withBytes(0) { interaction.append(contentsOf: $0) }
                row.withBytes(1) { agent.append(contentsOf: $0) }
            }
            pending = row.int64(2)
        }
        if let pending { latest.append(pending) }
        latest.sort()

        var codes: [[UInt8]] = []  // the few distinct codes
        var counts: [Int] = []
        var next = 0
        try db.forEach(Self.codes) { row in
            guard next < latest.count, row.int64(0) == latest[next] else { return }
            next += 1
            row.withBytes(1) { bytes in
                if let index = codes.firstIndex(where: { $0.elementsEqual(bytes) }) {
                    counts[index] += 1
                } else {
                    codes.append(Array(bytes))
                    counts.append(1)
                }
            }
        }
        var labels: [[UInt8]: String] = [:]
        try db.forEach(catalog) { row in labels[Array(row.string(0).utf8)] = row.string(1) }
        var rows: [DispositionCountRow] = []
        for (index, code) in codes.enumerated() {
            // A code missing from the catalog is left out, as the ranged query's join leaves it out.
            guard let label = labels[code] else { continue }
            rows.append(DispositionCountRow(code: String(decoding: code, as: UTF8.self), label: label, count: counts[index]))
        }
        return rows.sorted { lhs, rhs in
            lhs.count != rhs.count ? lhs.count > rhs.count : lhs.code.utf8.lexicographicallyPrecedes(rhs.code.utf8)
        }
    }
}
