import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite
@testable import InteractionModel
@testable import EventLog

/// Hostile input (issue 7, part 4): every file of `Tests/HostileInputs/` and a set of big inputs
/// generated at test time (10 MB lines, 10,000-level nesting, 100 KB ids, 64 KiB text edges)
/// go through the real `storectl import`. Each must be rejected with exit 65, a message naming
/// the line (and the event id when it could be read), and nothing written — or, when valid,
/// stored verbatim (checked through the database and `storectl transcript --format json`).
/// No input may end the process by a signal or with an internal error.
@Suite struct HostileInputTests {
    /// One input and what `storectl import` must do with it.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The exit status: 0 (stored) or 65 (rejected).
        var status: Int32
        /// Texts stderr must contain.
        var needles: [String]

        var testDescription: String { name }
    }

    /// `Tests/HostileInputs/`, found from this source file (the corpus is not a test resource).
    static let corpusDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("HostileInputs")

    /// `expectations.tsv`: `file <TAB> status <TAB> needle|needle…`; `#` lines are comments.
    static let corpus: [Case] = {
        guard let text = try? String(contentsOf: corpusDirectory.appendingPathComponent("expectations.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> Case? in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, let status = Int32(fields[1]) else { return nil }
            let needles = fields.count > 2 ? fields[2].split(separator: "|").map(String.init) : []
            return Case(name: fields[0], status: status, needles: needles)
        }
    }()

    /// Valid events stored before each input, with ids no corpus file uses, so "nothing written"
    /// is checked against a store that holds data (and the importer must not disturb it).
    static let preamble: [String] = [
        #"{"id":"pre-d","type":"disposition.defined","at":"2026-03-01T08:00:00.000Z","code":"PRE","label":"Pre"}"#,
        #"{"id":"pre-s","type":"agent.state","at":"2026-03-01T08:00:00.000Z","agent":"pre-agent","state":"ready"}"#,
        #"{"id":"pre-c","type":"chat.started","at":"2026-03-01T08:00:01.000Z","interaction":"pre-chat","contact":{"id":"pre-cust"}}"#,
        #"{"id":"pre-j","type":"party.joined","at":"2026-03-01T08:00:02.000Z","interaction":"pre-chat","party":{"kind":"agent","id":"pre-agent"},"role":"owner"}"#,
        #"{"id":"pre-m","type":"message","at":"2026-03-01T08:00:03.000Z","interaction":"pre-chat","party":"pre-cust","text":"before"}"#,
    ]

    // MARK: The committed corpus

    @Test func corpusCoversAtLeastFortyFilesAndEveryFileHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpusDirectory.path).filter { $0.hasSuffix(".ndjson") }
        #expect(files.count >= 40, "only \(files.count) corpus files")
        #expect(Set(files) == Set(Self.corpus.map(\.name)), "files without an expectation: \(Set(files).subtracting(Self.corpus.map(\.name)).sorted()); expectations without a file: \(Set(Self.corpus.map(\.name)).subtracting(files).sorted())")
        #expect(Self.corpus.contains { $0.status == 0 } && Self.corpus.contains { $0.status == 65 })
        for file in files {
            let size = try FileManager.default.attributesOfItem(atPath: Self.corpusDirectory.appendingPathComponent(file).path)[.size] as? Int ?? 0
            #expect(size < 16_384, "\(file) is \(size) bytes: generate big inputs at test time instead")
        }
    }

    @Test(arguments: corpus)
    func corpusFile(_ input: Case) throws {
        let data = try Data(contentsOf: Self.corpusDirectory.appendingPathComponent(input.name))
        try Self.importAndVerify(data, input)
    }

    // MARK: Big inputs, generated

    static let t0 = "2026-03-02T09:00:00.000Z"
    static let t1 = "2026-03-02T09:00:01.000Z"
    static let t2 = "2026-03-02T09:00:02.000Z"

    /// A chat `big` with contact `cust` and owner `a1`.
    static func chat(_ interaction: String = "big", contact: String = "cust", agent: String = "a1") -> String {
        [
            #"{"id":"c-start","type":"chat.started","at":"\#(t0)","interaction":"\#(interaction)","contact":{"id":"\#(contact)"}}"#,
            #"{"id":"c-join","type":"party.joined","at":"\#(t1)","interaction":"\#(interaction)","party":{"kind":"agent","id":"\#(agent)"},"role":"owner"}"#,
        ].joined(separator: "\n") + "\n"
    }

    static func message(_ id: String, text: String, interaction: String = "big", party: String = "cust") -> String {
        #"{"id":"\#(id)","type":"message","at":"\#(t2)","interaction":"\#(interaction)","party":"\#(party)","text":"\#(text)"}"# + "\n"
    }

    @Test func nestingTenThousandLevelsDeepIsRejected() throws {
        let arrays = #"{"id":"deep","type":"chat.ended","at":"\#(Self.t0)","interaction":"big","x":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}\n"
        let objects = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "\n"
        let unclosed = String(repeating: "[", count: 10_000) + "\n"
        let data = Data((Self.chat() + arrays + objects + unclosed).utf8)
        try Self.importAndVerify(data, Case(name: "generated: 10,000 levels", status: 65,
                                            needles: ["line 3: event deep: malformed JSON: nesting deeper than", "line 4: malformed JSON", "line 5: malformed JSON"]))
    }

    @Test func tenMegabyteLinesAreRejectedWithShortMessages() throws {
        // One 10 MB line (a debug build's line reader needs about 5 s for it: it rescans the
        // buffered line after each 1 MB read); the other kinds of long line at 1 MB.
        let tenMB = 10 * 1_048_576, oneMB = 1_048_576
        let longText = Self.message("huge", text: String(repeating: "x", count: tenMB))
        let garbage = String(repeating: "a", count: oneMB) + "\n"
        let longString = "\"" + String(repeating: "\\u0000", count: oneMB / 6) + "\"\n"
        let blank = String(repeating: " ", count: oneMB) + "\r\n"
        let data = Data((Self.chat() + longText + garbage + longString + blank + Self.message("m", text: "after")).utf8)
        let result = try Self.importAndVerify(data, Case(name: "generated: 10 MB lines", status: 65, needles: [
            "line 3: event huge: text is \(tenMB) bytes, over the 65,536-byte", "line 4: malformed JSON", "line 5: malformed event",
        ]))
        #expect(result.stderr.utf8.count < 4_096, "stderr echoes the input: \(result.stderr.utf8.count) bytes")
        #expect(!result.stderr.contains("line 6"), "a whitespace-only line is blank: \(result.stderr.prefix(1_000))")
    }

    @Test func megabyteWhitespaceLineIsBlank() throws {
        let data = Data((Self.chat() + String(repeating: " \t", count: 1_048_576) + "\r\n" + Self.message("m", text: "after")).utf8)
        try Self.importAndVerify(data, Case(name: "generated: 2 MB blank line", status: 0, needles: []))
    }

    @Test func hundredKilobyteIdsAreStoredVerbatim() throws {
        func id(_ seed: String) -> String { String(repeating: seed, count: 102_400 / seed.utf8.count) }
        let interaction = id("i'; DROP TABLE x;--"), agent = id("agent-é"), contact = id("c"), eventId = id("e")
        let data = Data((Self.chat(interaction, contact: contact, agent: agent)
                         + Self.message(eventId, text: "hi", interaction: interaction, party: contact)
                         + Self.message("m2", text: "hello", interaction: interaction, party: agent)).utf8)
        try Self.importAndVerify(data, Case(name: "generated: 100 KB ids", status: 0, needles: []))
    }

    @Test func hundredKilobyteIdInAnErrorIsShortened() throws {
        let interaction = String(repeating: "z", count: 102_400)
        let data = Data((Self.chat() + Self.message(String(repeating: "e", count: 102_400), text: "x", interaction: interaction)).utf8)
        let result = try Self.importAndVerify(data, Case(name: "generated: 100 KB id, rejected", status: 65, needles: ["line 3: event eeee", "(102400 bytes)", "unknown interaction"]))
        #expect(result.stderr.utf8.count < 2_048, "stderr echoes the 100 KB id: \(result.stderr.utf8.count) bytes")
    }

    @Test func textLimitIsExactly65536Bytes() throws {
        let atLimit = String(repeating: "😀", count: 16_384)                 // 65,536 bytes
        let nuls = String(repeating: "\\u0000", count: 65_536)              // 65,536 NUL bytes, stored exactly
        let overLimit = String(repeating: "x", count: 65_535) + "é"        // 65,537 bytes
        try Self.importAndVerify(Data((Self.chat() + Self.message("max", text: atLimit) + Self.message("nuls", text: nuls)).utf8),
                                 Case(name: "generated: 65,536-byte texts", status: 0, needles: []))
        try Self.importAndVerify(Data((Self.chat() + Self.message("over", text: overLimit)).utf8),
                                 Case(name: "generated: 65,537-byte text", status: 65, needles: ["line 3: event over: text is 65537 bytes, over the 65,536-byte (64 KiB) limit"]))
    }

    @Test func hugeObjectsAndNumbersAreRejected() throws {
        let manyKeys = #"{"id":"keys","type":"chat.ended","at":"\#(Self.t2)","interaction":"big","# + (0..<100_000).map { "\"k\($0)\":0" }.joined(separator: ",") + "}\n"
        let sameKey = #"{"id":"dups","type":"chat.ended","at":"\#(Self.t2)","interaction":"big","# + Array(repeating: "\"k\":0", count: 100_000).joined(separator: ",") + "}\n"
        let longNumber = #"{"id":"num","type":"chat.ended","at":"# + String(repeating: "9", count: 1_000_000) + "e999999999,\"interaction\":\"big\"}\n"
        let data = Data((Self.chat() + manyKeys + sameKey + longNumber).utf8)
        try Self.importAndVerify(data, Case(name: "generated: 100,000 keys, 1 MB number", status: 65, needles: [
            "line 3: event keys: unknown key \"k0\"", "line 4: event dups: malformed JSON: duplicate key", "line 5: event num: field \"at\" must be a string, not a number",
        ]))
    }

    @Test func lineNumbersCountAHundredThousandBlankLines() throws {
        let data = Data((Self.chat() + String(repeating: "\n", count: 100_000) + Self.message("late", text: "x", interaction: "nope")).utf8)
        try Self.importAndVerify(data, Case(name: "generated: 100,000 blank lines", status: 65, needles: ["line 100003: event late: unknown interaction"]))
    }

    @Test func randomBytesNeverCrashTheImporter() throws {
        // Seeded garbage: control bytes, invalid UTF-8, JSON punctuation, fragments of events.
        var random = SeededGenerator(seed: 7)
        let fragments: [[UInt8]] = [Array(#"{"id":"r","type":"message","at":"2026-03-02T09:00:02Z","#.utf8), Array("\\ud800".utf8), Array("\\u0000".utf8),
                                    [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x00], [0x0D], Array("[{\"".utf8), Array("1e999999".utf8)]
        var bytes: [UInt8] = []
        for _ in 0..<2_000 {
            if Bool.random(using: &random) {
                bytes += fragments.randomElement(using: &random)!
            } else {
                bytes += (0..<Int.random(in: 1...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
            if Int.random(in: 0..<4, using: &random) == 0 { bytes.append(0x0A) }
        }
        try withTempDirectory(prefix: "hostile") { dir in
            let path = dir.path("random.ndjson")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let result = try StoreCtlRunner.run(["import", path, "--db", dir.databasePath], timeout: 120)
            #expect(result.reason == .exit && (result.status == 0 || result.status == 65), "\(result)")
        }
    }

    // MARK: The check

    /// Imports `data` into a store holding `preamble` and checks the outcome against `input`.
    @discardableResult
    static func importAndVerify(_ data: Data, _ input: Case) throws -> StoreCtlResult {
        try withTempDirectory(prefix: "hostile") { dir in
            let db = dir.databasePath
            let log = dir.path("input.ndjson")
            try data.write(to: URL(fileURLWithPath: log))
            do {
                let store = try Store(path: db)
                try store.apply(preamble.map { try EventDecoder.decode($0) })
            }
            let before = try DatabaseProbe.dump(db)

            let result = try StoreCtlRunner.run(["import", log, "--db", db], timeout: 120)
            #expect(result.reason == .exit, "\(input.name): ended by a signal: \(result)")
            #expect(result.status != 70, "\(input.name): internal error: \(result)")
            #expect(result.status == input.status, "\(input.name): \(result)")
            for needle in input.needles {
                #expect(result.stderr.contains(needle), "\(input.name): stderr lacks \(needle.debugDescription): \(result.stderr.prefix(2_000))")
            }
            let after = try DatabaseProbe.dump(db)
            if input.status == 0 {
                try verifyStoredVerbatim(data, db: db, input: input.name)
            } else {
                #expect(before == after, "\(input.name): a rejected import wrote: \(DatabaseProbe.difference(before, after))")
                // Every listed problem names its line; the last line says nothing was imported.
                for line in result.stderr.split(separator: "\n") where !line.hasPrefix("line ") {
                    #expect(line.contains("nothing imported"), "\(input.name): stderr line without a line number: \(line.prefix(300))")
                }
            }
            #expect(try DatabaseProbe.invariantViolations(db).isEmpty, "\(input.name)")
            return result
        }
    }

    /// Every event of a valid input is stored with its exact bytes: the ledger holds its id,
    /// ids and names are in their tables as given, and each message comes back from
    /// `storectl transcript --format json` with the same party, text and visibility.
    static func verifyStoredVerbatim(_ data: Data, db: String, input: String) throws {
        // Ids are compared as bytes: Swift's String equality (and hashing) treats canonically
        // equivalent spellings as equal, the store must not.
        func bytes(_ text: String?) -> [UInt8]? { text.map { Array($0.utf8) } }
        var events: [Event] = []
        var seen = Set<[UInt8]>()
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let raw = Array(line)
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let event = try raw.withUnsafeBytes { buffer in try EventDecoder.decode(buffer) }
            if seen.insert(Array(event.id.utf8)).inserted { events.append(event) }
        }
        let stored = try DatabaseProbe.eventIds(db)
        let expected = seen.union(try preamble.map { Array(try EventDecoder.decode($0).id.utf8) })
        #expect(stored == expected, "\(input): ledger ids differ: \(stored.count) stored, \(expected.count) expected")

        let connection = try Connection(path: db, mode: .readOnly)
        var messages: [[UInt8]: (id: String, entries: [[[UInt8]?]])] = [:]
        for event in events {
            switch event.body {
            case let .chatStarted(interaction, contact, name):
                let row = try connection.queryOne("SELECT contact_id, contact_name FROM interactions WHERE id = ?", [interaction]) { [bytes($0.string(0)), bytes($0.optionalString(1))] }
                #expect(row == [bytes(contact), bytes(name)], "\(input): interaction \(interaction.prefix(80)) not stored verbatim")
            case let .agentState(agent, state, channel, reason):
                let found = try connection.scalarInt("SELECT count(*) FROM agent_states WHERE agent_id = ? AND channel = ? AND state = ? AND reason IS ?",
                                                     [agent, channel, state.rawValue, reason] as [any SQLBindable]) ?? 0
                #expect(found >= 1, "\(input): agent state of \(agent.prefix(80)) not stored verbatim")
            case let .dispositionDefined(code, label):
                let stored = try connection.queryOne("SELECT label FROM disposition_codes WHERE code = ?", [code]) { bytes($0.string(0)) }
                #expect(stored == bytes(label), "\(input): code \(code.prefix(80)) not stored verbatim")
            case let .message(interaction, party, text, visibility):
                messages[Array(interaction.utf8), default: (interaction, [])].entries.append([bytes(party), bytes(text), bytes(visibility.rawValue)])
            default:
                break
            }
        }
        for (interaction, expected) in messages.values {
            let result = try StoreCtlRunner.run(["transcript", interaction, "--db", db, "--format", "json"], timeout: 120)
            #expect(result.status == 0, "\(input): \(result)")
            guard result.status == 0 else { continue }
            let entries = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
            let got = entries.filter { $0["kind"] as? String == "message" }.map { entry in
                [bytes(entry["party"] as? String), bytes(entry["text"] as? String), bytes(entry["visibility"] as? String)]
            }
            #expect(got == expected, "\(input): transcript of \(interaction.prefix(80)) differs from the input")
        }
    }
}
