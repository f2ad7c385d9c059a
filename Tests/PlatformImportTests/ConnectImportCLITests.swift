import Foundation
import Testing
import StoreTestSupport

/// `storectl import FILE… --from amazon-connect` run as a process.
@Suite struct ConnectImportCLITests {
    static let contact = "connect:b49644f6-672f-445c-b209-f76b36482830"
    private var sample: String { RealData.path(RealData.connectContactLens) }

    @Test func theContactLensSampleImportsAndReimportWritesNothing() throws {
        try withTempDirectory { dir in
            let db = dir.databasePath
            let first = try PlatformCLI.run(["import", sample, "--from", "amazon-connect", "--db", db])
            #expect(first.status == 0, "\(first)")
            #expect(first.stderr.hasPrefix("\(sample): 1 transcript(s), 32 stored, 0 skipped as duplicates, 0 rejected, in "), "\(first)")
            #expect(first.stderr.hasSuffix("events/s); source records skipped: 3 system message\n"), "\(first)")

            let entries = try PlatformCLI.entries(try PlatformCLI.transcript(db, Self.contact))
            let structural = entries.filter { $0["kind"] as? String != "message" }.map {
                "\($0["time"] as? String ?? "?") \($0["kind"] as? String ?? "?") \($0["party"] as? String ?? "?") \($0["reason"] as? String ?? "-")"
            }
            #expect(structural == [
                "2022-10-27T03:31:50.735Z joined connect:e9b36a6d-12aa-4c21-9745-1881648ecfc8 -",
                "2022-10-27T03:32:00.951Z joined connect:f36a545d-67b2-4fd4-89fb-896136b609a7 -",
                "2022-10-27T03:34:42.799Z left connect:e9b36a6d-12aa-4c21-9745-1881648ecfc8 ended",
                "2022-10-27T03:34:43.192Z left connect:f36a545d-67b2-4fd4-89fb-896136b609a7 chat_ended",
            ])
            #expect(entries.filter { $0["kind"] as? String == "message" }.count == 28)

            let again = try PlatformCLI.run(["import", sample, "--from", "amazon-connect", "--db", db])
            #expect(again.status == 0, "\(again)")
            #expect(again.stderr.hasPrefix("\(sample): 1 transcript(s), 0 stored, 32 skipped as duplicates"), "\(again)")
            #expect(try PlatformCLI.rows(db) == 32)
            #expect(try PlatformCLI.run(["check", "--db", db]).status == 0)
        }
    }

    @Test func theEmittedNDJSONImportsToTheSameStore() throws {
        try withTempDirectory { dir in
            let emitted = dir.path("events.ndjson")
            let dry = try PlatformCLI.run(["import", sample, "--from", "amazon-connect", "--dry-run", "--emit", emitted])
            #expect(dry.status == 0, "\(dry)")
            let converted = dir.path("converted.sqlite")
            let viaNDJSON = dir.path("ndjson.sqlite")
            #expect(try PlatformCLI.run(["import", sample, "--from", "amazon-connect", "--db", converted]).status == 0)
            #expect(try PlatformCLI.run(["import", emitted, "--db", viaNDJSON]).status == 0)
            for view in ["agent", "contact"] {
                #expect(try PlatformCLI.transcript(converted, Self.contact, as: view) == PlatformCLI.transcript(viaNDJSON, Self.contact, as: view))
            }
        }
    }

    @Test func jsonOfAnotherShapeIsRefusedAndNothingIsWritten() throws {
        try withTempDirectory { dir in
            let db = dir.databasePath
            let other = RealData.path("amazon-connect/sns-message-streaming-example.json")
            let result = try PlatformCLI.run(["import", sample, other, "--from", "amazon-connect", "--db", db])
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.hasPrefix("\(other): top level: not an Amazon Connect transcript: no \"Transcript\" array\n"), "\(result)")
            #expect(try PlatformCLI.rows(db) == 0)
            let jsonc = RealData.path("amazon-connect/agent-event-stream-sample.jsonc")
            let malformed = try PlatformCLI.run(["import", jsonc, "--from", "amazon-connect", "--db", db])
            #expect(malformed.status == 65, "\(malformed)")
            #expect(malformed.stderr.hasPrefix("\(jsonc): byte offset "), "\(malformed)")
            #expect(malformed.stderr.contains("malformed JSON"), "\(malformed)")
            #expect(try PlatformCLI.rows(db) == 0)
        }
    }
}
