/// The first place an interaction's stored hash chain stops holding, as the export's check
/// before writing finds it.
public struct ChainBreak: Sendable, Equatable, CustomStringConvertible {
    /// What is wrong at `entry`.
    public enum Problem: Sendable, Equatable {
        /// The entry is not stored: the next stored entry is `next` (nil: none follows, the
        /// interaction records more entries than are stored).
        case missing(next: Int64?)
        /// The entry's previous-hash is not the hash of the entry before it.
        case brokenLink
        /// The entry's stored hash is not the hash of its content: it was changed after it was written.
        case changedContent
        /// The interaction's recorded head (`head`, hex, nil when none) is not the last entry's hash.
        case headMismatch(head: String?)
        /// Entries are stored past the last one the interaction records (`recorded`).
        case unrecorded(recorded: Int64)
    }

    /// The interaction.
    public var interaction: String
    /// The first bad entry's seq.
    public var entry: Int64
    /// What is wrong there.
    public var problem: Problem

    /// One sentence naming the interaction and the entry.
    public var description: String {
        let what: String
        switch problem {
        case .missing(let next?):
            what = "is missing (the next stored entry is \(next)): entries were deleted or renumbered"
        case .missing(nil):
            what = "is missing: the interaction records it, but its last stored entry is \(entry - 1) (entries were deleted)"
        case .brokenLink:
            what = "does not link to entry \(entry - 1): its previous-hash is not that entry's hash"
        case .changedContent:
            what = "was changed after it was written: its stored hash does not match its content"
        case .headMismatch(let head):
            what = "is the last stored entry, but the interaction's recorded chain head \(head ?? "none") is not its hash"
        case .unrecorded(let recorded):
            what = "was added outside the store: the interaction records \(recorded) entries"
        }
        return "interaction \(interaction) entry \(entry) \(what)"
    }
}
