import InteractionStore
import InteractionModel

/// The records behind a transcript page: the audit record (timeline, dispositions, linked
/// interactions, chain), the contact's view, the parties and the typed requests.
package struct TranscriptData: Sendable {
    /// Timeline (agent view), requests, dispositions, linked interactions and the chain check.
    package var audit: AuditRecord
    /// The contact's view (notes dropped); nil for a consultation, which the contact never sees.
    package var contactView: [TimelineEntry]?
    /// Every connection, in join order (roles for the joins).
    package var parties: [PartyConnection]
    /// The requests made in it (and, for a chat, the consultation requests made from it).
    package var requests: [RequestRecord]

    /// Reads everything the transcript page shows about `interaction`.
    /// - Throws: `StoreError.unknownInteraction` (or `purgedInteraction`), `SQLiteError`.
    package static func load(from store: Store, interaction: String) throws -> TranscriptData {
        let audit = try store.audit(interaction)
        let contact = audit.interaction.kind == .chat ? try store.transcript(of: interaction, as: .contact) : nil
        return TranscriptData(audit: audit, contactView: contact, parties: try store.parties(of: interaction),
                              requests: try store.requests(in: interaction))
    }
}
