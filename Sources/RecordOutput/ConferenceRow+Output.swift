import InteractionModel
import InteractionStore

/// How ConferenceRow is shown: its columns and cells (the JSON keys, the CSV header, a table).
extension ConferenceRow: ReportRow {
    /// The report's columns, in SPEC order.
    package static let columns = [
        "request", "interaction", "requested_at", "from_agent", "target_kind", "target", "mode", "outcome",
        "answered_at", "wait_ms", "joined_agent", "left_at", "duration_ms", "end_reason", "became_owner",
    ]

    /// The row's values in `columns` order.
    package var cells: [Cell] {
        [
            .text(request), .text(interaction), .time(requestedAt), .text(fromAgent), .text(targetKind.rawValue),
            .text(target), .text(mode.rawValue), .text(outcome.rawValue), .time(answeredAt), .integer(waitMs),
            .text(joinedAgent), .time(leftAt), .integer(durationMs), .text(endReason?.rawValue), .bool(becameOwner),
        ]
    }
}
