import InteractionModel
/// One page of an interaction's transcript: the entries after a cursor, and whether more follow.
package struct TranscriptPage: Sendable, Equatable {
    /// The entries with `seq` above the cursor, in order, at most the limit.
    package var entries: [TimelineEntry]
    /// True when entries after the last one of this page exist.
    package var hasMore: Bool
    /// True when the interaction has ended (no entry will be added after the last one).
    package var ended: Bool

    /// Creates a page.
    package init(entries: [TimelineEntry], hasMore: Bool, ended: Bool) {
        self.entries = entries
        self.hasMore = hasMore
        self.ended = ended
    }
}

extension Store {
    /// The transcript entries of `interaction` with `seq > after`, at most `limit`, as
    /// `audience` sees them (SPEC section 6: a page of `transcript(of:as:)`).
    /// - Throws: `StoreError.unknownInteraction` (or `.purgedInteraction`); `StoreError.consultationHasNoContactView`
    ///   for the contact's view of a consultation; `SQLiteError`.
    package func transcriptPage(of interaction: String, as audience: Audience = .agent, after: Int64 = 0, limit: Int = 1000) throws -> TranscriptPage {
        try explainingPurges {
            try read { db in
                let status = try TimelineRow.viewableStatus(db, of: interaction, as: audience)
                var entries = try db.query(TimelineRow.pageSQL(for: audience), [interaction, after, Int64(limit) + 1], TimelineRow.entry)
                let hasMore = entries.count > limit
                if hasMore { entries.removeLast() }
                return TranscriptPage(entries: entries, hasMore: hasMore, ended: status == "ended")
            }
        }
    }
}
