import Foundation
import Testing
@testable import InteractionStore
@testable import RecordOutput
import InteractionModel

/// `dispositionReport`, and every report on an empty database.
@Suite struct ReportsDispositionTests {
    private static func ms(_ clock: String) -> Int64 { ReportsLog.ms(clock) }

    /// Codes RES "Resolved", FUP "Follow-up", OLD "Legacy".
    /// - D1 (started 11:00): y1 sets FUP 11:02 then RES 11:05 → RES; y2 (conferenced in) sets OLD
    ///   11:03, OLD is retired 11:04 → OLD still stands and counts.
    /// - D2 (11:10): y1 sets RES 11:11; after the end (11:12) FUP 11:13 and RES again at the same
    ///   11:13 → the later stored, RES, stands.
    /// - D3 (12:00): y1 sets FUP 12:01.
    static var log: ReportsLog {
        var log = ReportsLog()
        log.define("RES", "Resolved", at: "10:00:00")
        log.define("FUP", "Follow-up", at: "10:00:00")
        log.define("OLD", "Legacy", at: "10:00:00")
        log.chat("D1", at: "11:00:00")
        log.owner("y1", joins: "D1", at: "11:00:01")
        log.conference("rD1", in: "D1", from: "y1", to: "y2", at: "11:01:00")
        log.accept("rD1", by: "y2", at: "11:01:05")
        log.dispose("D1", by: "y1", code: "FUP", at: "11:02:00")
        log.dispose("D1", by: "y2", code: "OLD", at: "11:03:00")
        log.retire("OLD", at: "11:04:00")
        log.dispose("D1", by: "y1", code: "RES", at: "11:05:00")
        log.end("D1", at: "11:06:00")
        log.chat("D2", at: "11:10:00")
        log.owner("y1", joins: "D2", at: "11:10:01")
        log.dispose("D2", by: "y1", code: "RES", at: "11:11:00")
        log.end("D2", at: "11:12:00")
        log.dispose("D2", by: "y1", code: "FUP", at: "11:13:00")
        log.dispose("D2", by: "y1", code: "RES", at: "11:13:00")
        log.chat("D3", at: "12:00:00")
        log.owner("y1", joins: "D3", at: "12:00:01")
        log.dispose("D3", by: "y1", code: "FUP", at: "12:01:00")
        return log
    }

    @Test func latestCodePerAgentAndInteractionIsCounted() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            // All: D1 y1 RES, D1 y2 OLD, D2 y1 RES, D3 y1 FUP → RES 2; FUP 1 and OLD 1 by code.
            #expect(try store.dispositionReport(from: nil, to: nil) == [
                DispositionCountRow(code: "RES", label: "Resolved", count: 2),
                DispositionCountRow(code: "FUP", label: "Follow-up", count: 1),
                DispositionCountRow(code: "OLD", label: "Legacy", count: 1),
            ])
        }
    }

    @Test func rangeSelectsInteractionsByStart() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Self.log.store(in: dir)
            // [11:00, 12:00): D1 and D2; FUP stands nowhere there, so it has no row.
            #expect(try store.dispositionReport(from: Self.ms("11:00:00"), to: Self.ms("12:00:00")) == [
                DispositionCountRow(code: "RES", label: "Resolved", count: 2),
                DispositionCountRow(code: "OLD", label: "Legacy", count: 1),
            ])
            // D3 started at 12:00: its disposition set at 12:01 is not what selects it.
            #expect(try store.dispositionReport(from: Self.ms("12:00:00"), to: nil) == [
                DispositionCountRow(code: "FUP", label: "Follow-up", count: 1),
            ])
            #expect(try store.dispositionReport(from: Self.ms("12:00:01"), to: nil) == [])
            let plan = try store.read { db in
                try db.query("EXPLAIN QUERY PLAN " + DispositionQueries.report, [Self.ms("11:00:00"), Self.ms("12:00:00")]) { $0.string(3) }
            }
            #expect(plan.contains { $0.contains("interactions_started (started_at>? AND started_at<?)") }, "\(plan)")
        }
    }

    @Test func emptyDatabaseGivesEmptyReports() throws {
        try withTempDirectory(prefix: "reports") { dir in
            let store = try Store(path: dir.databasePath)
            #expect(try store.conferenceReport(from: nil, to: nil, agent: nil) == [])
            #expect(try store.conferenceReport(from: 0, to: 1, agent: "a") == [])
            #expect(try store.agentStateReport(from: nil, to: nil, now: Self.ms("10:00:00"), byReason: true) == [])
            #expect(try store.afterCallWorkReport(from: nil, to: nil) == [])
            #expect(try store.dispositionReport(from: nil, to: nil) == [])
            let summary = try store.conferenceSummary(from: nil, to: nil, agent: nil)
            #expect(summary == ConferenceSummary(requested: 0, accepted: 0, declined: 0, timeout: 0, cancelled: 0, pending: 0,
                                                 medianWaitMs: nil, autoTransfers: 0, removed: 0))
            #expect(summary.acceptRate == nil)
            #expect(summary.json == #"{"requested":0,"accepted":0,"declined":0,"timeout":0,"cancelled":0,"pending":0,"accept_rate":null,"median_wait_ms":null,"auto_transfers":0,"removed":0}"#)
            #expect(Tabular(reportRows: [DispositionCountRow]()).json() == "[]\n")
            #expect(Tabular(reportRows: [DispositionCountRow]()).csv() == "code,label,count\r\n")
        }
    }
}
