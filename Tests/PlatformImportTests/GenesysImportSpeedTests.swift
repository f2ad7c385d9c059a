import Foundation
import InteractionDemo
import InteractionStore
import Testing
import StoreTestSupport
@testable import EventLog

/// Issue 14, point 5: converting and importing Genesys transcripts runs at ≥ 0.5× the speed of
/// importing the same events as NDJSON. The transcripts are the demo's chats written in the
/// Genesys format (`GenesysTranscriptWriter`). In the suite: 200 transcripts, checking that both
/// paths store the same thing; set `PLATFORM_IMPORT_TRANSCRIPTS=10000` (and `STORECTL_BINARY`
/// to a release build) for the measurement.
@Suite struct GenesysImportSpeedTests {
    static var count: Int {
        ProcessInfo.processInfo.environment["PLATFORM_IMPORT_TRANSCRIPTS"].flatMap(Int.init) ?? 200
    }

    /// Writes the demo's chats as Genesys transcripts, one file each; returns how many.
    static func writeTranscripts(_ count: Int, into directory: String) throws -> Int {
        var writer = GenesysTranscriptWriter()
        var written = 0
        for event in DemoGenerator(interactions: count, seed: 14) {
            guard let document = writer.take(event) else { continue }
            written += 1
            let name = String(format: "%06d.xml", written)
            try PlatformCLI.write(document.xml, to: directory + "/" + name)
        }
        return written
    }

    private func timed(_ arguments: [String]) throws -> (StoreCtlResult, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try PlatformCLI.run(arguments, timeout: 1200)
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    @Test func convertAndImportKeepsUpWithTheNDJSONImportOfTheSameEvents() throws {
        try withTempDirectory { dir in
            let transcripts = dir.path("transcripts")
            try FileManager.default.createDirectory(atPath: transcripts, withIntermediateDirectories: true)
            let written = try Self.writeTranscripts(Self.count, into: transcripts)
            #expect(written == Self.count)

            let emitted = dir.path("events.ndjson")
            let dry = try PlatformCLI.run(["import", transcripts, "--from", "genesys-xml", "--dry-run", "--emit", emitted], timeout: 1200)
            #expect(dry.status == 0, "\(dry)")
            let events = try String(contentsOfFile: emitted, encoding: .utf8).split(separator: "\n").count

            let (converted, convertSeconds) = try timed(["import", transcripts, "--from", "genesys-xml", "--db", dir.path("converted.sqlite")])
            #expect(converted.status == 0, "\(converted)")
            #expect(converted.stderr.hasPrefix("\(transcripts): \(written) transcript(s), \(events) stored, 0 skipped as duplicates, 0 rejected"), "\(converted)")
            let (plain, ndjsonSeconds) = try timed(["import", emitted, "--db", dir.path("ndjson.sqlite")])
            #expect(plain.status == 0, "\(plain)")
            #expect(plain.stderr.hasPrefix("\(emitted): \(events) stored, 0 skipped as duplicates, 0 rejected"), "\(plain)")

            // Both stores hold the same transcripts.
            for session in try sampleSessions(emitted) {
                #expect(try PlatformCLI.transcript(dir.path("converted.sqlite"), session) == PlatformCLI.transcript(dir.path("ndjson.sqlite"), session))
            }
            #expect(try PlatformCLI.run(["check", "--db", dir.path("converted.sqlite")]).status == 0)

            let ratio = ndjsonSeconds / convertSeconds
            print("platform import speed: \(written) transcripts, \(events) events: convert+import \(String(format: "%.2f", convertSeconds)) s, NDJSON import \(String(format: "%.2f", ndjsonSeconds)) s, ratio \(String(format: "%.2f", ratio))×")
            if Self.count >= 10_000 { #expect(ratio >= 0.5) }
        }
    }

    /// A few interaction ids from the emitted log (first, middle, last chat).
    private func sampleSessions(_ path: String) throws -> [String] {
        let started = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { $0.contains("\"type\":\"chat.started\"") }
        let picks = [started.first, started.count > 1 ? started[started.count / 2] : nil, started.last].compactMap { $0 }
        return try picks.map { line in
            guard case let .chatStarted(interaction, _, _) = try EventDecoder.decode(String(line)).body else { return "" }
            return interaction
        }
    }
}
