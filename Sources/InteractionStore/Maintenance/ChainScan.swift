/// Verifies the stored hash chains of the interactions that became final in a window of the
/// change sequence — exactly those an export run of that window writes — in one pass over
/// their entries (in the timeline export's order, `final_seq` then id then seq, which the
/// `interactions_final` index gives without sorting every entry; the breaks are then sorted by id).
///
/// Each chain is checked as `storectl check` checks it (numbering from 1, each previous-hash
/// the hash before it, each hash the hash of the entry's content, the interaction's recorded
/// entry count and head equal to its last entry's), and only its first break is kept: a chain
/// broken at entry 3 is broken from there on, and the entry to look at is 3.
struct ChainScan {
    /// What a scan found.
    struct Result: Equatable {
        /// Interactions whose chain was verified.
        var chains = 0
        /// Entries hashed.
        var entries = 0
        /// The first break of each broken chain, by interaction id.
        var breaks: [ChainBreak] = []
    }

    /// `?1`, `?2`: the window `(from, to]` of `final_seq`. Interactions without entries come
    /// as one row with a NULL `seq`. `ORDER BY i.id, t.seq` would sort every entry (text
    /// included) in a temporary b-tree; this order sorts only ties of `final_seq`.
    private static let sql = """
        SELECT i.id, i.next_entry - 1, i.chain_head, t.seq, t.at, t.kind, t.party_id, t.text, t.visibility, t.reason,
               t.by_party, t.prev_hash, t.hash
        FROM interactions i LEFT JOIN timeline t ON t.interaction_id = i.id
        WHERE i.final_seq > ?1 AND i.final_seq <= ?2
        ORDER BY i.final_seq, i.id, t.seq
        """

    /// Scans the chains of the interactions with `final_seq` in `(from, to]`.
    /// - Throws: `SQLiteError`.
    static func scan(_ db: Connection, from: Int64, to: Int64) throws -> Result {
        var walk = Walk()
        try db.forEach(sql, [from, to]) { row in walk.visit(row) }
        walk.finish()
        var result = walk.result
        result.breaks.sort { Array($0.interaction.utf8).lexicographicallyPrecedes(Array($1.interaction.utf8)) }
        return result
    }

    private struct Walk {
        var result = Result()
        var hasher = ChainHasher(columns: .init(interaction: 0, seq: 3, at: 4, kind: 5, party: 6, text: 7,
                                                visibility: 8, reason: 9, by: 10))
        var current: [UInt8]?  // the interaction's id bytes
        var interaction = ""
        var recorded: Int64 = 0
        var recordedHead: [UInt8]?
        var expected: Int64 = 1
        var previous = HashChain.genesis
        var computed = HashChain.genesis
        var broken = false

        mutating func visit(_ row: Statement) {
            let same = current.map { id in row.withBytes(0) { $0.elementsEqual(id) } ?? false } ?? false
            if !same {
                finish()
                start(row)
            }
            guard !broken, !row.isNull(3) else { return }
            let seq = row.int64(3)
            result.entries += 1
            if seq != expected {
                fail(expected, .missing(next: seq))
            } else if seq > recorded {
                fail(seq, .unrecorded(recorded: recorded))
            } else if !row.blobEquals(11, previous) {
                fail(seq, .brokenLink)
            } else {
                hasher.link(previous: previous, row: row, into: &computed)
                if row.blobEquals(12, computed) {
                    swap(&previous, &computed)
                    expected = seq + 1
                } else {
                    fail(seq, .changedContent)
                }
            }
        }

        private mutating func start(_ row: Statement) {
            current = row.withBytes(0) { Array($0) } ?? []
            interaction = row.string(0)
            recorded = row.int64(1)
            recordedHead = row.isNull(2) ? nil : row.blob(2)
            expected = 1
            previous = HashChain.genesis
            broken = false
            result.chains += 1
        }

        mutating func finish() {
            guard current != nil, !broken else { return }
            let last = expected - 1
            if last < recorded {
                fail(expected, .missing(next: nil))
            } else if recordedHead != (last == 0 ? nil : previous) {
                fail(last, .headMismatch(head: recordedHead?.hexString))
            }
        }

        private mutating func fail(_ entry: Int64, _ problem: ChainBreak.Problem) {
            broken = true
            result.breaks.append(ChainBreak(interaction: interaction, entry: entry, problem: problem))
        }
    }
}
