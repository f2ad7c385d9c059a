/// What one commit wrote: posted after the commit so that live readers (the service's event
/// streams) read the new entries at once instead of polling the database.
package struct CommitNotification: Sendable, Equatable {
    /// The interactions that got new timeline entries (or ended) in the commit.
    package var interactions: Set<String>
    /// The highest event sequence number stored after the commit (0 for an empty store).
    package var highestSeq: Int64

    /// Creates a notification.
    package init(interactions: Set<String>, highestSeq: Int64) {
        self.interactions = interactions
        self.highestSeq = highestSeq
    }
}
