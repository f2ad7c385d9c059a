import InteractionModel

/// Consecutive lines of an import, read and decoded on the pipeline's reading thread: all the
/// work on a line that needs no database (JSON, the event's fields and defaults, its content hash).
struct DecodedBatch: Sendable {
    /// One non-blank line.
    enum Line: Sendable {
        /// A line that holds an event, with its content hash and ledger key.
        case event(line: Int, Event, EventDigest, bytes: Range<Int>)
        /// A line that is not a valid event.
        case rejected(RejectedLine, bytes: Range<Int>)

        /// The 1-based line number.
        var number: Int {
            switch self {
            case .event(let line, _, _, _): return line
            case .rejected(let rejected, _): return rejected.line
            }
        }

        /// Where the line's bytes are in the batch's `text`.
        var bytes: Range<Int> {
            switch self {
            case .event(_, _, _, let bytes), .rejected(_, let bytes): return bytes
            }
        }
    }

    /// How the input ended, on the last batch.
    enum End: Sendable, Equatable {
        /// Every line was read.
        case endOfInput
        /// `read(2)` failed with this errno after the lines of this batch.
        case readFailed(errno: Int32)
    }

    /// The non-blank lines, in order.
    var lines: [Line] = []
    /// The bytes of those lines, one after the other: a line that breaks a rule is written to
    /// the reject file as it was read. One buffer per batch, not an allocation per line.
    var text: [UInt8] = []
    /// Lines read through the end of this batch, blank ones included.
    var linesRead = 0
    /// Set on the last batch only.
    var end: End?
}
