import StoreSQLite
import InteractionModel
/// The next entry number, chain head and latest event time of the interactions an applier has
/// written to, kept in memory while a write transaction is open.
///
/// A busy chat's head is not read back from the database for every message, and its row in
/// `interactions` is not rewritten for every event either: the columns are written once per
/// interaction by `flush`, which must run before the transaction commits (and before the
/// cache is dropped). Dropped without a flush only when the transaction rolls back, since the
/// database then forgets the entries the cache describes.
final class ChainCache {
    /// Where an interaction's chain stands.
    struct Link {
        /// The number the next timeline entry gets.
        var next: Int64
        /// The hash of the last entry (32 zero bytes before the first).
        var head: [UInt8]
    }

    /// What `interactions` does not hold yet for one interaction.
    private struct Unsaved {
        /// True when timeline entries were appended (next_entry and chain_head moved).
        var chained = false
        /// The latest event time seen, when an event touched the interaction.
        var latest: Int64?
    }

    private(set) var links: [ExactID: Link] = [:]
    private var unsaved: [ExactID: Unsaved] = [:]

    /// The link of `id`, read from the database when not cached.
    /// - Throws: `SQLiteError`; `.constraint` when the interaction is not stored.
    func link(_ id: ExactID, db: Connection) throws -> Link {
        if let cached = links[id] { return cached }
        guard let stored = try db.queryOne("SELECT next_entry, chain_head FROM interactions WHERE id = ?", [id.text], {
            Link(next: $0.int64(0), head: $0.isNull(1) ? HashChain.genesis : $0.blob(1))
        }) else {
            throw SQLiteError(code: .constraint, message: "timeline entry for an interaction that is not stored", sql: nil)
        }
        links[id] = stored
        return stored
    }

    /// Records that an entry with hash `head` was appended to `id`'s chain.
    func advance(_ id: ExactID, head: [UInt8]) {
        let next = (links[id]?.next ?? 1) + 1
        links[id] = Link(next: next, head: head)
        unsaved[id, default: Unsaved()].chained = true
    }

    /// Records that an event at `time` belongs to `id`.
    func touch(_ id: ExactID, at time: Int64) {
        unsaved[id, default: Unsaved()].latest = Swift.max(unsaved[id]?.latest ?? time, time)
    }

    /// Writes what the database does not hold yet: one UPDATE per interaction touched since
    /// the last flush. With `ids`, writes only those interactions and forgets their links (they
    /// ended and leave the caches).
    /// - Throws: `SQLiteError`.
    func flush(_ db: Connection, only ids: Set<ExactID>? = nil) throws {
        guard let ids else {
            for (id, pending) in unsaved { try save(id, pending, db) }
            unsaved.removeAll(keepingCapacity: true)
            return
        }
        for id in ids {
            if let pending = unsaved.removeValue(forKey: id) { try save(id, pending, db) }
            links[id] = nil
        }
    }

    private func save(_ id: ExactID, _ pending: Unsaved, _ db: Connection) throws {
        let link = pending.chained ? links[id] : nil
        try db.run("""
            UPDATE interactions SET next_entry = coalesce(?, next_entry), chain_head = coalesce(?, chain_head),
                   latest_at = max(latest_at, coalesce(?, latest_at))
            WHERE id = ?
            """, binding: link?.next, link?.head, pending.latest, id.text)
    }

    /// Forgets the cached links (after a flush, or after a rollback).
    func clear() {
        links.removeAll(keepingCapacity: true)
        unsaved.removeAll(keepingCapacity: true)
    }
}
