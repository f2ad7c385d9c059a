import InteractionModel
import InteractionStore

/// How ConferenceSummary is shown: its columns and cells (the JSON keys, the CSV header, a table).
extension ConferenceSummary {
    /// The keys, in output order (the JSON object's keys, or a one-row table's columns).
    package static let columns = [
        "requested", "accepted", "declined", "timeout", "cancelled", "pending",
        "accept_rate", "median_wait_ms", "auto_transfers", "removed",
    ]

    /// The values in `columns` order.
    package var cells: [Cell] {
        [
            .integer(Int64(requested)), .integer(Int64(accepted)), .integer(Int64(declined)), .integer(Int64(timeout)),
            .integer(Int64(cancelled)), .integer(Int64(pending)), acceptRate.map(Cell.number) ?? .null,
            .integer(medianWaitMs), .integer(Int64(autoTransfers)), .integer(Int64(removed)),
        ]
    }

    /// One JSON object (not an array), keys in `columns` order, without a trailing newline.
    package var json: String { JSONWriter.object(Array(zip(Self.columns, cells))) }

    /// A one-row table, for the table and CSV formats.
    package var tabular: Tabular { Tabular(columns: Self.columns, rows: [cells]) }
}
