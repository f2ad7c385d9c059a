import Foundation
import StoreSQLite
import InteractionModel

/// Verifies the stored hash chains of the interactions an export run writes, from the rows the
/// run streams into its timeline file: the export reads every entry of those chains anyway, so
/// the check costs the hashing and nothing else (SPEC section 4: it must stay a small part of
/// the export's time; reading the timeline a second time was a quarter of it).
///
/// Each chain is checked as `storectl check` checks it (numbering from 1, each previous-hash
/// the hash before it, each hash the hash of the entry's content, the interaction's recorded
/// entry count and head equal to its last entry's), and only its first break is kept: a chain
/// broken at entry 3 is broken from there on, and the entry to look at is 3.
///
/// The rows are those of `ExportEntity.timeline`: grouped by interaction, each group in seq
/// order, each row carrying after its exported columns the interaction's recorded entry count
/// and head (`Columns`). Interactions of the window without a stored entry never appear there;
/// `finish` looks for them when fewer chains were seen than the run has interactions.
///
/// Nothing of the run may reach the export directory while a verdict is pending: the export
/// keeps every file under its temporary name until `finish` found no break.
struct ChainCheck {
    /// What the check found.
    struct Result: Equatable {
        /// Interactions whose chain was verified.
        var chains = 0
        /// Entries hashed.
        var entries = 0
        /// The first break of each broken chain, sorted by interaction id as bytes.
        var breaks: [ChainBreak] = []
    }

    /// Where `ExportEntity.timeline`'s row holds what the check reads.
    enum Columns {
        static let hashed = ChainHasher.Columns(interaction: 0, seq: 1, at: 2, kind: 3, party: 4, text: 5, visibility: 6,
                                                reason: 7, by: 8)
        static let seq: Int32 = 1
        static let previousHash: Int32 = 10
        static let hash: Int32 = 11
        /// `interactions.next_entry - 1`: the entries the interaction records.
        static let recorded: Int32 = 12
        /// `interactions.chain_head`: the hash the interaction records as its last (NULL: none).
        static let recordedHead: Int32 = 13
    }

    private var hasher = ChainHasher(columns: Columns.hashed)
    private var chain = Chain()
    private var inChain = false
    private var result = Result()
    /// Time spent in the check, for `ExportResult.verificationSeconds`.
    private(set) var nanoseconds: UInt64 = 0

    /// Checks the next row of the timeline query.
    mutating func visit(_ row: Statement) {
        let began = Self.now()
        if !inChain || !row.bytesEqual(0, chain.id) {
            close()
            chain.start(row)
            inChain = true
        }
        if chain.visit(row, hasher: &hasher) { result.entries += 1 }
        nanoseconds &+= Self.now() &- began
    }

    /// The verdict, once every row was visited: also checks the run's interactions that have no
    /// stored entry (there are `interactions` in the window, from the interactions file).
    /// - Throws: `SQLiteError`.
    mutating func finish(_ db: Connection, from: Int64, to: Int64, interactions: Int) throws -> Result {
        let began = Self.now()
        close()
        if result.chains < interactions {
            // No entry, so not in the timeline's rows: a chat whose every entry was deleted, or one that has none.
            try db.forEach("""
                SELECT i.id, i.next_entry - 1, i.chain_head FROM interactions i
                WHERE i.final_seq > ?1 AND i.final_seq <= ?2
                  AND NOT EXISTS (SELECT 1 FROM timeline t WHERE t.interaction_id = i.id)
                """, [from, to]) { row in
                var empty = Chain()
                empty.start(id: row.blob(0), recorded: row.int64(1), recordedHead: row.isNull(2) ? nil : row.blob(2))
                record(empty)
            }
        }
        result.breaks.sort { Array($0.interaction.utf8).lexicographicallyPrecedes(Array($1.interaction.utf8)) }
        nanoseconds &+= Self.now() &- began
        return result
    }

    private mutating func close() {
        guard inChain else { return }
        record(chain)
        inChain = false
    }

    private mutating func record(_ chain: Chain) {
        result.chains += 1
        let verdict = chain.finished()
        if let problem = verdict.problem {
            result.breaks.append(ChainBreak(interaction: String(decoding: chain.id, as: UTF8.self), entry: verdict.entry, problem: problem))
        }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// One interaction's chain as its entries arrive in seq order; its buffers are reused from
    /// one interaction to the next.
    private struct Chain {
        var id: [UInt8] = []
        var recorded: Int64 = 0
        var recordedHead: [UInt8]?
        var expected: Int64 = 1
        var previous = HashChain.genesis
        var computed = HashChain.genesis
        var broken: (entry: Int64, problem: ChainBreak.Problem)?

        /// Starts the chain of the row's interaction.
        mutating func start(_ row: Statement) {
            id.removeAll(keepingCapacity: true)
            _ = row.withBytes(0) { id.append(contentsOf: $0) }
            start(id: nil, recorded: row.int64(Columns.recorded),
                  recordedHead: row.isNull(Columns.recordedHead) ? nil : row.blob(Columns.recordedHead))
        }

        /// Starts a chain (`id` nil: keep the one set).
        mutating func start(id: [UInt8]?, recorded: Int64, recordedHead: [UInt8]?) {
            if let id { self.id = id }
            self.recorded = recorded
            self.recordedHead = recordedHead
            expected = 1
            _ = previous.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) }
            broken = nil
        }

        /// Checks the next entry; true when it was hashed.
        mutating func visit(_ row: Statement, hasher: inout ChainHasher) -> Bool {
            guard broken == nil else { return false }
            let seq = row.int64(Columns.seq)
            if seq != expected {
                broken = (expected, .missing(next: seq))
            } else if seq > recorded {
                broken = (seq, .unrecorded(recorded: recorded))
            } else if !row.bytesEqual(Columns.previousHash, previous) {
                broken = (seq, .brokenLink)
            } else {
                hasher.link(previous: previous, row: row, into: &computed)
                guard row.bytesEqual(Columns.hash, computed) else {
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
