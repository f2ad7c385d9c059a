import Crypto
import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite

/// The stores and helpers of the anchored-export tests (chains.ndjson, store heads, `verify`,
/// signatures): one small log of three ended chats, optionally with one message rewritten.
enum AnchoredLog {
    static let chats = ["chat-1", "chat-2", "chat-3"]
    /// The message that `rewritten` changes: chat-2's second message (its entry 4).
    static let original = "My order 1182 never arrived"
    static let rewrittenText = "My order 1182 arrived, thanks"

    /// The log's lines. `rewritten` changes one message text of chat-2 and nothing else: imported,
    /// it is a valid chain with other content — what a perfect rewrite of the first store leaves.
    static func lines(rewritten: Bool = false, prefix: String = "anchor") -> [String] {
        var log = ExportTestLog(prefix: prefix)
        log.defineCode("RESOLVED", "Resolved")
        log.agentState("agent.kim", "ready")
        for chat in chats {
            let second = chat == "chat-2" ? (rewritten ? rewrittenText : original) : "thanks from \(chat)"
            log.startChat(chat, contact: "cust-\(chat)", name: "Contact \(chat)", agent: "agent.kim",
                          messages: ["hello from \(chat)", second, "anything else?"])
            log.disposition(chat, agent: "agent.kim", code: "RESOLVED")
            log.endChat(chat)
        }
        return log.takeBatch()
    }

    /// A store at `path` holding the log.
    @discardableResult
    static func store(_ path: String, rewritten: Bool = false) throws -> Store {
        let store = try Store(path: path)
        try store.applyLines(lines(rewritten: rewritten))
        return store
    }
}

extension Store {
    /// An interaction's recorded entry count and chain head (hex), as the export writes them.
    func recordedChain(_ id: String) throws -> (seq: Int64, head: String) {
        try read { db in
            try #require(try db.queryOne("SELECT next_entry - 1, lower(hex(chain_head)) FROM interactions WHERE id = ?", [id]) {
                ($0.int64(0), $0.string(1))
            })
        }
    }

    /// The stored store head next to the watermark.
    func storedStoreHead() throws -> String? {
        try read { db in try db.scalarString("SELECT store_head FROM export_watermark WHERE id = 1") }
    }
}

enum Tamper {
    /// Runs `sql` on the database at `path` with the history triggers dropped, as someone with
    /// the sqlite3 shell would.
    /// `ignoringChecks`: with the schema's CHECK constraints off too, to store a value outside
    /// the vocabulary.
    static func run(_ path: String, _ sql: String, ignoringChecks: Bool = false) throws {
        let db = try Connection(path: path)
        if ignoringChecks { try db.execute("PRAGMA ignore_check_constraints = ON") }
        try db.execute("DROP TRIGGER IF EXISTS timeline_no_update; DROP TRIGGER IF EXISTS timeline_no_delete")
        try db.execute(sql)
    }

    /// Flips one byte of the file at `path` (`offset` from its start).
    static func flipByte(_ path: String, at offset: Int) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[offset] ^= 0x01
        try data.write(to: URL(fileURLWithPath: path))
    }
}

enum Hex {
    static func sha256(_ text: String) -> String { ExportFiles.sha256Hex(Data(text.utf8)) }

    static func sha256(file path: String) throws -> String {
        ExportFiles.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// Ed25519 keys for signed-export tests: made with openssl when it is installed (as a user
/// would), else with the library's own PEM writer.
enum TestKeys {
    static let openssl: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Writes a private key (mode 0600) at `privatePath` and its public key at `publicPath`.
    static func make(privatePath: String, publicPath: String) throws {
        if let openssl {
            #expect(try run(openssl, ["genpkey", "-algorithm", "ed25519", "-out", privatePath]) == 0)
            chmod(privatePath, 0o600)
            #expect(try run(openssl, ["pkey", "-in", privatePath, "-pubout", "-out", publicPath]) == 0)
        } else {
            let pem = ExportSigningKey.generatePEM()
            #expect(FileManager.default.createFile(atPath: privatePath, contents: Data(pem.utf8), attributes: [.posixPermissions: 0o600]))
            let key = try ExportSigningKey(contentsOf: privatePath)
            try Data(key.publicKeyPEM.utf8).write(to: URL(fileURLWithPath: publicPath))
        }
    }

    /// Runs a program, returning its exit status (output discarded).
    static func run(_ program: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
