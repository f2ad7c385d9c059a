import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite

/// Security basics (issue 7, part 6): files holding personal data are created 0600 whatever the
/// umask; no SQL is built from input; errors name the event id and field, never a message body.
@Suite struct ReliabilitySecurityTests {
    // MARK: File modes

    private static func mode(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & 0o777 : nil
    }

    @Test func databaseFilesAre0600WithUmask000() throws {
        try withTempDirectory(prefix: "security") { dir in
            let db = dir.databasePath
            // `import -` holds the store open (with its -wal and -shm) while it waits for more
            // input; it opens the store once the first event has arrived.
            let pipe = Pipe()
            let importer = try ChildProcess.storectlWithOpenUmask(["import", "-", "--db", db], stdin: pipe.fileHandleForReading)
            pipe.fileHandleForWriting.write(Data((Log.base[0] + "\n").utf8))
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, !["", "-wal", "-shm"].allSatisfy({ FileManager.default.fileExists(atPath: db + $0) }) {
                usleep(20_000)
            }
            for suffix in ["", "-wal", "-shm"] {
                #expect(Self.mode(db + suffix) == 0o600, "\(db + suffix): mode \(Self.mode(db + suffix).map { String($0, radix: 8) } ?? "missing")")
            }
            pipe.fileHandleForWriting.write(Data((Log.base.dropFirst().joined(separator: "\n") + "\n").utf8))
            try pipe.fileHandleForWriting.close()
            let result = try importer.wait(timeout: 60)
            #expect(result.status == 0, "\(result)")
            #expect(Self.mode(db) == 0o600)
        }
    }

    @Test func backupExportRejectAndDemoFilesAre0600WithUmask000() throws {
        try withTempDirectory(prefix: "security") { dir in
            let db = dir.databasePath
            let log = dir.path("log.ndjson")
            let bad = #"{"id":"bad","type":"message","at":"2026-03-02T09:10:00.000Z","interaction":"nope","party":"cust","text":"x"}"#
            try Data((Log.base + [#"{"id":"end","type":"chat.ended","at":"2026-03-02T09:05:00.000Z","interaction":"c1"}"#, bad])
                .joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: log))
            let rejects = dir.path("rejects.txt")
            let runs: [[String]] = [
                ["import", log, "--db", db, "--reject-file", rejects],
                ["backup", dir.path("backup.sqlite"), "--db", db],
                ["export", "--out", dir.path("export"), "--db", db],
                ["demo", "--emit", dir.path("demo.ndjson"), "--interactions", "2"],
            ]
            for arguments in runs {
                let result = try ChildProcess.storectlWithOpenUmask(arguments).wait(timeout: 60)
                #expect(result.status == (arguments.contains("--reject-file") ? 65 : 0), "\(arguments): \(result)")
            }
            for file in [rejects, dir.path("backup.sqlite"), dir.path("demo.ndjson")] {
                #expect(Self.mode(file) == 0o600, "\(file): mode \(Self.mode(file).map { String($0, radix: 8) } ?? "missing")")
            }
            let exported = try FileManager.default.contentsOfDirectory(atPath: dir.path("export"))
            #expect(exported.contains("manifest.json"), "\(exported)")
            #expect(Self.mode(dir.path("export")) == 0o700, "export directory: \(Self.mode(dir.path("export")).map { String($0, radix: 8) } ?? "missing")")
            for file in exported {
                #expect(Self.mode(dir.path("export") + "/" + file) == 0o600, "export/\(file): mode \(Self.mode(dir.path("export") + "/" + file).map { String($0, radix: 8) } ?? "missing")")
            }
        }
    }

    // MARK: No SQL from input

    /// Interpolations in SQL that are known to hold no input, with the reason.
    static let reviewedInterpolations: [String: [String: String]] = [
        "Connection.swift": ["name": "savepoint names come from a depth counter (sp1, sp2, …)"],
        "Purge.swift": ["doomed": "the doomed set's name: the CTE `doomed` or `temp.purge_doomed`, chosen by the code",
                        "inDoomed": "the fragment IN (SELECT id FROM temp.purge_doomed)",
                        "prefix": "the CTE defining `doomed` (Purger.doomedCTE) or nothing"],
    ]

    /// Greps every Swift file under `Sources/` for SQL string literals (a literal holding
    /// SELECT, INSERT, UPDATE, DELETE, WHERE, VALUES, FROM, JOIN, PRAGMA or SAVEPOINT) built
    /// with an interpolation or a `+` of anything but a string constant of the sources
    /// (`let NAME = "…"`, e.g. a column list) or a reviewed name above. Values must be bound.
    @Test func noSQLIsBuiltFromInput() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = (FileManager.default.enumerator(atPath: sources.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.count > 20, "found only \(files.count) source files under \(sources.path)")
        let scanned = try files.map { file in (file, SwiftLiterals(try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8))) }
        let constants = Set(scanned.flatMap { $0.1.constantNames })

        var offenders: [String] = []
        var sqlLiterals = 0
        for (file, literals) in scanned {
            let reviewed = Self.reviewedInterpolations[(file as NSString).lastPathComponent] ?? [:]
            for literal in literals.literals where literal.isSQL {
                sqlLiterals += 1
                for expression in literal.interpolations + literals.concatenated(with: literal) {
                    let name = expression.split(separator: ".").last.map(String.init) ?? expression
                    if constants.contains(name) || reviewed[expression] != nil { continue }
                    offenders.append("\(file):\(literal.line): SQL built with `\(expression)`: \(literal.text.prefix(100))")
                }
            }
        }
        #expect(sqlLiterals > 50, "the scan found only \(sqlLiterals) SQL literals: is the lexer broken?")
        #expect(offenders.isEmpty, "SQL built from non-constant values (bind them with ? instead):\n\(offenders.joined(separator: "\n"))")
    }

    @Test func theSQLScanSeesInterpolationAndConcatenation() {
        let source = ##"""
            let columns = "a, b"
            let sql = "SELECT \(columns) FROM t WHERE id = \(userInput)"
            let other = "SELECT " + columns + " FROM t WHERE x = '" + name + "'"
            let multi = """
                DELETE FROM t WHERE id = \(id)
                """
            let raw = #"UPDATE t SET a = \#(value) WHERE b = "\(notInterpolated)""#
            // "SELECT \(commented)"
            """##
        let scan = SwiftLiterals(source)
        #expect(scan.constantNames.contains("columns"))
        let found = scan.literals.filter { $0.isSQL }.flatMap { $0.interpolations + scan.concatenated(with: $0) }
        #expect(Set(found) == ["columns", "userInput", "name", "id", "value"], "\(found)")
    }

    // MARK: No message text in errors

    @Test func importErrorsNameTheEventAndFieldButNeverTheMessageText() throws {
        let secret = "card 4111 1111 1111 1111 exp 12/29, call me at +1 555 0100, PIN 4321"
        let escaped = secret  // plain ASCII: the JSON form is the text itself
        let at = "2026-03-02T09:10:00.000Z"
        func message(_ id: String, interaction: String = "c1", party: String = "cust", text: String = escaped, extra: String = "") -> String {
            #"{"id":"\#(id)","type":"message","at":"\#(at)","interaction":"\#(interaction)","party":"\#(party)","text":"\#(text)"\#(extra)}"#
        }
        let lines = Log.conferenced + [
            message("p-unknown-interaction", interaction: "c9"),
            message("p-unknown-party", party: "zz"),
            message("p-over-limit", text: String(repeating: secret + " ", count: 1_000)),
            message("p-visibility", extra: #","visibility":"public""#),
            message("p-unknown-key", extra: #","note":"x""#),
            message("m1"),                                      // same id as a stored message, other text
            message("p-control", text: secret + "\u{01}"),      // raw control character: malformed JSON
            message("p-surrogate", text: secret + "\\ud800"),    // lone surrogate: malformed JSON
            #"{"id":"p-type","type":"message","at":"\#(at)","interaction":"c1","party":"cust","text":["\#(secret)"]}"#,
            #"{"id":"p-number","type":"message","at":"\#(at)","interaction":"c1","party":"cust","text":"\#(secret)","visibility":1}"#,
        ]
        var bytes = Data((lines.joined(separator: "\n") + "\n").utf8)
        bytes += Data(#"{"id":"p-utf8","type":"message","at":"\#(at)","interaction":"c1","party":"cust","text":"\#(secret)"#.utf8) + Data([0xFF]) + Data("\"}\n".utf8)
        try withTempDirectory(prefix: "security") { dir in
            let log = dir.path("log.ndjson")
            try bytes.write(to: URL(fileURLWithPath: log))
            for extra in [[], ["--reject-file", dir.path("rejects.txt")]] {
                let result = try StoreCtlRunner.run(["import", log, "--db", dir.databasePath] + extra)
                #expect(result.status == 65, "\(result)")
                let rejected = result.stderr.split(separator: "\n").filter { $0.hasPrefix("line ") }
                #expect(rejected.count == (extra.isEmpty ? 11 : 0), "\(result)")
                // No fragment of the text: not the whole, not a card or phone number, not the PIN.
                for fragment in [secret, "4111 1111", "555 0100", "PIN 4321", "exp 12/29"] {
                    #expect(!result.stderr.contains(fragment), "stderr shows message text (\(fragment)): \(result.stderr.prefix(3_000))")
                }
                if extra.isEmpty {
                    for (id, field) in [("p-over-limit", "text is"), ("p-visibility", "\"visibility\""), ("p-unknown-key", "\"note\""),
                                        ("p-type", "\"text\""), ("p-number", "\"visibility\""), ("m1", "conflicting event id"),
                                        ("p-unknown-interaction", "unknown interaction"), ("p-unknown-party", "unknown party")] {
                        #expect(rejected.contains { $0.contains("event \(id): ") && $0.contains(field) }, "no line names \(id) and \(field): \(result.stderr)")
                    }
                }
            }
        }
    }
}

/// The string literals of a Swift source file, found by a small lexer: plain, multi-line and
/// raw (`#"…"#`) literals, interpolations (with nested literals and parentheses), comments
/// skipped. Enough to review how SQL strings are built; not a Swift parser.
struct SwiftLiterals {
    struct Literal {
        /// 1-based line of the opening quote.
        var line: Int
        /// The literal's text, each interpolation as `\(…)`.
        var text: String
        /// The interpolated expressions, trimmed.
        var interpolations: [String]
        /// Offsets of the literal in the source's characters.
        var start: Int, end: Int

        /// True when the text holds an SQL keyword (upper case, as the sources write SQL).
        var isSQL: Bool {
            text.range(of: #"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|FROM|JOIN|PRAGMA|SAVEPOINT)\b"#, options: .regularExpression) != nil
        }
    }

    private(set) var literals: [Literal] = []
    private let characters: [Character]

    init(_ source: String) {
        characters = Array(source)
        var index = 0
        var line = 1
        scan(&index, &line, until: nil)
    }

    /// Names declared as `let NAME = "…"` (or `static let`, with an optional `: String`) with
    /// a literal free of interpolations: constants of the source.
    var constantNames: [String] {
        literals.compactMap { literal in
            guard literal.interpolations.isEmpty else { return nil }
            let before = String(characters[max(0, literal.start - 120)..<literal.start])
            guard let match = before.range(of: #"\blet\s+(\w+)\s*(:\s*String\s*)?=\s*$"#, options: .regularExpression) else { return nil }
            let declaration = before[match].dropFirst(3).drop(while: \.isWhitespace)
            return String(declaration.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" }))
        }
    }

    /// Identifiers joined to `literal` with `+` on either side (`"SELECT " + columns`).
    func concatenated(with literal: Literal) -> [String] {
        var names: [String] = []
        let identifier = #"[A-Za-z_][A-Za-z0-9_.]*"#
        let after = String(characters[literal.end..<min(characters.count, literal.end + 120)])
        if let match = after.range(of: #"^\s*\+\s*"# + identifier, options: .regularExpression) {
            names.append(after[match].drop(while: { $0.isWhitespace || $0 == "+" }).trimmingCharacters(in: .whitespaces))
        }
        let before = String(characters[max(0, literal.start - 120)..<literal.start])
        if let match = before.range(of: identifier + #"\s*\+\s*$"#, options: .regularExpression) {
            let text = before[match]
            let name = text.prefix(while: { !$0.isWhitespace && $0 != "+" })
            if !["try", "return", "in"].contains(String(name)) { names.append(String(name)) }
        }
        return names.filter { !$0.isEmpty && !($0.first?.isNumber ?? false) }
    }

    private func at(_ index: Int, _ text: String) -> Bool {
        var position = index
        for character in text {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
        }
        return true
    }

    /// Scans code until `closer` (a `)` ending an interpolation) at depth 0, recording literals.
    private mutating func scan(_ index: inout Int, _ line: inout Int, until closer: Character?) {
        var depth = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\n" { line += 1 }
            if at(index, "//") {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if at(index, "/*") {
                var nesting = 0
                repeat {
                    if at(index, "/*") { nesting += 1; index += 2; continue }
                    if at(index, "*/") { nesting -= 1; index += 2; continue }
                    if characters[index] == "\n" { line += 1 }
                    index += 1
                } while index < characters.count && nesting > 0
                continue
            }
            if character == "#" || character == "\"" {
                var hashes = 0
                while index + hashes < characters.count, characters[index + hashes] == "#" { hashes += 1 }
                if index + hashes < characters.count, characters[index + hashes] == "\"" {
                    index += hashes
                    literal(&index, &line, hashes: hashes)
                    continue
                }
            }
            if let closer {
                if character == "(" { depth += 1 }
                if character == ")" {
                    if depth == 0 && closer == ")" { return }
                    depth -= 1
                }
            }
            index += 1
        }
    }

    /// Reads a literal whose opening quote is at `index`.
    private mutating func literal(_ index: inout Int, _ line: inout Int, hashes: Int) {
        let start = index - hashes
        let startLine = line
        let pounds = String(repeating: "#", count: hashes)
        let multiline = at(index, "\"\"\"")
        let closing = (multiline ? "\"\"\"" : "\"") + pounds
        let escape = "\\" + pounds
        index += multiline ? 3 : 1
        var text = ""
        var interpolations: [String] = []
        while index < characters.count {
            if at(index, closing) {
                index += closing.count
                break
            }
            if at(index, escape) {
                let next = index + escape.count
                if next < characters.count, characters[next] == "(" {
                    var inner = next + 1
                    let from = inner
                    scan(&inner, &line, until: ")")
                    let expression = String(characters[from..<min(inner, characters.count)]).trimmingCharacters(in: .whitespacesAndNewlines)
                    interpolations.append(expression)
                    text += "\\(\(expression))"
                    index = min(inner + 1, characters.count)
                    continue
                }
                text.append(contentsOf: characters[index..<min(next + 1, characters.count)])
                index = next + 1
                continue
            }
            if characters[index] == "\n" {
                line += 1
                if !multiline { break }  // unterminated: stop at the line end
            }
            text.append(characters[index])
            index += 1
        }
        literals.append(Literal(line: startLine, text: text, interpolations: interpolations, start: start, end: index))
    }
}
