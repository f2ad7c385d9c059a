import InteractionModel

/// What the apply path derives from an event alone, before any database work: its content hash
/// and its ledger-filter key (both hash the event's bytes). The import pipeline takes them on
/// its reading thread, so the writer — the import's critical path — does not.
struct EventDigest: Sendable, Equatable {
    /// `EventApplier.contentHash(event)`.
    let contentHash: [UInt8]
    /// `LedgerFilter.Key(event.id)`.
    let ledgerKey: LedgerFilter.Key

    /// The digest of `event`.
    init(_ event: Event) {
        contentHash = EventApplier.contentHash(event)
        ledgerKey = LedgerFilter.Key(event.id)
    }
}
