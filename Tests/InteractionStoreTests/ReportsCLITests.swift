import Foundation
import Testing
@testable import InteractionStore
@testable import RecordOutput
import InteractionModel

/// `storectl report …` run as the real binary: formats, the summary object, usage errors.
@Suite struct ReportsCLITests {
    /// Imports `log` into a fresh database in `dir` with `storectl import`.
    private func importLog(_ log: ReportsLog, _ dir: TempDirectory) throws -> String {
        let file = dir.path("events.ndjson")
        try Data(log.ndjson.utf8).write(to: URL(fileURLWithPath: file))
        let result = try StoreCtlRunner.run(["import", file, "--db", dir.databasePath, "--quiet"])
        #expect(result.status == 0, "\(result)")
        return dir.databasePath
    }

    @Test func conferencesAsJSONAndTheSummaryAsOneObject() throws {
        try withTempDirectory(prefix: "reports-cli") { dir in
            let db = try importLog(ReportsConferenceTests.log, dir)
            let rows = try StoreCtlRunner.run(["report", "conferences", "--db", db, "--format", "json",
                                               "--from", "2026-03-02T09:04:00Z", "--to", "2026-03-02T09:05:00.000Z"])
            #expect(rows.status == 0, "\(rows)")
            #expect(rows.stdout == Tabular(reportRows: [ReportsConferenceTests.r4]).json())

            let summary = try StoreCtlRunner.run(["report", "conferences", "--summary", "--agent", "a2", "--db", db, "--format", "json"])
            #expect(summary.status == 0, "\(summary)")
            #expect(summary.stdout == #"{"requested":2,"accepted":2,"declined":0,"timeout":0,"cancelled":0,"pending":0,"accept_rate":1,"median_wait_ms":3000,"auto_transfers":0,"removed":1}"# + "\n")

            let csv = try StoreCtlRunner.run(["report", "conferences", "--summary", "--db", db, "--format", "csv"])
            #expect(csv.stdout == "requested,accepted,declined,timeout,cancelled,pending,accept_rate,median_wait_ms,auto_transfers,removed\r\n7,3,1,1,1,1,0.5,10000,1,1\r\n", "\(csv)")
        }
    }

    @Test func agentsDispositionsAndAfterCallWork() throws {
        try withTempDirectory(prefix: "reports-cli") { dir in
            let db = try importLog(ReportsAgentTests.callWorkLog, dir)
            let acw = try StoreCtlRunner.run(["report", "agents", "--acw", "--from", "2026-03-02T10:31:00Z", "--db", db, "--format", "csv"])
            #expect(acw.status == 0, "\(acw)")
            #expect(acw.stdout == "interaction,agent,left_at,acw_ms\r\nD,x2,2026-03-02T10:31:05.000Z,115000\r\nD,x3,2026-03-02T10:32:00.000Z,\r\n")

            let states = try StoreCtlRunner.run(["report", "agents", "--by-reason", "--from", "2026-03-02T10:25:00Z", "--to", "2026-03-02T10:27:00Z",
                                                 "--db", db, "--format", "json"])
            #expect(states.status == 0, "\(states)")
            // x1 ready since 10:06 (2 min), x2 ready since 10:14 (2 min), x3 after_call_work since 10:12:10
            // (2 min), x4 after_call_work 10:25–10:26 and not_ready (no reason) 10:26–10:27.
            #expect(states.stdout == """
                [
                {"agent":"x1","channel":"chat","state":"ready","reason":null,"total_ms":120000,"count":1},
                {"agent":"x2","channel":"chat","state":"ready","reason":null,"total_ms":120000,"count":1},
                {"agent":"x3","channel":"chat","state":"after_call_work","reason":null,"total_ms":120000,"count":1},
                {"agent":"x4","channel":"chat","state":"after_call_work","reason":null,"total_ms":60000,"count":1},
                {"agent":"x4","channel":"chat","state":"not_ready","reason":null,"total_ms":60000,"count":1}
                ]

                """)

            let dispositions = try StoreCtlRunner.run(["report", "dispositions", "--db", db, "--format", "json"])
            #expect(dispositions.status == 0, "\(dispositions)")
            #expect(dispositions.stdout == "[]\n")
        }
    }

    @Test func aBadTimeIsAUsageError() throws {
        try withTempDirectory(prefix: "reports-cli") { dir in
            for arguments in [["conferences", "--from", "yesterday"], ["agents", "--to", "2026-03-02T09:00:00+01:00"],
                              ["dispositions", "--from", "2026-02-30T00:00:00Z"],
                              ["conferences", "--from", "2026-03-02T10:00:00Z", "--to", "2026-03-02T09:00:00Z"],
                              ["agents", "--acw", "--by-reason"]] {
                let result = try StoreCtlRunner.run(["report"] + arguments + ["--db", dir.databasePath])
                #expect(result.status == 64, "\(result)")
                #expect(result.stdout.isEmpty)
            }
        }
    }
}
