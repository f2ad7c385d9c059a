import Foundation
import Testing
@testable import InteractionStore
@testable import RecordOutput
import InteractionModel

/// `agentStateReport` (periods, collapsing, clipping, reasons) and `afterCallWorkReport`.
@Suite struct ReportsAgentTests {
    private static func ms(_ clock: String) -> Int64 { ReportsLog.ms(clock) }

    /// Agent b1 on chat: logged_in 08:00:00, ready 08:00:00 (so logged_in is a zero-length
    /// period), ready again 08:10:00 (continues the period), not_ready/break 08:20:00,
    /// not_ready/break 08:25:00 (continues), not_ready/lunch 08:30:00 (a new period),
    /// ready 09:00:00, after_call_work 09:30:00, ready 09:40:00 (open).
    /// b1 on email: ready 08:00:00 (open). b2 on chat: not_ready without reason 08:15:00 (open).
    static var statesLog: ReportsLog {
        var log = ReportsLog()
        log.state("b1", "logged_in", at: "08:00:00")
        log.state("b1", "ready", at: "08:00:00")
        log.state("b1", "ready", at: "08:00:00", channel: "email")
        log.state("b1", "ready", at: "08:10:00")
        log.state("b2", "not_ready", at: "08:15:00")
        log.state("b1", "not_ready", at: "08:20:00", reason: "break")
        log.state("b1", "not_ready", at: "08:25:00", reason: "break")
        log.state("b1", "not_ready", at: "08:30:00", reason: "lunch")
        log.state("b1", "ready", at: "09:00:00")
        log.state("b1", "after_call_work", at: "09:30:00")
        log.state("b1", "ready", at: "09:40:00")
        return log
    }

    @Test func periodsOverTheWholeHistoryRunToNow() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.statesLog.store(in: dir)
            let rows = try store.agentStateReport(from: nil, to: nil, now: Self.ms("10:00:00"), byReason: false)
            // b1 chat: after_call_work 09:30–09:40 = 600 000 (1);
            //          logged_in 08:00–08:00 = 0, a zero-length period that still counts (1);
            //          not_ready 08:20–08:30 (break, the 08:25 repeat continues it) + 08:30–09:00 (lunch)
            //            = 600 000 + 1 800 000 = 2 400 000 (2: one row whatever the reasons);
            //          ready 08:00–08:20 (the 08:10 repeat continues it) + 09:00–09:30 + 09:40–10:00 (now)
            //            = 1 200 000 + 1 800 000 + 1 200 000 = 4 200 000 (3).
            // b1 email: ready 08:00–10:00 = 7 200 000 (1). b2 chat: not_ready 08:15–10:00 = 6 300 000 (1).
            #expect(rows == [
                AgentStateRow(agent: "b1", channel: "chat", state: .afterCallWork, totalMs: 600_000, count: 1),
                AgentStateRow(agent: "b1", channel: "chat", state: .loggedIn, totalMs: 0, count: 1),
                AgentStateRow(agent: "b1", channel: "chat", state: .notReady, totalMs: 2_400_000, count: 2),
                AgentStateRow(agent: "b1", channel: "chat", state: .ready, totalMs: 4_200_000, count: 3),
                AgentStateRow(agent: "b1", channel: "email", state: .ready, totalMs: 7_200_000, count: 1),
                AgentStateRow(agent: "b2", channel: "chat", state: .notReady, totalMs: 6_300_000, count: 1),
            ])
        }
    }

    @Test func byReasonSplitsNotReadyOnly() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.statesLog.store(in: dir)
            let rows = try store.agentStateReport(from: nil, to: nil, now: Self.ms("10:00:00"), byReason: true)
            // not_ready of b1: break 600 000 (1), lunch 1 800 000 (1); b2's has no reason (null).
            #expect(rows == [
                AgentStateRow(agent: "b1", channel: "chat", state: .afterCallWork, totalMs: 600_000, count: 1),
                AgentStateRow(agent: "b1", channel: "chat", state: .loggedIn, totalMs: 0, count: 1),
                AgentStateRow(agent: "b1", channel: "chat", state: .notReady, reason: "break", totalMs: 600_000, count: 1),
                AgentStateRow(agent: "b1", channel: "chat", state: .notReady, reason: "lunch", totalMs: 1_800_000, count: 1),
                AgentStateRow(agent: "b1", channel: "chat", state: .ready, totalMs: 4_200_000, count: 3),
                AgentStateRow(agent: "b1", channel: "email", state: .ready, totalMs: 7_200_000, count: 1),
                AgentStateRow(agent: "b2", channel: "chat", state: .notReady, reason: nil, totalMs: 6_300_000, count: 1),
            ])
            let table = AgentStateRow.tabular(rows, byReason: true)
            #expect(table.columns == ["agent", "channel", "state", "reason", "total_ms", "count"])
            #expect(table.rows[2] == [.text("b1"), .text("chat"), .text("not_ready"), .text("break"), .integer(600_000), .integer(1)])
            #expect(AgentStateRow.tabular(rows, byReason: false).columns == ["agent", "channel", "state", "total_ms", "count"])
        }
    }

    @Test func periodsAreClippedToARangeStraddlingFrom() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.statesLog.store(in: dir)
            // [08:05, 09:35): logged_in (zero length at 08:00) is outside;
            // b1 ready 08:05–08:20 + 09:00–09:30 = 900 000 + 1 800 000 (2; 09:40 starts after --to);
            // not_ready unchanged 2 400 000 (2); after_call_work 09:30–09:35 = 300 000 (1);
            // b1 email 08:05–09:35 = 5 400 000; b2 08:15–09:35 = 4 800 000. `now` plays no part.
            let rows = try store.agentStateReport(from: Self.ms("08:05:00"), to: Self.ms("09:35:00"), now: Self.ms("23:00:00"), byReason: false)
            #expect(rows == [
                AgentStateRow(agent: "b1", channel: "chat", state: .afterCallWork, totalMs: 300_000, count: 1),
                AgentStateRow(agent: "b1", channel: "chat", state: .notReady, totalMs: 2_400_000, count: 2),
                AgentStateRow(agent: "b1", channel: "chat", state: .ready, totalMs: 2_700_000, count: 2),
                AgentStateRow(agent: "b1", channel: "email", state: .ready, totalMs: 5_400_000, count: 1),
                AgentStateRow(agent: "b2", channel: "chat", state: .notReady, totalMs: 4_800_000, count: 1),
            ])
        }
    }

    @Test func aRangeStartingInsideARepeatedStateCountsThePeriodOnce() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.statesLog.store(in: dir)
            // From 08:12 (inside ready 08:00–08:20, after its 08:10 repeat) to 11:00, now 10:00:
            // the open periods run to --to, not to now.
            // b1 ready 08:12–08:20 + 09:00–09:30 + 09:40–11:00 = 480 000 + 1 800 000 + 4 800 000 (3).
            let rows = try store.agentStateReport(from: Self.ms("08:12:00"), to: Self.ms("11:00:00"), now: Self.ms("10:00:00"), byReason: false)
            #expect(rows == [
                AgentStateRow(agent: "b1", channel: "chat", state: .afterCallWork, totalMs: 600_000, count: 1),
                AgentStateRow(agent: "b1", channel: "chat", state: .notReady, totalMs: 2_400_000, count: 2),
                AgentStateRow(agent: "b1", channel: "chat", state: .ready, totalMs: 7_080_000, count: 3),
                AgentStateRow(agent: "b1", channel: "email", state: .ready, totalMs: 10_080_000, count: 1),
                AgentStateRow(agent: "b2", channel: "chat", state: .notReady, totalMs: 9_900_000, count: 1),
            ])
        }
    }

    @Test func zeroLengthPeriodAtFromCountsAndAtToDoesNot() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.statesLog.store(in: dir)
            // [08:00, 08:00) is empty; [08:00, 08:00:00.001): logged_in 0 ms (1), ready 1 ms (1), email ready 1 ms (1).
            #expect(try store.agentStateReport(from: Self.ms("08:00:00"), to: Self.ms("08:00:00"), now: 0, byReason: false) == [])
            let rows = try store.agentStateReport(from: Self.ms("08:00:00"), to: Self.ms("08:00:00.001"), now: 0, byReason: false)
            #expect(rows == [
                AgentStateRow(agent: "b1", channel: "chat", state: .loggedIn, totalMs: 0, count: 1),
                AgentStateRow(agent: "b1", channel: "chat", state: .ready, totalMs: 1, count: 1),
                AgentStateRow(agent: "b1", channel: "email", state: .ready, totalMs: 1, count: 1),
            ])
        }
    }

    @Test func aReasonAppearingOrChangingStartsAPeriod() throws {
        try withTempDirectory(prefix: "reports") { dir in
            var log = ReportsLog()
            // not_ready (no reason) 08:00 → not_ready/break 08:01 → not_ready/break 08:02 (continues)
            // → not_ready (no reason) 08:03 → ready 08:04: periods 60 000, 120 000, 60 000.
            log.state("d1", "not_ready", at: "08:00:00")
            log.state("d1", "not_ready", at: "08:01:00", reason: "break")
            log.state("d1", "not_ready", at: "08:02:00", reason: "break")
            log.state("d1", "not_ready", at: "08:03:00")
            log.state("d1", "ready", at: "08:04:00")
            let store = try log.store(in: dir)
            let now = Self.ms("08:05:00")
            #expect(try store.agentStateReport(from: nil, to: nil, now: now, byReason: false) == [
                AgentStateRow(agent: "d1", channel: "chat", state: .notReady, totalMs: 240_000, count: 3),
                AgentStateRow(agent: "d1", channel: "chat", state: .ready, totalMs: 60_000, count: 1),
            ])
            #expect(try store.agentStateReport(from: nil, to: nil, now: now, byReason: true) == [
                AgentStateRow(agent: "d1", channel: "chat", state: .notReady, reason: nil, totalMs: 120_000, count: 2),
                AgentStateRow(agent: "d1", channel: "chat", state: .notReady, reason: "break", totalMs: 120_000, count: 1),
                AgentStateRow(agent: "d1", channel: "chat", state: .ready, totalMs: 60_000, count: 1),
            ])
        }
    }

    // MARK: After-call work

    /// Agents x1…x4 on 2026-03-02:
    /// - chat A: x1 owner (10:00:01), leaves 10:05:00 (the chat ends). x1: after_call_work
    ///   10:05:00.500, after_call_work again 10:05:30 (continues), ready 10:06:00 → 60 000.
    /// - chat B: x2 owner (10:10:01); conference to x3 accepted 10:11:05; x3 removed 10:12:00,
    ///   x3 after_call_work 10:12:10 and nothing after → null (none has come). x2 leaves 10:13:00;
    ///   x2's first state after is ready 10:14:00 → null (not after-call work).
    /// - chat C: x4 owner (10:20:01); consultation cons-C with x1 (10:21:00, accepted 10:21:05),
    ///   x1 leaves the consultation 10:22:00 (not a chat: no row); chat.ended C 10:25:00 (x4 leaves
    ///   the chat and the consultation: one row, for the chat); x4 after_call_work at 10:25:00 (at
    ///   left_at counts), not_ready 10:26:00 → 60 000.
    /// - chat D: x2 owner (10:30:01) transfers to x3 (10:31:00, accepted 10:31:05: x2 leaves,
    ///   transferred); x2 after_call_work 10:31:10, ready 10:33:00 → 115 000. x3 leaves 10:32:00 with
    ///   no state at or after it → null.
    static var callWorkLog: ReportsLog {
        var log = ReportsLog()
        log.state("x1", "ready", at: "09:59:00")
        log.chat("A", at: "10:00:00")
        log.owner("x1", joins: "A", at: "10:00:01")
        log.leave("x1", from: "A", at: "10:05:00")
        log.state("x1", "after_call_work", at: "10:05:00.500")
        log.state("x1", "after_call_work", at: "10:05:30")
        log.state("x1", "ready", at: "10:06:00")

        log.chat("B", at: "10:10:00")
        log.owner("x2", joins: "B", at: "10:10:01")
        log.conference("rB", in: "B", from: "x2", to: "x3", at: "10:11:00")
        log.accept("rB", by: "x3", at: "10:11:05")
        log.remove("x3", from: "B", by: "x2", at: "10:12:00")
        log.state("x3", "after_call_work", at: "10:12:10")
        log.leave("x2", from: "B", at: "10:13:00")
        log.state("x2", "ready", at: "10:14:00")

        log.chat("C", at: "10:20:00")
        log.owner("x4", joins: "C", at: "10:20:01")
        log.consultation("cons-C", of: "C", request: "kC", from: "x4", to: "x1", at: "10:21:00")
        log.accept("kC", by: "x1", at: "10:21:05", kind: "consultation")
        log.leave("x1", from: "cons-C", at: "10:22:00")
        log.end("C", at: "10:25:00")
        log.state("x4", "after_call_work", at: "10:25:00")
        log.state("x4", "not_ready", at: "10:26:00")

        log.chat("D", at: "10:30:00")
        log.owner("x2", joins: "D", at: "10:30:01")
        log.transfer("tD", in: "D", from: "x2", to: "x3", at: "10:31:00")
        log.accept("tD", by: "x3", at: "10:31:05", kind: "transfer")
        log.state("x2", "after_call_work", at: "10:31:10")
        log.leave("x3", from: "D", at: "10:32:00")
        log.state("x2", "ready", at: "10:33:00")
        return log
    }

    @Test func afterCallWorkPerEndedChatConnection() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.callWorkLog.store(in: dir)
            #expect(try store.afterCallWorkReport(from: nil, to: nil) == [
                AfterCallWorkRow(interaction: "A", agent: "x1", leftAt: Self.ms("10:05:00"), acwMs: 60_000),
                AfterCallWorkRow(interaction: "B", agent: "x3", leftAt: Self.ms("10:12:00"), acwMs: nil),
                AfterCallWorkRow(interaction: "B", agent: "x2", leftAt: Self.ms("10:13:00"), acwMs: nil),
                AfterCallWorkRow(interaction: "C", agent: "x4", leftAt: Self.ms("10:25:00"), acwMs: 60_000),
                AfterCallWorkRow(interaction: "D", agent: "x2", leftAt: Self.ms("10:31:05"), acwMs: 115_000),
                AfterCallWorkRow(interaction: "D", agent: "x3", leftAt: Self.ms("10:32:00"), acwMs: nil),
            ])
        }
    }

    @Test func afterCallWorkRangeIsOnLeftAt() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.callWorkLog.store(in: dir)
            // [10:12:00, 10:25:00): B's two rows; C's row at exactly --to is out.
            #expect(try store.afterCallWorkReport(from: Self.ms("10:12:00"), to: Self.ms("10:25:00")) == [
                AfterCallWorkRow(interaction: "B", agent: "x3", leftAt: Self.ms("10:12:00"), acwMs: nil),
                AfterCallWorkRow(interaction: "B", agent: "x2", leftAt: Self.ms("10:13:00"), acwMs: nil),
            ])
            let json = Tabular(reportRows: try store.afterCallWorkReport(from: Self.ms("10:05:00"), to: Self.ms("10:05:00.001"))).json()
            #expect(json == "[\n{\"interaction\":\"A\",\"agent\":\"x1\",\"left_at\":\"2026-03-02T10:05:00.000Z\",\"acw_ms\":60000}\n]\n")
        }
    }

    @Test func queriesUseTheirIndexes() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.callWorkLog.store(in: dir)
            let acw = try store.read { db in
                try db.query("EXPLAIN QUERY PLAN " + AfterCallWorkQueries.report, [Self.ms("10:00:00"), Self.ms("11:00:00")]) { $0.string(3) }
            }
            #expect(acw.contains { $0.hasPrefix("SEARCH c USING INDEX connections_left (left_at>? AND left_at<?)") }, "\(acw)")
            #expect(acw.contains { $0.hasPrefix("SEARCH s USING COVERING INDEX agent_states_agent (agent_id=? AND channel=? AND at>?)") }, "\(acw)")
            #expect(acw.contains { $0.hasPrefix("SEARCH n USING COVERING INDEX agent_states_agent (agent_id=? AND channel=? AND at>?)") }, "\(acw)")
            let states = try store.read { db in
                try db.query("EXPLAIN QUERY PLAN " + AgentStateQueries.changes, [Self.ms("11:00:00")]) { $0.string(3) }
            }
            // One pass over the covering index, in its order: no table lookups, no sort.
            #expect(states == ["SCAN agent_states USING COVERING INDEX agent_states_agent"], "\(states)")
        }
    }
}
