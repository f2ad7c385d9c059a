import StoreSQLite
import InteractionModel
/// What happened to one event given to the store.
public enum ApplyOutcome: Sendable, Equatable {
    /// Checked and written.
    case stored
    /// The same event (same id, same content) was already stored: skipped.
    case duplicate
}

/// The apply path: ledger check, load the state the event needs, ask the rules, write the changes.
/// Runs inside a write transaction opened by `transaction` (or `commitAndContinue`).
///
/// The applier keeps the rules' state of the interactions it has seen (a cache), so a busy
/// log does not re-read the same open chats for every message, and the chain links of the
/// interactions it wrote to (`ChainCache`, flushed before every commit). The rules change the
/// cached state only for accepted events, exactly as the writes change the database.
///
/// The `Store` keeps one applier with its writer connection, so live single-event commits
/// find their chat cached too. The cache stays true because every way the database can change
/// is accounted for: this applier's own commits keep it; a rollback drops it; a write by
/// another connection (another process) moves `PRAGMA data_version`, checked at the start of
/// every transaction; any other write through the store's writer drops the store's applier.
/// Ended interactions are swept out regularly, so the cache holds about the open ones only.
final class EventApplier {
    let db: Connection
    private let caching: Bool
    /// Whether each event's writes need their own savepoint: only when the batch keeps going
    /// after a failed event (reject file, batched commits). In an all-or-nothing batch the
    /// rules have accepted the event before anything is written, so a failing write is an
    /// I/O or internal error that rolls the whole transaction back anyway — and a savepoint
    /// costs a copy of every page the event first touches.
    var isolateEvents: Bool
    private var cache = WorkflowState()
    private let chains = ChainCache()
    private var sinceSweep = 0
    /// `PRAGMA data_version` when the cache was last known true; nil: nothing cached yet.
    private var dataVersion: Int64?
    /// Set when a write failed part-way: the caches no longer match the database, so nothing
    /// of this transaction may be committed.
    private var mustRollBack = false
    /// Every id this applier stored, kept only while it has seen every id of the ledger (it was
    /// empty when the cache became valid); nil otherwise, and each event probes the ledger.
    private var storedIDs: LedgerFilter?

    init(db: Connection, caching: Bool = true, isolateEvents: Bool = true) {
        self.db = db
        self.caching = caching
        self.isolateEvents = isolateEvents
    }

    // MARK: Transactions

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`): the cache is checked against
    /// other connections' commits first, and the chain links are flushed before the commit.
    /// On any error the transaction rolls back and the cache is dropped.
    /// - Throws: what `body` throws, or `SQLiteError` (busy, I/O).
    func transaction<T>(_ body: () throws -> T) throws -> T {
        do {
            return try db.transaction {
                try revalidate()
                let result = try body()
                try flush()
                return result
            }
        } catch {
            reset()
            throw error
        }
    }

    /// Commits what the open transaction holds and opens the next one (batched imports).
    /// - Throws: `SQLiteError`; the caller's transaction then rolls back.
    func commitAndContinue() throws {
        try flush()
        try db.commitAndBegin()
        try revalidate()
    }

    /// Drops the cache when another connection committed since it was last known true.
    private func revalidate() throws {
        let version = try db.scalarInt("PRAGMA data_version")
        if version != dataVersion {
            reset()
            // A first import into a new store need not ask the ledger about ids it never stored.
            if caching, try db.scalarInt("SELECT NOT EXISTS (SELECT 1 FROM events)") == 1 { storedIDs = LedgerFilter() }
        }
        dataVersion = version
    }

    /// Writes the chain links the database does not hold yet: all of them (before a commit), or
    /// those of `ids`, which the chain cache then forgets.
    private func flush(only ids: Set<ExactID>? = nil) throws {
        guard !mustRollBack else {
            throw SQLiteError(code: .abort, message: "an earlier write of this transaction failed; it must be rolled back, not committed")
        }
        try chains.flush(db, only: ids)
    }

    /// SHA-256 of the event's canonical fields (`Event.canonicalBytes`: defaults applied, `at`
    /// in milliseconds, each key and value length-prefixed): equal exactly when SPEC calls two
    /// events the same. (Stored hashes depend on that layout: it must never change.)
    static func contentHash(_ event: Event) -> [UInt8] {
        event.canonicalBytes.sha256
    }

    /// Applies one event (in a savepoint when `isolateEvents`).
    /// - Parameter digest: `EventDigest(event)` when the caller took it already (the import
    ///   pipeline does, on its reading thread).
    /// - Throws: `RuleViolation` (nothing written), or `SQLiteError`.
    func apply(_ event: Event, digest: EventDigest? = nil) throws -> ApplyOutcome {
        let hash = digest?.contentHash ?? Self.contentHash(event)
        // A first import skips the ledger probe for ids its filter has certainly not seen.
        let ledgerKey = storedIDs.map { _ in digest?.ledgerKey ?? LedgerFilter.Key(event.id) }
        let mayBeStored = ledgerKey.flatMap { storedIDs?.mayContain($0) } ?? true
        if mayBeStored, let stored = try db.queryOne("SELECT content_hash FROM events WHERE event_id = ?", binding: event.id, row: { $0.blob(0) }) {
            guard stored == hash else {
                throw RuleViolation(eventId: event.id, rule: .conflictingEventId,
                                    detail: .eventIdStored(event.id))
            }
            return .duplicate
        }
        if !caching {
            try flush()
            reset()
        }
        do {
            try StateLoader(db: db).load(for: event, into: &cache)
        } catch {
            cache = WorkflowState()
            throw error
        }
        let changes = try cache.apply(event)  // a violation leaves the cache as it was
        do {
            let write = {
                try self.db.run("INSERT INTO events (event_id, type, at, content_hash) VALUES (?, ?, ?, ?)",
                                binding: event.id, event.type, event.at, hash)
                try ChangeWriter(db: self.db, eventSeq: self.db.lastInsertRowID, chains: self.chains).write(changes)
            }
            if isolateEvents { try db.savepoint(write) } else { try write() }
            if let ledgerKey { storedIDs?.insert(ledgerKey) }
        } catch {
            reset()  // the database rolls back what the caches already hold
            mustRollBack = true
            throw error
        }
        sinceSweep += 1
        if sinceSweep >= 512 {
            sinceSweep = 0
            // Ended interactions leave both caches; an open chat keeps its links unsaved, so it
            // is written to `interactions` once per transaction, not once per sweep.
            let ended = cache.sweepEnded()
            try flush(only: ended)
        }
        return .stored
    }

    /// Forgets the cached state (after a rollback).
    func reset() {
        cache = WorkflowState()
        chains.clear()
        dataVersion = nil
        mustRollBack = false
        storedIDs = nil
    }
}

extension WorkflowState {
    /// Drops ended interactions and the requests that only they need; the loader reads them
    /// again from the database if a later event (a disposition) names them.
    /// - Returns: the interactions dropped.
    @discardableResult
    mutating func sweepEnded() -> Set<ExactID> {
        let ended = Set(interactions.values.lazy.filter { !$0.isActive }.map { ExactID($0.id) })
        guard !ended.isEmpty else { return ended }
        for id in ended { interactions[id] = nil }
        requests = requests.filter { _, request in
            interactions[request.interaction] != nil || (request.status == .pending && !ended.contains(ExactID(request.interaction)))
        }
        agentStates.removeAll(keepingCapacity: true)
        return ended
    }
}

extension Store {
    /// Applies decoded events in one write transaction: all or nothing.
    ///
    /// Idempotent by event id: an event already stored with the same content is skipped; the
    /// same id with different content is a `RuleViolation` (`conflictingEventId`).
    /// - Returns: the outcome of each event, in order.
    /// - Throws: the first `RuleViolation` (nothing of the batch is written), or `SQLiteError`.
    @discardableResult
    public func apply(_ events: [Event]) throws -> [ApplyOutcome] {
        try withApplier { applier in
            applier.isolateEvents = false  // the batch is all or nothing
            return try applier.transaction { try events.map { try applier.apply($0) } }
        }
    }
}

extension EventApplier {
    /// Runs one request of a grouped write (`Store.applyGroup`) in its own savepoint, so that
    /// rolling it back leaves every other request of the transaction as it was.
    ///
    /// The chain links of earlier requests are written first: a rolled-back request then drops
    /// the caches (they may describe its undone writes) without losing anything the database
    /// does not hold yet.
    /// - Throws: what `body` throws, after the savepoint was rolled back and the caches dropped.
    func isolatedRequest<T>(_ body: () throws -> T) throws -> T {
        try flush()
        do {
            return try db.savepoint(body)
        } catch {
            cache = WorkflowState()
            chains.clear()
            storedIDs = nil
            mustRollBack = false
            throw error
        }
    }
}
