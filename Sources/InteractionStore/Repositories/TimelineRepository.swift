import StoreSQLite
import InteractionModel
/// Who reads a transcript.
public enum Audience: String, Sendable, CaseIterable {
    /// The contact: agents-only notes are dropped; not possible for consultations.
    case contact
    /// An agent: everything.
    case agent
}

/// Reads of interactions and their timelines.
extension Store {
    /// The interaction's timeline as `audience` sees it, in order; entries keep their stored
    /// numbers, so a filtered view has gaps.
    /// - Throws: `StoreError.unknownInteraction`; `StoreError.consultationHasNoContactView` for the contact's view
    ///   on a consultation (the contact never sees it).
    public func transcript(of interaction: String, as audience: Audience = .agent) throws -> [TimelineEntry] {
        try explainingPurges { try timeline(of: interaction, as: audience) }
    }

    /// Runs a read of one interaction; when the interaction is unknown because retention
    /// purged it, the error says which purge took it instead of only "unknown".
    func explainingPurges<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.unknownInteraction(let missing) {
            if let record = try purgeRecord(of: missing) { throw StoreError.purgedInteraction(missing, record) }
            throw StoreError.unknownInteraction(missing)
        }
    }

    private func timeline(of interaction: String, as audience: Audience) throws -> [TimelineEntry] {
        try read { db in
            _ = try TimelineRow.viewableStatus(db, of: interaction, as: audience)
            return try db.query(TimelineRow.pageSQL(for: audience), [interaction, Int64(0), Int64.max], TimelineRow.entry)
        }
    }

    /// One interaction's stored row, or nil.
    /// - Throws: `SQLiteError`.
    public func interaction(_ id: String) throws -> InteractionRecord? {
        try read { db in try db.queryOne("SELECT " + InteractionRecord.columns + " FROM interactions WHERE id = ?", [id], InteractionRecord.init(row:)) }
    }
}

/// Maps timeline rows to entries.
enum TimelineRow {
    static let columns = "interaction_id, seq, at, kind, party_id, text, visibility, reason, by_party"

    /// The entries `audience` sees of interaction `?1` with `seq > ?2`, at most `?3`, in order.
    static func pageSQL(for audience: Audience) -> String {
        audience == .contact
            ? "SELECT " + columns + " FROM timeline WHERE interaction_id = ? AND seq > ? AND visibility = 'all' ORDER BY seq LIMIT ?"
            : "SELECT " + columns + " FROM timeline WHERE interaction_id = ? AND seq > ? ORDER BY seq LIMIT ?"
    }

    /// The status (`active`, `ended`) of `interaction`, once it is known that `audience` may read it.
    /// - Throws: `StoreError.unknownInteraction`; `StoreError.consultationHasNoContactView` for the
    ///   contact's view of a consultation; `SQLiteError`.
    static func viewableStatus(_ db: Connection, of interaction: String, as audience: Audience) throws -> String {
        guard let (kind, status) = try db.queryOne("SELECT kind, status FROM interactions WHERE id = ?", [interaction], { ($0.string(0), $0.string(1)) }) else {
            throw StoreError.unknownInteraction(interaction)
        }
        if audience == .contact, kind == InteractionKind.consultation.rawValue {
            throw StoreError.consultationHasNoContactView(interaction: interaction)
        }
        return status
    }

    /// - Throws: `StoreError.undecodableValue` for a stored kind or visibility outside the vocabulary.
    static func entry(_ row: Statement) throws -> TimelineEntry {
        try TimelineEntry(interaction: row.string(0), seq: row.int64(1), time: row.int64(2),
                          kind: row.vocabulary(3, EntryKind.self, table: "timeline", column: "kind"), party: row.string(4),
                          text: row.optionalString(5), visibility: row.vocabulary(6, Visibility.self, table: "timeline", column: "visibility"),
                          reason: row.optionalString(7), by: row.optionalString(8))
    }
}

/// An interaction as stored.
public struct InteractionRecord: Sendable, Equatable {
    /// Its id.
    public var id: String
    /// Chat or consultation.
    public var kind: InteractionKind
    /// Parent chat of a consultation.
    public var parent: String?
    /// The contact's id (chats).
    public var contact: String?
    /// The contact's name, when given.
    public var contactName: String?
    /// The current (or last) owner.
    public var owner: String?
    /// `active` or `ended`.
    public var status: String
    /// Start time.
    public var startedAt: Int64
    /// End time, nil while active.
    public var endedAt: Int64?

    static let columns = "id, kind, parent_id, contact_id, contact_name, owner_id, status, started_at, ended_at"

    /// - Throws: `StoreError.undecodableValue` for a stored kind outside the vocabulary.
    init(row: Statement) throws {
        id = row.string(0)
        kind = try row.vocabulary(1, InteractionKind.self, table: "interactions", column: "kind")
        parent = row.optionalString(2)
        contact = row.optionalString(3)
        contactName = row.optionalString(4)
        owner = row.optionalString(5)
        status = row.string(6)
        startedAt = row.int64(7)
        endedAt = row.optionalInt64(8)
    }
}
