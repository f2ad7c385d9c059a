import StoreSQLite
import InteractionModel
/// Verifies stored hash chains: numbering, links and content.
package struct ChainVerification: Sendable, Equatable {
    /// Chains (interactions) looked at.
    package var chains: Int
    /// Entries verified.
    package var entries: Int
    /// The head of the chain (hex), for a single interaction; nil when it has no entries.
    package var head: String?
    /// Every break found, naming the interaction and the entry.
    package var problems: [String]
}

enum ChainVerifier {
    static let entryColumns = "interaction_id, seq, at, kind, party_id, text, visibility, reason, by_party, prev_hash, hash"

    /// Verifies every chain in the database.
    static func verifyAll(_ db: Connection) throws -> ChainVerification {
        var result = ChainVerification(chains: 0, entries: 0, head: nil, problems: [])
        var walker = Walker()
        try db.forEach("SELECT " + entryColumns + " FROM timeline ORDER BY interaction_id, seq") { row in
            walker.visit(row, into: &result)
        }
        walker.finish(into: &result)
        try compareHeads(db, heads: walker.heads, into: &result)
        return result
    }

    /// Verifies the chain of one interaction.
    static func verify(_ db: Connection, interaction: String) throws -> ChainVerification {
        var result = ChainVerification(chains: 0, entries: 0, head: nil, problems: [])
        var walker = Walker()
        try db.forEach("SELECT " + entryColumns + " FROM timeline WHERE interaction_id = ? ORDER BY seq", [interaction]) { row in
            walker.visit(row, into: &result)
        }
        walker.finish(into: &result)
        result.head = walker.heads[ExactID(interaction)]?.hexString
        try compareHeads(db, heads: walker.heads, into: &result, only: interaction)
        return result
    }

    private static func compareHeads(_ db: Connection, heads: [ExactID: [UInt8]], into result: inout ChainVerification, only: String? = nil) throws {
        let sql = only == nil
            ? "SELECT id, chain_head FROM interactions"
            : "SELECT id, chain_head FROM interactions WHERE id = ?"
        try db.forEach(sql, only.map { [$0] } ?? []) { row in
            let id = row.string(0)
            let stored = row.isNull(1) ? nil : row.blob(1)
            if stored != heads[ExactID(id)] {
                result.problems.append("interaction \(id): the recorded chain head \(stored?.hexString ?? "none") does not match the last entry's hash \(heads[ExactID(id)]?.hexString ?? "none"); entries were added or removed outside the store")
            }
        }
    }

    private struct Walker {
        var current: String?
        var expectedSeq: Int64 = 1
        var previous = HashChain.genesis
        var heads: [ExactID: [UInt8]] = [:]
        let hasher = ChainHasher(columns: .init(interaction: 0, seq: 1, at: 2, kind: 3, party: 4, text: 5, visibility: 6, reason: 7, by: 8))
        var computed = [UInt8](repeating: 0, count: 32)

        mutating func visit(_ row: Statement, into result: inout ChainVerification) {
            let interaction = row.string(0)
            if !interaction.same(current) {
                finish(into: &result)
                current = interaction
                expectedSeq = 1
                previous = HashChain.genesis
                result.chains += 1
            }
            let seq = row.int64(1)
            let storedPrevious = row.blob(9)
            let storedHash = row.blob(10)
            if seq != expectedSeq {
                result.problems.append("interaction \(interaction) entry \(seq): expected entry \(expectedSeq) — entries are missing or renumbered")
            }
            if storedPrevious != previous {
                result.problems.append("interaction \(interaction) entry \(seq): its previous-hash does not match entry \(seq - 1)'s hash — the chain is broken here")
            }
            // The stored bytes themselves are hashed, not a decoded entry: a kind or visibility
            // edited to a value outside the vocabulary must not decode to a default and pass.
            hasher.link(previous: storedPrevious, row: row, into: &computed)
            if computed != storedHash {
                result.problems.append("interaction \(interaction) entry \(seq): the stored hash does not match the entry's content — the entry (\(row.string(3)) by \(row.string(4))) was changed after it was written")
            }
            result.entries += 1
            previous = storedHash
            expectedSeq = seq + 1
            heads[ExactID(interaction)] = storedHash
        }

        mutating func finish(into result: inout ChainVerification) {}
    }
}
