import StoreSQLite

/// The disposition report over every interaction (no range), in one sequential pass of the
/// covering index `disposition_changes_interaction` (interaction_id, agent_id, id, code, V0004):
/// in index order each (agent, interaction) pair's changes are consecutive, ids ascending, so
/// the last row of each run of equal pairs is the pair's latest change and carries its code.
///
/// Without a range every change counts (each belongs to a stored interaction: the foreign key,
/// and purge deletes an interaction's changes with it), so the interactions need not be read.
/// The ranged query finds "the latest per agent and interaction" with a seek per change
/// (180–250 ms of SQLite time on 100,000 chats, 149,000 changes); before V0004 this was two
/// passes (the index for the latest ids, then the table in id order for their codes); SQLite's
/// own `GROUP BY interaction_id, agent_id` over the same index took longer than either.
enum LatestDispositionCount {
    /// Every change's pair and code, grouped by pair, ids ascending: the covering index in its order.
    static let pairs = "SELECT interaction_id, agent_id, code FROM disposition_changes ORDER BY interaction_id, agent_id, id"

    /// The catalog's labels.
    static let catalog = "SELECT code, label FROM disposition_codes"

    /// The report's rows: codes with a count, highest count first, then code (as bytes, as
    /// SQLite's BINARY collation orders them).
    static func rows(_ db: Connection) throws -> [DispositionCountRow] {
        var codes: [[UInt8]] = []  // the few distinct codes
        var counts: [Int] = []
        var interaction: [UInt8] = []
        var agent: [UInt8] = []
        var pending: Int?  // the index in `codes` of the latest change of the pair being read
        // Three TEXT NOT NULL columns read as text (two calls into SQLite each, not three), compared
        // by length and memory: per row this loop is most of the report's time.
        try db.forEach(pairs) { row in
            let rowInteraction = row.textBytes(0), rowAgent = row.textBytes(1)
            if !ByteComparison.same(rowInteraction, interaction) || !ByteComparison.same(rowAgent, agent) {
                if let pending { counts[pending] += 1 }
                interaction.removeAll(keepingCapacity: true)
                agent.removeAll(keepingCapacity: true)
                if let rowInteraction { interaction.append(contentsOf: rowInteraction) }
                if let rowAgent { agent.append(contentsOf: rowAgent) }
            }
            let code = row.textBytes(2)
            if let index = codes.firstIndex(where: { ByteComparison.same(code, $0) }) {
                pending = index
            } else {
                codes.append(code.map { Array($0) } ?? [])
                counts.append(0)
                pending = codes.count - 1
            }
        }
        if let pending { counts[pending] += 1 }
        var labels: [[UInt8]: String] = [:]
        try db.forEach(catalog) { row in labels[Array(row.string(0).utf8)] = row.string(1) }
        var rows: [DispositionCountRow] = []
        for (index, code) in codes.enumerated() where counts[index] > 0 {
            // A code missing from the catalog is left out, as the ranged query's join leaves it out.
            guard let label = labels[code] else { continue }
            rows.append(DispositionCountRow(code: String(decoding: code, as: UTF8.self), label: label, count: counts[index]))
        }
        return rows.sorted { lhs, rhs in
            lhs.count != rhs.count ? lhs.count > rhs.count : lhs.code.utf8.lexicographicallyPrecedes(rhs.code.utf8)
        }
    }
}
