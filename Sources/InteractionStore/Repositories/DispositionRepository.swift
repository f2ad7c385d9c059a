import InteractionModel
/// A code of the disposition catalog.
public struct DispositionCode: Sendable, Equatable {
    /// The code.
    public var code: String
    /// Its label.
    public var label: String
    /// When it was defined.
    public var definedAt: Int64
    /// When it was retired; nil while active.
    public var retiredAt: Int64?
}

extension Store {
    /// Adds a code to the catalog, like a `disposition.defined` event: the same code and label
    /// again is a no-op; another label is a `RuleViolation` (`labelConflict`).
    /// - Returns: true when the code was added, false when it already existed.
    /// - Throws: `RuleViolation`, `SQLiteError`.
    @discardableResult
    package func defineDisposition(code: String, label: String, at time: Int64 = Clock.nowMilliseconds()) throws -> Bool {
        try applyCatalogEvent(Event(id: "dispositions add", at: time, body: .dispositionDefined(code: code, label: label)))
    }

    /// Retires a code: it can no longer be set; history keeps it.
    /// - Returns: true when it was retired now, false when it already was.
    /// - Throws: `RuleViolation` (`unknownCode`), `SQLiteError`.
    @discardableResult
    package func retireDisposition(code: String, at time: Int64 = Clock.nowMilliseconds()) throws -> Bool {
        try applyCatalogEvent(Event(id: "dispositions retire", at: time, body: .dispositionRetired(code: code)))
    }

    /// Catalog commands go through the same rules as the events, without a ledger entry
    /// (they have no event id).
    private func applyCatalogEvent(_ event: Event) throws -> Bool {
        try write { db in
            var state = try StateLoader(db: db).state(for: event)
            let changes = try state.apply(event)
            let chains = ChainCache()
            try ChangeWriter(db: db, eventSeq: 0, chains: chains).write(changes)
            try chains.flush(db)
            return !changes.isEmpty
        }
    }

    /// The whole catalog, by code.
    /// - Throws: `SQLiteError`.
    public func dispositionCodes() throws -> [DispositionCode] {
        try read { db in
            try db.query("SELECT code, label, defined_at, retired_at FROM disposition_codes ORDER BY code") {
                DispositionCode(code: $0.string(0), label: $0.string(1), definedAt: $0.int64(2), retiredAt: $0.optionalInt64(3))
            }
        }
    }
}
