import Foundation
import Testing
@testable import InteractionStore

/// Reads of a database file that does not exist behave as on an empty, freshly migrated store
/// (unknown interaction: exit 65; reports and lists: empty) and create nothing, not even in
/// the temporary directory. Commands whose input must exist keep exit 66.
@Suite struct MissingDatabaseCLITests {
    /// Runs `arguments` against `missing.sqlite` in `dir`, with `$TMPDIR` pointed at a directory
    /// of its own so the test sees whatever the command leaves there.
    private func run(_ arguments: [String], _ dir: TempDirectory) throws -> (result: StoreCtlResult, leftovers: [String]) {
        let tmp = dir.url("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let result = try StoreCtlRunner.run(arguments + ["--db", dir.path("missing.sqlite")], environment: ["TMPDIR": tmp.path])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "tmp" }
            + FileManager.default.contentsOfDirectory(atPath: tmp.path)
        return (result, leftovers)
    }

    @Test(arguments: [["transcript", "c1"], ["transcript", "c1", "--as", "contact"], ["audit", "c1"]])
    func anInteractionReadIsAnUnknownInteraction(_ arguments: [String]) throws {
        try withTempDirectory(prefix: "missing-db") { dir in
            let (result, leftovers) = try run(arguments + ["--format", "json"], dir)
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr == "unknown interaction c1\n", "\(result)")
            #expect(result.stdout == "")
            #expect(leftovers == [])
        }
    }

    @Test(arguments: [
        ["report", "conferences"], ["report", "agents"], ["report", "agents", "--acw"], ["report", "agents", "--by-reason"],
        ["report", "dispositions", "--from", "2026-01-01T00:00:00Z"], ["agents"], ["dispositions", "list"],
    ])
    func aReportOrListIsEmpty(_ arguments: [String]) throws {
        try withTempDirectory(prefix: "missing-db") { dir in
            let (result, leftovers) = try run(arguments + ["--format", "json"], dir)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == "[]\n", "\(result)")
            #expect(result.stderr == "")
            #expect(leftovers == [])
        }
    }

    @Test func theConferenceSummaryIsThatOfZeroRows() throws {
        try withTempDirectory(prefix: "missing-db") { dir in
            let (json, leftovers) = try run(["report", "conferences", "--summary", "--format", "json"], dir)
            #expect(json.status == 0, "\(json)")
            #expect(json.stdout == #"{"requested":0,"accepted":0,"declined":0,"timeout":0,"cancelled":0,"pending":0,"accept_rate":null,"median_wait_ms":null,"auto_transfers":0,"removed":0}"# + "\n")
            #expect(leftovers == [])
            let (csv, _) = try run(["report", "conferences", "--summary", "--format", "csv"], dir)
            #expect(csv.stdout == "requested,accepted,declined,timeout,cancelled,pending,accept_rate,median_wait_ms,auto_transfers,removed\r\n0,0,0,0,0,0,,,0,0\r\n", "\(csv)")
        }
    }

    @Test(arguments: [["check"], ["backup", "copy.sqlite"], ["purge", "--before", "2026-01-01T00:00:00Z"], ["export", "history"]])
    func maintenanceOfAMissingDatabaseStillExits66(_ arguments: [String]) throws {
        try withTempDirectory(prefix: "missing-db") { dir in
            let (result, leftovers) = try run(arguments, dir)
            #expect(result.status == 66, "\(result)")
            #expect(leftovers == [])
        }
    }
}
