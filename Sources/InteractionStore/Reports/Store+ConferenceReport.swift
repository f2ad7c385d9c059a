import InteractionModel
extension Store {
    /// The conference requests made in `from <= requested_at < to`, ordered by time, then request id.
    ///
    /// One row per conference request (transfers and consultations are not rows), with the
    /// connection it created, if any (`connections.request_id`).
    ///
    /// ```swift
    /// let rows = try store.conferenceReport(from: nil, to: nil, agent: "agent.kim")
    /// ```
    /// - Parameters:
    ///   - from: inclusive lower bound in ms, nil for no bound.
    ///   - to: exclusive upper bound in ms, nil for no bound.
    ///   - agent: only rows this agent sent or joined through; nil for every row.
    /// - Throws: `SQLiteError` (e.g. busy past the timeout).
    public func conferenceReport(from: Int64?, to: Int64?, agent: String?) throws -> [ConferenceRow] {
        let range = ReportRange(from: from, to: to)
        return try read { db in
            try db.query(ConferenceQueries.rows, [range.lower, range.upper, agent]) { row in
                ConferenceRow(
                    request: row.string(0), interaction: row.string(1), requestedAt: row.int64(2), fromAgent: row.string(3),
                    targetKind: try row.vocabulary(TargetKind.self, 4), target: row.string(5),
                    mode: try row.vocabulary(ConferenceMode.self, 6), outcome: try row.vocabulary(RequestOutcome.self, 7),
                    answeredAt: row.optionalInt64(8), waitMs: row.optionalInt64(9), joinedAgent: row.optionalString(10),
                    leftAt: row.optionalInt64(11), durationMs: row.optionalInt64(12),
                    endReason: try row.optionalVocabulary(LeaveReason.self, 13), becameOwner: row.int64(14) != 0)
            }
        }
    }

    /// The totals of `conferenceReport(from:to:agent:)` over the same rows, counted in SQL.
    ///
    /// An empty range gives zero counts and nil rate and median.
    /// - Parameters: as `conferenceReport(from:to:agent:)`.
    /// - Throws: `SQLiteError`.
    public func conferenceSummary(from: Int64?, to: Int64?, agent: String?) throws -> ConferenceSummary {
        let range = ReportRange(from: from, to: to)
        let summary = try read { db in
            try db.queryOne(ConferenceQueries.summary, [range.lower, range.upper, agent]) { row in
                ConferenceSummary(
                    requested: Int(row.int64(0)), accepted: Int(row.int64(1)), declined: Int(row.int64(2)),
                    timeout: Int(row.int64(3)), cancelled: Int(row.int64(4)), pending: Int(row.int64(5)),
                    medianWaitMs: row.optionalInt64(6), autoTransfers: Int(row.int64(7)), removed: Int(row.int64(8)))
            }
        }
        // An aggregate without GROUP BY always yields one row; the fallback only keeps this total.
        return summary ?? ConferenceSummary(requested: 0, accepted: 0, declined: 0, timeout: 0, cancelled: 0, pending: 0,
                                            medianWaitMs: nil, autoTransfers: 0, removed: 0)
    }
}

/// The conference report's SQL. Parameters: ?1 lower bound, ?2 upper bound, ?3 agent or NULL.
enum ConferenceQueries {
    /// The rows, as the report and the summary share them. `kind = ? AND requested_at` in a
    /// range is one range scan of `requests_kind_time`; each row finds the connection it
    /// created through `connections_request`.
    static let select = """
        SELECT r.id AS request, r.interaction_id AS interaction, r.requested_at, r.from_agent, r.target_kind,
               r.target_id AS target, r.mode, COALESCE(r.outcome, 'pending') AS outcome, r.answered_at,
               r.answered_at - r.requested_at AS wait_ms, c.party_id AS joined_agent, c.left_at,
               c.left_at - r.answered_at AS duration_ms, c.leave_reason AS end_reason,
               COALESCE(c.became_owner, 0) AS became_owner
        FROM requests AS r
        LEFT JOIN connections AS c ON c.request_id = r.id AND c.request_id IS NOT NULL
        WHERE r.kind = 'conference' AND r.requested_at >= ?1 AND r.requested_at < ?2
          AND (?3 IS NULL OR r.from_agent = ?3 OR c.party_id = ?3)
        """

    /// The report: the rows in time order, ties by request id.
    static let rows = select + "\nORDER BY r.requested_at, r.id"

    /// The summary: counts by outcome, the lower median of the accepted waits (the report rows
    /// are materialized once: both the counts and the median read them)
    /// (row number ⌊(n + 1) / 2⌋ in wait order), automatic transfers and removals.
    static let summary = """
        WITH report AS MATERIALIZED (
        \(select)
        ),
        accepted_waits AS (
            SELECT wait_ms, ROW_NUMBER() OVER (ORDER BY wait_ms) AS position, COUNT(*) OVER () AS total
            FROM report WHERE outcome = 'accepted'
        )
        SELECT COUNT(*),
               COUNT(*) FILTER (WHERE outcome = 'accepted'),
               COUNT(*) FILTER (WHERE outcome = 'declined'),
               COUNT(*) FILTER (WHERE outcome = 'timeout'),
               COUNT(*) FILTER (WHERE outcome = 'cancelled'),
               COUNT(*) FILTER (WHERE outcome = 'pending'),
               (SELECT wait_ms FROM accepted_waits WHERE position = (total + 1) / 2),
               COUNT(*) FILTER (WHERE became_owner = 1),
               COUNT(*) FILTER (WHERE end_reason = 'removed')
        FROM report
        """
}
