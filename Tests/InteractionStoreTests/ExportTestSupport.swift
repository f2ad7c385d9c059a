import Crypto
import Foundation
import Testing
@testable import InteractionStore
@testable import InteractionModel
@testable import EventLog

/// Builds valid event logs (SPEC section 2) for the export, backup and purge tests: one clock
/// that only moves forward, so every event is in order for everything it belongs to.
struct ExportTestLog {
    private(set) var lines: [String] = []
    /// The next event's time, milliseconds since the epoch.
    var clock: Int64
    private let prefix: String
    private var counter = 0

    init(prefix: String, start: String = "2026-03-02T08:00:00.000Z") {
        self.prefix = prefix
        self.clock = Timestamp.parse(start)!
    }

    /// Appends one event; `at` is the clock, which then moves on by `step` milliseconds.
    mutating func event(_ type: String, _ fields: [String: Any], step: Int64 = 1_000) {
        counter += 1
        var object = fields
        object["id"] = "\(prefix)-\(counter)"
        object["type"] = type
        object["at"] = Timestamp.format(clock)
        clock += step
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        lines.append(String(decoding: data, as: UTF8.self))
    }

    /// Takes the lines written so far (the next batch), leaving the clock where it is.
    mutating func takeBatch() -> [String] {
        defer { lines = [] }
        return lines
    }

    mutating func defineCode(_ code: String, _ label: String) {
        event("disposition.defined", ["code": code, "label": label])
    }

    mutating func agentState(_ agent: String, _ state: String) {
        event("agent.state", ["agent": agent, "state": state])
    }

    /// A chat from `contact` accepted by `agent`, with `messages` alternating between them.
    mutating func startChat(_ id: String, contact: String, name: String? = nil, agent: String, messages: [String] = []) {
        var contactObject: [String: Any] = ["id": contact]
        if let name { contactObject["name"] = name }
        event("chat.started", ["interaction": id, "contact": contactObject])
        event("party.joined", ["interaction": id, "party": ["kind": "agent", "id": agent], "role": "owner"])
        for (index, text) in messages.enumerated() {
            message(id, party: index % 2 == 0 ? contact : agent, text)
        }
    }

    mutating func message(_ interaction: String, party: String, _ text: String) {
        event("message", ["interaction": interaction, "party": party, "text": text])
    }

    /// A consultation of `chat` from `from` to `to`, accepted, a message each, then ended.
    mutating func consultation(_ id: String, of chat: String, from: String, to: String) {
        let request = "\(id)-req"
        event("consultation.requested", ["interaction": id, "parent": chat, "request": request, "from": from,
                                         "target": ["kind": "agent", "id": to]])
        event("consultation.accepted", ["request": request, "agent": to])
        message(id, party: from, "Can you check the invoice?")
        message(id, party: to, "Yes, done.")
        event("chat.ended", ["interaction": id])
    }

    /// A chat whose values need escaping everywhere (`messages`, a contact id and name with
    /// commas and quotes), a consultation, a disposition, the end, and a `not_ready` reason.
    mutating func awkwardChat(messages: [String], notReadyReason: String) {
        startChat("chat-1", contact: "cust, \"one\"", name: "Reyes, Dana \"D\"", agent: "agent.kim", messages: messages)
        consultation("cons-1", of: "chat-1", from: "agent.kim", to: "agent.omar")
        disposition("chat-1", agent: "agent.kim", code: "RESOLVED")
        endChat("chat-1")
        event("agent.state", ["agent": "agent.kim", "state": "not_ready", "reason": notReadyReason])
    }

    mutating func disposition(_ interaction: String, agent: String, code: String) {
        event("disposition.set", ["interaction": interaction, "agent": agent, "code": code])
    }

    mutating func endChat(_ id: String) {
        event("chat.ended", ["interaction": id])
    }

    /// A whole chat: started, messages, a disposition, ended.
    mutating func completeChat(_ id: String, agent: String, messages: Int = 3, code: String = "RESOLVED") {
        startChat(id, contact: "cust-\(id)", name: "Contact \(id)", agent: agent,
                  messages: (0..<messages).map { "message \($0) of \(id)" })
        disposition(id, agent: agent, code: code)
        endChat(id)
    }
}

enum ExportTestError: Error { case injected }

extension Store {
    /// Applies NDJSON lines as one batch.
    func applyLines(_ lines: [String]) throws {
        _ = try apply(lines.map { line in try EventDecoder.decode(line) })
    }

    /// The export watermark.
    func exportWatermark() throws -> Int64 {
        try read { db in try db.scalarInt("SELECT seq FROM export_watermark WHERE id = 1") ?? -1 }
    }

    /// `SELECT count(*) FROM table`.
    func rowCount(_ table: String) throws -> Int64 {
        try read { db in try db.scalarInt("SELECT count(*) FROM \(table)") ?? -1 }
    }
}

/// Reading back what an export wrote.
enum ExportFiles {
    static let entities = ["interactions", "parties", "timeline", "requests", "disposition_changes", "agent_states"]
    /// Every file a run lists: the six entities, then chains.ndjson (SPEC section 4, "Anchored history").
    static let listed = entities + ["chains"]

    /// The lines (rows) of an NDJSON file, without line ends.
    static func ndjsonLines(_ directory: String, _ entity: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("\(entity).ndjson"))
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        #expect(lines.last == "", "an NDJSON file ends with a newline")
        lines.removeLast()
        return lines
    }

    /// The manifest as parsed JSON.
    static func manifest(_ directory: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Checks every file the manifest lists: its SHA-256, size and row count.
    static func verifyManifest(_ directory: String, format: String = "ndjson") throws {
        let manifest = try manifest(directory)
        let files = try #require(manifest["files"] as? [[String: Any]])
        #expect(files.map { $0["entity"] as? String } == listed)
        for file in files {
            let name = try #require(file["name"] as? String)
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
            #expect(file["sha256"] as? String == sha256Hex(data), "sha256 of \(name)")
            #expect((file["bytes"] as? NSNumber)?.intValue == data.count, "bytes of \(name)")
            let lineCount = data.filter { $0 == 0x0A }.count
            if format == "ndjson" || name.hasSuffix(".ndjson") {
                #expect((file["rows"] as? NSNumber)?.intValue == lineCount, "rows of \(name)")
            }
        }
    }

    static func sha256Hex(_ data: Data) -> String {
        var hasher = Crypto.SHA256()
        hasher.update(data: data)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Names of the files in `directory`, sorted (hidden ones included).
    static func names(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// The permission bits of `path`.
    static func mode(_ path: String) -> mode_t {
        var status = stat()
        guard stat(path, &status) == 0 else { return 0 }
        return status.st_mode & 0o777
    }
}

/// A small RFC 4180 parser: records of fields, quoted fields may hold commas, quotes (doubled),
/// CR and LF; records end with CRLF (a lone LF is accepted too).
enum RFC4180 {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> [[String]] {
        let bytes = Array(text.utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        var atFieldStart = true
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            if atFieldStart && byte == UInt8(ascii: "\"") {
                index += 1
                while true {
                    guard index < bytes.count else { throw Malformed(description: "unterminated quoted field") }
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                        } else {
                            index += 1
                            break
                        }
                    } else {
                        field.append(bytes[index])
                        index += 1
                    }
                }
                guard index == bytes.count || bytes[index] == UInt8(ascii: ",") || bytes[index] == 0x0D || bytes[index] == 0x0A else {
                    throw Malformed(description: "text after a closing quote at byte \(index)")
                }
                atFieldStart = false
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
                atFieldStart = true
                index += 1
            case 0x0D where index + 1 < bytes.count && bytes[index + 1] == 0x0A, 0x0A:
                endField()
                records.append(record)
                record = []
                atFieldStart = true
                index += byte == 0x0D ? 2 : 1
            case UInt8(ascii: "\""):
                throw Malformed(description: "a quote inside an unquoted field at byte \(index)")
            default:
                field.append(byte)
                atFieldStart = false
                index += 1
            }
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}

/// A value shared with a thread, behind a lock.
final class LockedBox<Value>: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
