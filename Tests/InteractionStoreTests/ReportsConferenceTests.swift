import Foundation
import Testing
@testable import InteractionStore
@testable import RecordOutput
import InteractionModel
import StoreSQLite

/// `conferenceReport` and `conferenceSummary` over a hand-built log whose every row is worked
/// out below.
@Suite struct ReportsConferenceTests {
    private static func ms(_ clock: String) -> Int64 { ReportsLog.ms(clock) }

    /// Three chats on 2026-03-02 (agents a1…a4):
    ///
    /// c1 (started 09:00:00, a1 owner at 09:00:01)
    /// - r1 09:01:00 a1 → agent a2, accepted 09:01:10 (wait 10 000); a2 removed by a1 at 09:05:00
    ///   (duration 09:05:00 − 09:01:10 = 230 000, end_reason removed)
    /// - r2 09:02:00 a1 → agent a3, declined 09:02:05 (wait 5 000)
    /// - r3 09:03:00 a1 → queue q-sales, timeout 09:03:30 (wait 30 000)
    /// - r4 09:04:00 a1 → queue q-billing, answered by agent a3 at 09:04:20 (wait 20 000)
    /// - r5 09:06:00 a3 → agent a4, still pending when the owner a1 leaves at 09:07:00: the chat
    ///   passes to a3 (became_owner true on r4); chat.ended at 09:08:00: a3 leaves chat_ended
    ///   (r4 duration 09:08:00 − 09:04:20 = 220 000) and r5 is cancelled at the end time
    ///   (answered 09:08:00, wait 120 000)
    ///
    /// c2 (09:10:00, a1 owner at 09:10:01)
    /// - r6 09:11:00 a1 → agent a2, pending (the chat never ends)
    /// - a consultation request k2 (09:12:00) and a transfer request t2 (09:13:00): not rows
    ///
    /// c3 (09:20:00, a1 owner at 09:20:01)
    /// - consultation cons-c3 with a2 (requested 09:21:00, accepted 09:21:05)
    /// - r7 09:22:00 a1 → agent a2 in consultation mode, accepted 09:22:03 (wait 3 000); a2 leaves
    ///   disconnected at 09:23:00 (duration 57 000); a1 leaves at 09:24:00 (the chat ends)
    static var log: ReportsLog {
        var log = ReportsLog()
        log.chat("c1", at: "09:00:00")
        log.owner("a1", joins: "c1", at: "09:00:01")
        log.conference("r1", in: "c1", from: "a1", to: "a2", at: "09:01:00")
        log.accept("r1", by: "a2", at: "09:01:10")
        log.conference("r2", in: "c1", from: "a1", to: "a3", at: "09:02:00")
        log.release("r2", "declined", at: "09:02:05")
        log.conference("r3", in: "c1", from: "a1", to: "q-sales", kind: "queue", at: "09:03:00")
        log.release("r3", "timeout", at: "09:03:30")
        log.conference("r4", in: "c1", from: "a1", to: "q-billing", kind: "queue", at: "09:04:00")
        log.accept("r4", by: "a3", at: "09:04:20")
        log.remove("a2", from: "c1", by: "a1", at: "09:05:00")
        log.conference("r5", in: "c1", from: "a3", to: "a4", at: "09:06:00")
        log.leave("a1", from: "c1", at: "09:07:00")
        log.end("c1", at: "09:08:00")

        log.chat("c2", at: "09:10:00")
        log.owner("a1", joins: "c2", at: "09:10:01")
        log.conference("r6", in: "c2", from: "a1", to: "a2", at: "09:11:00")
        log.consultation("cons-c2", of: "c2", request: "k2", from: "a1", to: "a4", at: "09:12:00")
        log.transfer("t2", in: "c2", from: "a1", to: "a3", at: "09:13:00")

        log.chat("c3", at: "09:20:00")
        log.owner("a1", joins: "c3", at: "09:20:01")
        log.consultation("cons-c3", of: "c3", request: "k3", from: "a1", to: "a2", at: "09:21:00")
        log.accept("k3", by: "a2", at: "09:21:05", kind: "consultation")
        log.conference("r7", in: "c3", from: "a1", to: "a2", consultation: "cons-c3", at: "09:22:00")
        log.accept("r7", by: "a2", at: "09:22:03")
        log.leave("a2", from: "c3", at: "09:23:00", reason: "disconnected")
        log.leave("a1", from: "c3", at: "09:24:00")
        return log
    }

    static let r1 = ConferenceRow(request: "r1", interaction: "c1", requestedAt: ms("09:01:00"), fromAgent: "a1", targetKind: .agent,
                                  target: "a2", mode: .instant, outcome: .accepted, answeredAt: ms("09:01:10"), waitMs: 10_000,
                                  joinedAgent: "a2", leftAt: ms("09:05:00"), durationMs: 230_000, endReason: .removed, becameOwner: false)
    static let r2 = ConferenceRow(request: "r2", interaction: "c1", requestedAt: ms("09:02:00"), fromAgent: "a1", targetKind: .agent,
                                  target: "a3", mode: .instant, outcome: .declined, answeredAt: ms("09:02:05"), waitMs: 5_000,
                                  joinedAgent: nil, leftAt: nil, durationMs: nil, endReason: nil, becameOwner: false)
    static let r3 = ConferenceRow(request: "r3", interaction: "c1", requestedAt: ms("09:03:00"), fromAgent: "a1", targetKind: .queue,
                                  target: "q-sales", mode: .instant, outcome: .timeout, answeredAt: ms("09:03:30"), waitMs: 30_000,
                                  joinedAgent: nil, leftAt: nil, durationMs: nil, endReason: nil, becameOwner: false)
    static let r4 = ConferenceRow(request: "r4", interaction: "c1", requestedAt: ms("09:04:00"), fromAgent: "a1", targetKind: .queue,
                                  target: "q-billing", mode: .instant, outcome: .accepted, answeredAt: ms("09:04:20"), waitMs: 20_000,
                                  joinedAgent: "a3", leftAt: ms("09:08:00"), durationMs: 220_000, endReason: .chatEnded, becameOwner: true)
    static let r5 = ConferenceRow(request: "r5", interaction: "c1", requestedAt: ms("09:06:00"), fromAgent: "a3", targetKind: .agent,
                                  target: "a4", mode: .instant, outcome: .cancelled, answeredAt: ms("09:08:00"), waitMs: 120_000,
                                  joinedAgent: nil, leftAt: nil, durationMs: nil, endReason: nil, becameOwner: false)
    static let r6 = ConferenceRow(request: "r6", interaction: "c2", requestedAt: ms("09:11:00"), fromAgent: "a1", targetKind: .agent,
                                  target: "a2", mode: .instant, outcome: .pending, answeredAt: nil, waitMs: nil,
                                  joinedAgent: nil, leftAt: nil, durationMs: nil, endReason: nil, becameOwner: false)
    static let r7 = ConferenceRow(request: "r7", interaction: "c3", requestedAt: ms("09:22:00"), fromAgent: "a1", targetKind: .agent,
                                  target: "a2", mode: .consultation, outcome: .accepted, answeredAt: ms("09:22:03"), waitMs: 3_000,
                                  joinedAgent: "a2", leftAt: ms("09:23:00"), durationMs: 57_000, endReason: .disconnected, becameOwner: false)

    @Test func everyOutcomeIsOneRowInTimeOrder() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            let rows = try store.conferenceReport(from: nil, to: nil, agent: nil)
            // Transfers and consultation requests (k2, k3, t2) are not rows.
            #expect(rows.map(\.request) == ["r1", "r2", "r3", "r4", "r5", "r6", "r7"])
            #expect(rows == [Self.r1, Self.r2, Self.r3, Self.r4, Self.r5, Self.r6, Self.r7])
        }
    }

    @Test func rangeIsFromInclusiveToExclusive() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            // r2 at exactly --from is in; r5 at exactly --to is out.
            let rows = try store.conferenceReport(from: Self.ms("09:02:00"), to: Self.ms("09:06:00"), agent: nil)
            #expect(rows == [Self.r2, Self.r3, Self.r4])
            #expect(try store.conferenceReport(from: Self.ms("09:22:00"), to: nil, agent: nil) == [Self.r7])
            #expect(try store.conferenceReport(from: nil, to: Self.ms("09:01:00"), agent: nil) == [])
        }
    }

    @Test func agentFilterKeepsRowsTheAgentSentOrJoined() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            // a2 joined through r1 and r7; r6 only targets a2 (pending), so it is not a2's row.
            #expect(try store.conferenceReport(from: nil, to: nil, agent: "a2") == [Self.r1, Self.r7])
            // a3 joined through r4 (a queue target) and sent r5; r2 (declined by a3) is not a3's row.
            #expect(try store.conferenceReport(from: nil, to: nil, agent: "a3") == [Self.r4, Self.r5])
            #expect(try store.conferenceReport(from: nil, to: nil, agent: "nobody") == [])
        }
    }

    @Test func summaryOfEveryRow() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            let summary = try store.conferenceSummary(from: nil, to: nil, agent: nil)
            // 7 rows: accepted r1, r4, r7; declined r2; timeout r3; cancelled r5; pending r6.
            // accept_rate = 3 / (7 − 1) = 0.5; accepted waits 3 000, 10 000, 20 000 → median 10 000;
            // auto transfers: r4; removed: r1.
            #expect(summary == ConferenceSummary(requested: 7, accepted: 3, declined: 1, timeout: 1, cancelled: 1, pending: 1,
                                                 medianWaitMs: 10_000, autoTransfers: 1, removed: 1))
            #expect(summary.acceptRate == 0.5)
            #expect(summary.json == #"{"requested":7,"accepted":3,"declined":1,"timeout":1,"cancelled":1,"pending":1,"accept_rate":0.5,"median_wait_ms":10000,"auto_transfers":1,"removed":1}"#)
        }
    }

    @Test func summaryMedianOfAnEvenCountIsTheLowerMiddle() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            // a2's rows: r1 (wait 10 000) and r7 (wait 3 000), both accepted: the lower middle of
            // [3 000, 10 000] is 3 000 (not the mean 6 500, not the upper 10 000); rate 2 / 2 = 1.
            let summary = try store.conferenceSummary(from: nil, to: nil, agent: "a2")
            #expect(summary == ConferenceSummary(requested: 2, accepted: 2, declined: 0, timeout: 0, cancelled: 0, pending: 0,
                                                 medianWaitMs: 3_000, autoTransfers: 0, removed: 1))
            #expect(summary.acceptRate == 1)
        }
    }

    @Test func summaryRateIsNotRounded() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            // [09:02, 09:06): r2 declined, r3 timeout, r4 accepted (wait 20 000, became owner).
            let summary = try store.conferenceSummary(from: Self.ms("09:02:00"), to: Self.ms("09:06:00"), agent: nil)
            #expect(summary == ConferenceSummary(requested: 3, accepted: 1, declined: 1, timeout: 1, cancelled: 0, pending: 0,
                                                 medianWaitMs: 20_000, autoTransfers: 1, removed: 0))
            #expect(summary.acceptRate == 1.0 / 3.0)
            #expect(summary.json.contains(#""accept_rate":0.3333333333333333,"#))
        }
    }

    @Test func summaryOfOnlyPendingHasNoRateAndNoMedian() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            // [09:11, 09:12): r6 only, pending: divisor 1 − 1 = 0.
            let summary = try store.conferenceSummary(from: Self.ms("09:11:00"), to: Self.ms("09:12:00"), agent: nil)
            #expect(summary == ConferenceSummary(requested: 1, accepted: 0, declined: 0, timeout: 0, cancelled: 0, pending: 1,
                                                 medianWaitMs: nil, autoTransfers: 0, removed: 0))
            #expect(summary.acceptRate == nil)
            #expect(summary.json.contains(#""accept_rate":null,"median_wait_ms":null"#))
        }
    }

    @Test func cellsFollowTheSpecColumns() throws {
        #expect(ConferenceRow.columns == ["request", "interaction", "requested_at", "from_agent", "target_kind", "target", "mode",
                                          "outcome", "answered_at", "wait_ms", "joined_agent", "left_at", "duration_ms",
                                          "end_reason", "became_owner"])
        let json = Tabular(reportRows: [Self.r4, Self.r6]).json()
        #expect(json == """
            [
            {"request":"r4","interaction":"c1","requested_at":"2026-03-02T09:04:00.000Z","from_agent":"a1","target_kind":"queue","target":"q-billing","mode":"instant","outcome":"accepted","answered_at":"2026-03-02T09:04:20.000Z","wait_ms":20000,"joined_agent":"a3","left_at":"2026-03-02T09:08:00.000Z","duration_ms":220000,"end_reason":"chat_ended","became_owner":true},
            {"request":"r6","interaction":"c2","requested_at":"2026-03-02T09:11:00.000Z","from_agent":"a1","target_kind":"agent","target":"a2","mode":"instant","outcome":"pending","answered_at":null,"wait_ms":null,"joined_agent":null,"left_at":null,"duration_ms":null,"end_reason":null,"became_owner":false}
            ]

            """)
    }

    @Test func rangedQueryUsesTheKindTimeIndex() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            for sql in [ConferenceQueries.rows, ConferenceQueries.summary] {
                let plan = try store.read { db in
                    try db.query("EXPLAIN QUERY PLAN " + sql, [Self.ms("09:00:00"), Self.ms("10:00:00"), "a2"]) { $0.string(3) }
                }
                #expect(plan.contains { $0.hasPrefix("SEARCH r USING INDEX requests_kind_time (kind=? AND requested_at>? AND requested_at<?)") }, "\(plan)")
                #expect(plan.contains { $0.hasPrefix("SEARCH c USING COVERING INDEX connections_request (request_id=?)") }, "\(plan)")
                // Neither table is scanned (the summary scans only its own CTE rows).
                #expect(!plan.contains { $0 == "SCAN r" || $0 == "SCAN c" || $0.hasPrefix("SCAN r ") || $0.hasPrefix("SCAN c ") }, "\(plan)")
            }
        }
    }
}

extension ReportsConferenceTests {
    /// The overview's figures read only the V0004 covering indexes, never a table row, with a
    /// range and an agent or without.
    @Test func figuresReadOnlyTheCoveringIndexes() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            let bounds: [[any SQLBindable]] = [[Int64.min, Int64.max, nil as String?], [Self.ms("09:00:00"), Self.ms("10:00:00"), "a2"]]
            for values in bounds {
                let plan = try store.read { db in try db.query("EXPLAIN QUERY PLAN " + ConferenceQueries.figures, values) { $0.string(3) } }
                #expect(plan.contains { $0.hasPrefix("SEARCH r USING COVERING INDEX requests_kind_time (kind=? AND requested_at>? AND requested_at<?)") }, "\(plan)")
                #expect(plan.contains { $0.hasPrefix("SEARCH c USING COVERING INDEX connections_request (request_id=?)") }, "\(plan)")
                #expect(plan.count == 2, "\(plan)")
            }
        }
    }
}
