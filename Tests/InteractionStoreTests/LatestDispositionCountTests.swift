import Foundation
import Testing
@testable import InteractionStore
import InteractionDemo
import InteractionModel
@testable import EventLog

/// The disposition report without a range (one pass over the changes, `LatestDispositionCount`)
/// gives what the ranged query gives over the widest range.
@Suite struct LatestDispositionCountTests {
    @Test func theLatestChangePerAgentAndInteractionCountsAsInTheRangedQuery() throws {
        try withTempDirectory(prefix: "dispositions-all") { dir in
            var log = ReportsLog()
            log.define("RES", "Resolved", at: "08:00:00")
            log.define("FUP", "Follow-up", at: "08:00:00")
            log.define("OLD", "Legacy", at: "08:00:00")
            log.define("B", "Bee", at: "08:00:00")
            log.define("A", "Ay", at: "08:00:00")
            for chat in ["x1", "x2", "x3"] {
                log.chat(chat, at: "09:00:00")
                log.owner("ag", joins: chat, at: "09:00:01")
            }
            log.dispose("x1", by: "ag", code: "FUP", at: "09:10:00")
            log.dispose("x1", by: "ag", code: "RES", at: "09:11:00")  // replaces FUP
            log.dispose("x2", by: "ag", code: "OLD", at: "09:12:00")
            log.retire("OLD", at: "09:13:00")                          // a retired code still counts
            log.dispose("x3", by: "ag", code: "B", at: "09:14:00")
            log.dispose("x2", by: "ag", code: "A", at: "09:15:00")     // replaces OLD
            let store = try log.store(in: dir)
            let all = try store.dispositionReport(from: nil, to: nil)
            #expect(all == [DispositionCountRow(code: "A", label: "Ay", count: 1), DispositionCountRow(code: "B", label: "Bee", count: 1),
                            DispositionCountRow(code: "RES", label: "Resolved", count: 1)], "ties by code as bytes")
            #expect(all == (try store.dispositionReport(from: .min, to: .max)))
        }
    }

    @Test func aDemoStoreCountsTheSameEitherWay() throws {
        try withTempDirectory(prefix: "dispositions-demo") { dir in
            let store = try Store(path: dir.databasePath)
            let events = Array(DemoGenerator(interactions: 200, seed: 9))
            try store.apply(events)
            let all = try store.dispositionReport(from: nil, to: nil)
            #expect(all.count >= 3)
            #expect(all == (try store.dispositionReport(from: .min, to: .max)))
        }
    }

    /// One pass over the V0004 covering index, in its order: no table row, no sort.
    @Test func theCountIsOnePassOverTheCoveringIndex() throws {
        try withTempDirectory(prefix: "dispositions-plan") { dir in
            let store = try Store(path: dir.databasePath)
            let plan = try store.read { db in try db.query("EXPLAIN QUERY PLAN " + LatestDispositionCount.pairs) { $0.string(3) } }
            #expect(plan == ["SCAN disposition_changes USING COVERING INDEX disposition_changes_interaction"])
        }
    }
}
