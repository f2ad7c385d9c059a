import StoreSQLite
import InteractionModel
/// Verifies the stored hash chains of the interactions that became final in a window of the
/// change sequence — exactly those an export run of that window writes.
///
/// Each chain is checked as `storectl check` checks it (numbering from 1, each previous-hash
/// the hash before it, each hash the hash of the entry's content, the interaction's recorded
/// entry count and head equal to its last entry's), and only its first break is kept: a chain
/// broken at entry 3 is broken from there on, and the entry to look at is 3.
///
/// Two ways to read the entries, by the window's share of the timeline (the check must stay a
/// small part of the export's time):
/// - a small window (a nightly incremental run): the window's interactions through the
///   `interactions_final` index, each one's entries through `(interaction_id, seq)`;
/// - a large one (a first or `--full` run): the whole timeline in rowid order, a sequential
///   read several times faster than one index probe per entry, each entry routed to its chain.
///   Entries are appended in seq order, so rowid order is seq order within a chain; a chain
///   that looks broken this way is checked again in seq order, and only that verdict counts.
struct ChainScan {
    /// What a scan found.
    struct Result: Equatable {
        /// Interactions whose chain was verified.
        var chains = 0
        /// Entries hashed.
        var entries = 0
        /// The first break of each broken chain, by interaction id (as bytes).
        var breaks: [ChainBreak] = []
    }

    private static let entryColumns = "t.interaction_id, t.seq, t.at, t.kind, t.party_id, t.text, t.visibility, t.reason, t.by_party, t.prev_hash, t.hash"
    private static let columns = ChainHasher.Columns(interaction: 0, seq: 1, at: 2, kind: 3, party: 4, text: 5, visibility: 6,
                                                     reason: 7, by: 8)

    /// Scans the chains of the interactions with `final_seq` in `(from, to]`.
    /// - Throws: `SQLiteError`.
    static func scan(_ db: Connection, from: Int64, to: Int64) throws -> Result {
        var chains: [ExactID: Chain] = [:]
        var windowEntries: Int64 = 0
        try db.forEach("""
            SELECT id, next_entry - 1, chain_head FROM interactions WHERE final_seq > ?1 AND final_seq <= ?2
            """, [from, to]) { row in
            chains[ExactID(row.string(0))] = Chain(recorded: row.int64(1), recordedHead: row.isNull(2) ? nil : row.blob(2))
            windowEntries += row.int64(1)
        }
        let timelineRows = try db.scalarInt("SELECT coalesce(max(id), 0) FROM timeline") ?? 0
        var result = Result()
        var hasher = ChainHasher(columns: columns)
        if windowEntries * 4 >= timelineRows {
            // Sequential: every entry of the store read once, those of other interactions skipped.
            var lastID: [UInt8] = []
            var lastKey: Dictionary<ExactID, Chain>.Index?
            try db.forEach("SELECT " + entryColumns + " FROM timeline t ORDER BY t.id") { row in
                let same = row.blobEquals(0, lastID)
                if !same {
                    lastID = row.withBytes(0) { Array($0) } ?? []
                    lastKey = chains.index(forKey: ExactID(row.string(0)))
                }
                guard let index = lastKey else { return }
                if chains.values[index].visit(row, hasher: &hasher) { result.entries += 1 }
            }
            for (id, chain) in chains where chain.finished().problem != nil {
                // Seen out of seq order, or truly broken: the verdict in seq order decides.
                var again = Chain(recorded: chain.recorded, recordedHead: chain.recordedHead)
                try db.forEach("SELECT " + entryColumns + " FROM timeline t WHERE t.interaction_id = ? ORDER BY t.seq", [id.text]) { row in
                    _ = again.visit(row, hasher: &hasher)
                }
                chains[id] = again
            }
        } else {
            try db.forEach("""
                SELECT \(entryColumns) FROM interactions i JOIN timeline t ON t.interaction_id = i.id
                WHERE i.final_seq > ?1 AND i.final_seq <= ?2
                ORDER BY i.final_seq, i.id, t.seq
                """, [from, to]) { row in
                guard let index = chains.index(forKey: ExactID(row.string(0))) else { return }
                if chains.values[index].visit(row, hasher: &hasher) { result.entries += 1 }
            }
        }
        result.chains = chains.count
        for (id, chain) in chains {
            let verdict = chain.finished()
            if let problem = verdict.problem {
                result.breaks.append(ChainBreak(interaction: id.text, entry: verdict.entry, problem: problem))
            }
        }
        result.breaks.sort { Array($0.interaction.utf8).lexicographicallyPrecedes(Array($1.interaction.utf8)) }
        return result
    }

    /// One interaction's chain as its entries arrive in seq order.
    private struct Chain {
        var recorded: Int64
        var recordedHead: [UInt8]?
        var expected: Int64 = 1
        var previous = HashChain.genesis
        var computed = HashChain.genesis
        var broken: (entry: Int64, problem: ChainBreak.Problem)?

        init(recorded: Int64, recordedHead: [UInt8]?) {
            self.recorded = recorded
            self.recordedHead = recordedHead
        }

        /// Checks the next entry (columns as `entryColumns`); true when it was hashed.
        mutating func visit(_ row: Statement, hasher: inout ChainHasher) -> Bool {
            guard broken == nil else { return false }
            let seq = row.int64(1)
            if seq != expected {
                broken = (expected, .missing(next: seq))
            } else if seq > recorded {
                broken = (seq, .unrecorded(recorded: recorded))
            } else if !row.blobEquals(9, previous) {
                broken = (seq, .brokenLink)
            } else {
                hasher.link(previous: previous, row: row, into: &computed)
                guard row.blobEquals(10, computed) else {
                    broken = (seq, .changedContent)
                    return true
                }
                swap(&previous, &computed)
                expected = seq + 1
                return true
            }
            return false
        }

        /// The first break, once every entry was seen (nil problem: the chain holds).
        func finished() -> (entry: Int64, problem: ChainBreak.Problem?) {
            if let broken { return (broken.entry, broken.problem) }
            let last = expected - 1
            if last < recorded { return (expected, .missing(next: nil)) }
            if recordedHead != (last == 0 ? nil : previous) { return (last, .headMismatch(head: recordedHead?.hexString)) }
            return (last, nil)
        }
    }
}
