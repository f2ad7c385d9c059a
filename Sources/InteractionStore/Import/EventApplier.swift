import Crypto

/// What happened to one event given to the store.
public enum ApplyOutcome: Sendable, Equatable {
    /// Checked and written.
    case stored
    /// The same event (same id, same content) was already stored: skipped.
    case duplicate
}

/// The apply path: ledger check, load the state the event needs, ask the rules, write the changes.
/// Runs inside the caller's write transaction; each event in its own savepoint.
struct EventApplier {
    let db: Connection

    /// SHA-256 of the event's canonical JSON: equal exactly when SPEC calls two events the same.
    static func contentHash(_ event: Event) -> [UInt8] {
        Array(SHA256.hash(data: Array(event.canonicalJSON.utf8)))
    }

    /// Applies one event in a savepoint.
    /// - Throws: `RuleViolation` (nothing written), or `SQLiteError`.
    func apply(_ event: Event) throws -> ApplyOutcome {
        let hash = Self.contentHash(event)
        if let stored = try db.queryOne("SELECT content_hash FROM events WHERE event_id = ?", [event.id], { $0.blob(0) }) {
            guard stored == hash else {
                throw RuleViolation(eventId: event.id, rule: .conflictingEventId,
                                    detail: "event id \(shown(event.id)) is already stored with different content")
            }
            return .duplicate
        }
        var state = try StateLoader(db: db).state(for: event)
        let changes = try state.apply(event)
        try db.savepoint {
            try db.run("INSERT INTO events (event_id, type, at, content_hash) VALUES (?, ?, ?, ?)", [event.id, event.type, event.at, hash])
            try ChangeWriter(db: db, eventSeq: db.lastInsertRowID).write(changes)
        }
        return .stored
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
        try write { db in
            let applier = EventApplier(db: db)
            return try events.map { try applier.apply($0) }
        }
    }
}
