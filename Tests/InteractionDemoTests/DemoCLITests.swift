import Foundation
import InteractionDemo
import InteractionStore
import StoreTestSupport
import Testing

/// `storectl demo`, run as a process.
@Suite struct DemoCLITests {
    private func expectedLog(_ interactions: Int, seed: UInt64) -> String {
        DemoGenerator(interactions: interactions, seed: seed).map { EventEncoder.line($0) + "\n" }.joined()
    }

    @Test func emitWritesTheEncodersLines() throws {
        let result = try StoreCtlRunner.run(["demo", "--emit", "-", "--interactions", "5", "--seed", "9"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == expectedLog(5, seed: 9))
    }

    @Test func emitToAFileSaysWhatItWrote() throws {
        try withTempDirectory(prefix: "demo-cli") { dir in
            let file = dir.path("log.ndjson")
            let result = try StoreCtlRunner.run(["demo", "--emit", file, "--interactions", "4", "--seed", "2"])
            #expect(result.status == 0, "\(result)")
            let expected = expectedLog(4, seed: 2)
            let count = expected.split(separator: "\n").count
            #expect(result.stderr == "wrote \(count) events (4 chats, seed 2) to \(file)\n")
            #expect(try String(contentsOfFile: file, encoding: .utf8) == expected)
            #expect(!FileManager.default.fileExists(atPath: dir.databasePath))
        }
    }

    @Test func demoImportsAndPrintsTheReports() throws {
        try withTempDirectory(prefix: "demo-cli") { dir in
            let result = try StoreCtlRunner.run(["demo", "--db", dir.databasePath, "--interactions", "30", "--format", "json"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix("{\"conferences\":{"))
            #expect(result.stdout.contains("\n\"dispositions\":["))
            let count = expectedLog(30, seed: 1).split(separator: "\n").count
            #expect(result.stderr.hasPrefix("demo: \(count) events (30 chats, seed 1) → \(dir.databasePath): \(count) stored, 0 already there, in "))
            let again = try StoreCtlRunner.run(["demo", "--db", dir.databasePath, "--interactions", "30", "--format", "json"])
            #expect(again.status == 0 && again.stdout == result.stdout)
            #expect(again.stderr.contains(": 0 stored, \(count) already there, in "))
        }
    }

    @Test func aCountBelowOneIsAUsageError() throws {
        let result = try StoreCtlRunner.run(["demo", "--interactions", "0", "--emit", "-"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
    }
}
