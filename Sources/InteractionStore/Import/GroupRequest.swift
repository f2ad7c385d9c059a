import StoreSQLite
import InteractionModel
/// One request of a grouped write (`Store.applyGroup`): what one HTTP request asks to store.
package enum GroupRequest: Sendable, Equatable {
    /// An event log: all or nothing (`atomic`), or keep the good events and list the bad lines.
    case log(DecodedLog, atomic: Bool)
    /// One event, on its own.
    case event(Event)
}

/// What became of one request of a grouped write.
package enum GroupOutcome: Sendable {
    /// A log's result, as `storectl import` counts it: `committed` is false (and `stored` 0) when
    /// an atomic log had a bad line and nothing of it was written.
    case log(ImportSummary)
    /// A single event was stored or found already stored.
    case event(ApplyOutcome)
    /// A single event broke a rule (or reused a stored id with other content); nothing written.
    case eventRejected(RuleViolation)
    /// The request failed for a reason that is not its content (an SQLite error inside its
    /// savepoint); nothing of it was written, the other requests went on.
    case failed(SQLiteError)
}

/// The outcome of a committed grouped write.
package struct GroupCommit: Sendable {
    /// One outcome per request, in order.
    package var outcomes: [GroupOutcome]
    /// What the commit changed, for those who wait on new timeline entries.
    package var notification: CommitNotification
}
