import Crypto
import Foundation
import InteractionDemo
import InteractionStore
import StoreTestSupport
import Testing

/// `storectl demo`, run as a process.
@Suite struct DemoCLITests {
    private func expectedLog(_ interactions: Int, seed: UInt64) -> String {
        var bytes: [UInt8] = []
        for event in DemoGenerator(interactions: interactions, seed: seed) {
            EventEncoder.append(event, to: &bytes, defaults: .omitted)
            bytes.append(0x0A)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func emitWritesTheEncodersLines() throws {
        let result = try StoreCtlRunner.run(["demo", "--emit", "-", "--interactions", "5", "--seed", "9"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == expectedLog(5, seed: 9))
    }

    /// The emitted bytes are the ones `storectl demo --emit` wrote before the demo left the
    /// store module (its own JSON writer, SHA-256 taken from that build's output): logs people
    /// keep and benchmarks regenerate stay the same.
    @Test func emitWritesTheLogTheDemoHasAlwaysWritten() throws {
        let result = try StoreCtlRunner.run(["demo", "--emit", "-", "--interactions", "50", "--seed", "3"])
        #expect(result.status == 0, "\(result)")
        let digest = SHA256.hash(data: Data(result.stdout.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(digest == "0d220ade1e54acb2a4d6e3cd202efbb61d9379e1947fef5e3cfbf4ede49534ac")
        #expect(!result.stdout.contains("\"channel\":\"chat\"") && !result.stdout.contains("\"visibility\":\"all\""))
        #expect(result.stdout.contains("\"visibility\":\"agents\"") && result.stdout.contains("\"mode\":\"instant\""))
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
