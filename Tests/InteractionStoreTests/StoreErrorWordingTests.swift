import Foundation
import Testing
@testable import InteractionStore

/// `StoreError` carries fields, and says them in words without any command line's flags; the
/// CLI adds its flags where the fix is one (and prints the sentences it printed before the
/// errors had fields, byte for byte).
@Suite struct StoreErrorWordingTests {
    /// A chat and its consultation (the contact never sees the consultation).
    private static let log = [
        #"{"id":"e1","type":"agent.state","at":"2026-03-02T10:00:00.000Z","agent":"a1","state":"ready"}"#,
        #"{"id":"e2","type":"agent.state","at":"2026-03-02T10:00:00.000Z","agent":"a2","state":"ready"}"#,
        #"{"id":"e3","type":"chat.started","at":"2026-03-02T10:10:00.000Z","interaction":"c1","contact":{"id":"k"}}"#,
        #"{"id":"e4","type":"party.joined","at":"2026-03-02T10:10:03.000Z","interaction":"c1","party":{"kind":"agent","id":"a1"},"role":"owner"}"#,
        #"{"id":"e5","type":"consultation.requested","at":"2026-03-02T10:11:00.000Z","interaction":"cons-ex2","parent":"c1","request":"r1","from":"a1","target":{"kind":"agent","id":"a2"}}"#,
        #"{"id":"e6","type":"consultation.accepted","at":"2026-03-02T10:11:06.000Z","request":"r1","agent":"a2"}"#,
    ].joined(separator: "\n") + "\n"

    @Test func theLibraryNamesNoFlag() {
        let errors: [StoreError] = [
            .consultationHasNoContactView(interaction: "k1"),
            .unusableOutput(path: "/x", problem: .exportDirectoryIsAFile),
            .unusableOutput(path: "/x", problem: .exportDirectoryHoldsEarlierRun),
        ]
        for error in errors {
            #expect(!error.description.contains("--"), "\(error)")
            #expect(!error.description.contains("as="), "\(error)")
        }
        #expect(StoreError.consultationHasNoContactView(interaction: "k1").description
            == "interaction k1 is a consultation, which the contact never sees: its contact view is not possible; read it as an agent")
    }

    @Test func remediesAreWordedByWhoeverShowsThem() {
        let unknown = MigrationProblem.unknownVersion(version: 9, name: "future")
        #expect(unknown.description == "the database has migration 9 (future) that this InteractionStore does not know: the database is newer than this binary; use a newer InteractionStore")
        let notPlaced = ExportError.manifestNotPlaced(directory: "/d", pending: "/d/.m", reason: "EIO")
        #expect(notPlaced.description.hasSuffix("and the next export puts it in place"))
        let tool = RemedyWording(reader: "tool", newerReader: "a newer tool", migrate: "tool migrate", purge: "tool purge",
                                 export: "tool export", check: "tool check", fullRun: "a full one", signatureNeeded: "a key needs a signature")
        #expect(unknown.message(tool).hasSuffix("that this tool does not know: the database is newer than this binary; use a newer tool"))
        #expect(notPlaced.message(tool).hasSuffix("and the next tool export puts it in place"))
        for text in [unknown.description, notPlaced.description, MigrationError.invalidHistory([unknown]).description] {
            #expect(!text.contains("storectl") && !text.contains("--"), "\(text)")
        }
    }

    @Test func eachCaseSaysWhatAndWhere() {
        let cases: [(StoreError, String, ErrorCategory)] = [
            (.unusableOutput(path: "/b", problem: .backupExists), "/b already exists; a backup never overwrites a file — choose a new path", .output),
            (.unusableOutput(path: "/b", problem: .backupNotCreated(errno: EACCES)), "cannot create /b: Permission denied; check that its directory exists and is writable", .output),
            (.unusableOutput(path: "/d", problem: .exportDirectoryInUse), "another export is writing into /d right now; give each run a directory of its own", .output),
            (.unusableOutput(path: "/d", problem: .exportDirectoryNotCreated(errno: EACCES)), "cannot create the export directory /d: Permission denied; check that its parent exists and is writable", .output),
            (.unusableOutput(path: "/d", problem: .exportDirectoryNotOpened(errno: ENOENT)), "cannot open the export directory /d: No such file or directory", .output),
            (.unusableOutput(path: "/d/f.tmp", problem: .exportFileNotCreated(errno: ENOSPC)), "cannot create /d/f.tmp: No space left on device; check that the directory is writable", .output),
            (.fileFailed(.readInput, path: "", errno: EIO), "cannot read the input: Input/output error", .io),
            (.fileFailed(.read, path: "/m", errno: nil), "cannot read /m; check its permissions", .io),
            (.fileFailed(.read, path: "/m", errno: EACCES), "cannot read /m: Permission denied", .io),
            (.fileFailed(.write, path: "/t", errno: ENOSPC), "cannot write /t: No space left on device; nothing of this export was recorded", .io),
            (.fileFailed(.sync, path: "/t", errno: EIO), "cannot sync /t: Input/output error; nothing of this export was recorded", .io),
            (.fileFailed(.rename(to: "/u"), path: "/t", errno: EXDEV), "cannot rename /t to /u: Invalid cross-device link", .io),
            (.missingInput("/in"), "/in: no such file; check the path", .missing),
            (.consultationHasNoContactView(interaction: "k1"), StoreError.consultationHasNoContactView(interaction: "k1").description, .data),
        ]
        for (error, words, category) in cases {
            #expect(error.description == words)
            #expect(error.category == category, "\(error)")
        }
    }

    @Test func theCLIPrintsItsFlags() throws {
        try withTempDirectory(prefix: "store-error-words") { dir in
            let db = dir.path("s.sqlite")
            let logPath = dir.path("log.ndjson")
            try Data(Self.log.utf8).write(to: URL(fileURLWithPath: logPath))
            let imported = try StoreCtlRunner.run(["import", logPath, "--db", db])
            #expect(imported.status == 0, "\(imported)")

            let contact = try StoreCtlRunner.run(["transcript", "cons-ex2", "--as", "contact", "--db", db])
            #expect(contact.status == 65, "\(contact)")
            #expect(contact.stderr == "interaction cons-ex2 is a consultation, which the contact never sees: --as contact is not possible; use --as agent\n")

            let file = dir.path("a-file")
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))
            let intoFile = try StoreCtlRunner.run(["export", "--out", file, "--db", db])
            #expect(intoFile.status == 73, "\(intoFile)")
            #expect(intoFile.stderr == "\(file) exists and is not a directory; give --out a directory (a new one for each run)\n")

            let out = dir.path("run")
            let first = try StoreCtlRunner.run(["export", "--out", out, "--db", db])
            #expect(first.status == 0, "\(first)")
            let manifest = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
            let again = try StoreCtlRunner.run(["export", "--out", out, "--full", "--db", db])
            #expect(again.status == 73, "\(again)")
            #expect(again.stderr == "\(out) already holds manifest.json from an earlier export run; export into a new directory (each run writes a directory of its own, e.g. --out exports/$(date +%F))\n")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")) == manifest, "the refused run wrote nothing")

            let copy = dir.path("copy.sqlite")
            try Data("taken".utf8).write(to: URL(fileURLWithPath: copy))
            let backup = try StoreCtlRunner.run(["backup", copy, "--db", db])
            #expect(backup.status == 73, "\(backup)")
            #expect(backup.stderr == "\(copy) already exists; a backup never overwrites a file — choose a new path\n")
            #expect(try String(contentsOfFile: copy, encoding: .utf8) == "taken")
        }
    }
}
