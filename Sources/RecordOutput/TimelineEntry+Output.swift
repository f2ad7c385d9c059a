import InteractionModel
import InteractionStore

/// How a timeline entry is shown in a transcript: its columns and cells.
extension TimelineEntry: ReportRow {
    /// The transcript's columns (SPEC section 3).
    package static let columns = ["seq", "time", "kind", "party", "text", "visibility", "reason", "by"]

    /// The entry's cells in `columns` order.
    package var cells: [Cell] {
        [.integer(seq), .time(time), .text(kind.rawValue), .text(party), .text(text), .text(visibility.rawValue), .text(reason), .text(by)]
    }
}
