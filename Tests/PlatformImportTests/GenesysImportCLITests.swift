import Foundation
import Testing
import StoreTestSupport

/// `storectl import FILE… --from genesys-xml` run as a process, on the real samples in place
/// and on mutated copies written to temp directories.
@Suite struct GenesysImportCLITests {
    static let session = "genesys:005PAaH11EN8Q828"
    static let skippedLine = "source records skipped: 3 user data, 2 external party, 2 notice, 1 bot style, 1 text outside msgText"

    private var sample: String { RealData.path(RealData.genesysWellFormed) }
    private var broken: String { RealData.path(RealData.genesysControlByte) }

    @Test func theRealSampleImportsWithItsTransfersAndReimportWritesNothing() throws {
        try withTempDirectory { dir in
            let db = dir.databasePath
            let first = try PlatformCLI.run(["import", sample, "--from", "genesys-xml", "--db", db])
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout == "")
            #expect(first.stderr.hasPrefix("\(sample): 1 transcript(s), 28 stored, 0 skipped as duplicates, 0 rejected, in "), "\(first)")
            #expect(first.stderr.hasSuffix("events/s); \(Self.skippedLine)\n"), "\(first)")
            #expect(try PlatformCLI.rows(db) == 28)

            let entries = try PlatformCLI.entries(try PlatformCLI.transcript(db, Self.session))
            let structural = entries.filter { $0["kind"] as? String != "message" }.map {
                "\($0["kind"] as? String ?? "?") \($0["party"] as? String ?? "?") \($0["reason"] as? String ?? "-")"
            }
            #expect(structural == [
                "joined genesys:009662230CAD7F2B -",
                "joined genesys:009662230CAF7F2D -",
                "joined genesys:009662230CC77F2E -",
                "ownership genesys:009662230CC77F2E transfer",
                "left genesys:009662230CAF7F2D transferred",
                "joined genesys:009662230D617F4A -",
                "ownership genesys:009662230D617F4A transfer",
                "left genesys:009662230CC77F2E transferred",
                "left genesys:009662230CAD7F2B chat_ended",
                "left genesys:009662230D617F4A chat_ended",
            ])
            #expect(entries.first?["time"] as? String == "2022-03-05T07:09:33.000Z")
            #expect(entries.last?["time"] as? String == "2022-03-05T07:28:00.000Z")
            let messages = entries.filter { $0["kind"] as? String == "message" }
            #expect(messages.count == 21)
            #expect(messages.first?["text"] as? String == " , ")
            #expect(messages.first?["time"] as? String == "2022-03-05T07:09:33.000Z")

            let again = try PlatformCLI.run(["import", sample, "--from", "genesys-xml", "--db", db])
            #expect(again.status == 0, "\(again)")
            #expect(again.stderr.hasPrefix("\(sample): 1 transcript(s), 0 stored, 28 skipped as duplicates, 0 rejected, in "), "\(again)")
            #expect(try PlatformCLI.rows(db) == 28)

            let check = try PlatformCLI.run(["check", "--db", db])
            #expect(check.status == 0, "\(check)")
        }
    }

    @Test func theEmittedNDJSONImportsToTheSameStore() throws {
        try withTempDirectory { dir in
            let emitted = dir.path("events.ndjson")
            let untouched = dir.path("untouched.sqlite")
            let dry = try PlatformCLI.run(["import", sample, "--from", "genesys-xml", "--dry-run", "--emit", emitted, "--db", untouched])
            #expect(dry.status == 0, "\(dry)")
            #expect(dry.stderr == "\(sample): 1 transcript(s) converted, 28 events written to \(emitted), 0 rejected (dry run: nothing imported); \(Self.skippedLine)\n")
            #expect(!FileManager.default.fileExists(atPath: untouched))
            let lines = try String(contentsOfFile: emitted, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 28)
            #expect(lines.first == #"{"id":"genesys:005PAaH11EN8Q828:0","type":"chat.started","at":"2022-03-05T07:09:33.000Z","interaction":"genesys:005PAaH11EN8Q828","contact":{"id":"genesys:009662230CAD7F2B"}}"#)

            let converted = dir.path("converted.sqlite")
            let viaNDJSON = dir.path("ndjson.sqlite")
            #expect(try PlatformCLI.run(["import", sample, "--from", "genesys-xml", "--db", converted]).status == 0)
            let plain = try PlatformCLI.run(["import", emitted, "--db", viaNDJSON])
            #expect(plain.status == 0, "\(plain)")
            for view in ["agent", "contact"] {
                #expect(try PlatformCLI.transcript(converted, Self.session, as: view) == PlatformCLI.transcript(viaNDJSON, Self.session, as: view))
            }
            // And the NDJSON of the same events is a repeat of what the conversion stored.
            let repeatRun = try PlatformCLI.run(["import", emitted, "--db", converted])
            #expect(repeatRun.stderr.hasPrefix("\(emitted): 0 stored, 28 skipped as duplicates, 0 rejected"), "\(repeatRun)")
            #expect(try PlatformCLI.run(["check", "--db", viaNDJSON]).status == 0)
        }
    }

    @Test func theControlByteSampleIsRefusedAndNothingIsWritten() throws {
        try withTempDirectory { dir in
            let db = dir.databasePath
            let result = try PlatformCLI.run(["import", sample, broken, "--from", "genesys-xml", "--db", db])
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr == """
                \(broken): byte offset 1634: not well-formed XML (line 25): character U+0002 (a control byte) is not allowed in XML
                2 inputs: nothing imported: 1 problem(s) in 2 transcript file(s); fix them, or use --reject-file to keep the good events

                """)
            #expect(try PlatformCLI.rows(db) == 0)
            #expect(try PlatformCLI.rows(db, "SELECT count(*) FROM interactions") == 0)
        }
    }

    @Test func aRejectFileKeepsTheGoodTranscriptsAndNamesTheBadOne() throws {
        try withTempDirectory { dir in
            let db = dir.databasePath
            let rejects = dir.path("rejects.txt")
            let result = try PlatformCLI.run(["import", broken, sample, "--from", "genesys-xml", "--db", db, "--reject-file", rejects])
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.hasPrefix("2 inputs: 1 transcript(s), 28 stored, 0 skipped as duplicates, 1 rejected, in "), "\(result)")
            #expect(result.stderr.hasSuffix("; rejected events written to \(rejects)\n"), "\(result)")
            #expect(try PlatformCLI.rows(db) == 28)
            #expect(try String(contentsOfFile: rejects, encoding: .utf8)
                    == "# \(broken): byte offset 1634: not well-formed XML (line 25): character U+0002 (a control byte) is not allowed in XML\n")
        }
    }

    /// A copy where the bot speaks after it handed the chat over: §2 rejects that message.
    private func brokenRuleCopy(_ dir: TempDirectory) throws -> String {
        let text = try RealData.text(RealData.genesysWellFormed).replacingOccurrences(
            of: "<message userId=\"009662230CC77F2E\" timeShift=\"43\"", with: "<message userId=\"009662230CAF7F2D\" timeShift=\"43\"")
        let path = dir.path("bot-speaks-late.xml")
        try PlatformCLI.write(text, to: path)
        return path
    }

    @Test func aTranscriptBreakingTheRulesIsRefusedNamingTheElementAndEvent() throws {
        try withTempDirectory { dir in
            let copy = try brokenRuleCopy(dir)
            let db = dir.databasePath
            let result = try PlatformCLI.run(["import", copy, "--from", "genesys-xml", "--db", db])
            #expect(result.status == 65, "\(result)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 2, "\(result)")
            #expect(lines.first?.hasPrefix("\(copy): message eventId=\"17\" at byte offset 3726: event \(Self.session):17: ") == true, "\(result)")
            #expect(lines.first?.contains("009662230CAF7F2D") == true, "\(result)")
            #expect(try PlatformCLI.rows(db) == 0)

            let rejects = dir.path("rejects.txt")
            let kept = try PlatformCLI.run(["import", copy, "--from", "genesys-xml", "--db", db, "--reject-file", rejects])
            #expect(kept.status == 65, "\(kept)")
            #expect(try PlatformCLI.rows(db) == 27)
            let rejected = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
            #expect(rejected.count == 2)
            #expect(rejected.first?.hasPrefix("# \(copy): message eventId=\"17\"") == true)
            #expect(rejected.last?.hasPrefix(#"{"id":"genesys:005PAaH11EN8Q828:17","type":"message""#) == true)
            #expect(try PlatformCLI.run(["check", "--db", db]).status == 0)
        }
    }

    @Test func directoriesAreReadRecursivelyInNameOrder() throws {
        try withTempDirectory { dir in
            let source = try RealData.text(RealData.genesysWellFormed)
            let root = dir.path("transcripts")
            try FileManager.default.createDirectory(atPath: root + "/b-sub/deeper", withIntermediateDirectories: true)
            try PlatformCLI.write(source.replacingOccurrences(of: "005PAaH11EN8Q828", with: "S2"), to: root + "/b-sub/deeper/x.xml")
            try PlatformCLI.write(source.replacingOccurrences(of: "005PAaH11EN8Q828", with: "S1"), to: root + "/a.XML")
            try PlatformCLI.write(source.replacingOccurrences(of: "005PAaH11EN8Q828", with: "S3"), to: root + "/c.xml")
            try PlatformCLI.write("not a transcript", to: root + "/notes.txt")
            try PlatformCLI.write("<broken", to: root + "/.hidden.xml")
            let emitted = dir.path("events.ndjson")
            let dry = try PlatformCLI.run(["import", root, "--from", "genesys-xml", "--dry-run", "--emit", emitted])
            #expect(dry.status == 0, "\(dry)")
            let sessions = try String(contentsOfFile: emitted, encoding: .utf8).split(separator: "\n")
                .filter { $0.contains("\"chat.started\"") }
                .map { $0.contains("genesys:S1") ? "S1" : $0.contains("genesys:S2") ? "S2" : $0.contains("genesys:S3") ? "S3" : "?" }
            #expect(sessions == ["S1", "S2", "S3"])

            let db = dir.databasePath
            let imported = try PlatformCLI.run(["import", root, "--from", "genesys-xml", "--db", db])
            #expect(imported.status == 0, "\(imported)")
            #expect(imported.stderr.hasPrefix("\(root): 3 transcript(s), 84 stored"), "\(imported)")
        }
    }

    @Test func commitEveryCommitsInBatches() throws {
        try withTempDirectory { dir in
            let db = dir.databasePath
            let result = try PlatformCLI.run(["import", sample, "--from", "genesys-xml", "--commit-every", "10", "--db", db])
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.hasPrefix("""
                committed: 10 events through \(sample)
                committed: 20 events through \(sample)
                \(sample): 1 transcript(s), 28 stored
                """), "\(result)")
        }
    }

    @Test func usageErrorsAndMissingFiles() throws {
        try withTempDirectory { dir in
            let db = dir.databasePath
            let unknown = try PlatformCLI.run(["import", sample, "--from", "genesys", "--db", db])
            #expect(unknown.status == 64, "\(unknown)")
            #expect(unknown.stderr.contains("unknown platform \"genesys\" for --from (expected one of genesys-xml, amazon-connect)"), "\(unknown)")
            let missing = try PlatformCLI.run(["import", sample, dir.path("nope.xml"), "--from", "genesys-xml", "--db", db])
            #expect(missing.status == 66, "\(missing)")
            #expect(missing.stderr == "\(dir.path("nope.xml")): No such file or directory; nothing was imported\n")
            #expect(!FileManager.default.fileExists(atPath: db))
            let several = try PlatformCLI.run(["import", sample, sample, "--db", db])
            #expect(several.status == 64, "\(several)")
            let emitAlone = try PlatformCLI.run(["import", sample, "--from", "genesys-xml", "--emit", dir.path("e"), "--db", db])
            #expect(emitAlone.status == 64, "\(emitAlone)")
            let dryWithoutFrom = try PlatformCLI.run(["import", sample, "--dry-run", "--db", db])
            #expect(dryWithoutFrom.status == 64, "\(dryWithoutFrom)")
            let stdin = try PlatformCLI.run(["import", "-", "--from", "genesys-xml", "--db", db])
            #expect(stdin.status == 64, "\(stdin)")
            #expect(!FileManager.default.fileExists(atPath: db))
        }
    }
}
