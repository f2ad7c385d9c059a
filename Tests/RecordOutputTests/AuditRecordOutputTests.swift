import Foundation
import Testing
@testable import InteractionStore
@testable import InteractionModel
@testable import RecordOutput
import StoreTestSupport

/// The audit's three renderings (JSON, CSV, table), which the CLI and the service print byte for byte.
@Suite struct AuditRecordOutputTests {
    private static let log = [
        #"{"id":"e1","type":"agent.state","at":"2026-03-02T10:00:00.000Z","agent":"a1","state":"ready"}"#,
        #"{"id":"e2","type":"chat.started","at":"2026-03-02T10:10:00.000Z","interaction":"c1","contact":{"id":"k1"}}"#,
        #"{"id":"e3","type":"party.joined","at":"2026-03-02T10:10:03.000Z","interaction":"c1","party":{"kind":"agent","id":"a1"},"role":"owner"}"#,
        #"{"id":"e4","type":"message","at":"2026-03-02T10:10:30.000Z","interaction":"c1","party":"k1","text":"a \"quoted\", text"}"#,
    ].joined(separator: "\n") + "\n"

    private func audit(_ dir: TempDirectory) throws -> AuditRecord {
        let store = try Store(path: dir.databasePath)
        _ = try store.importEvents(bytes: Array(Self.log.utf8))
        return try store.audit("c1")
    }

    @Test func theJSONIsOneObjectOfSectionsAndTheChain() throws {
        try withTempDirectory(prefix: "audit-output") { dir in
            let record = try audit(dir)
            let json = record.json()
            #expect(json.hasSuffix("}\n"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["interaction", "timeline", "requests", "dispositions", "linked", "chain"])
            let chain = try #require(object["chain"] as? [String: Any])
            #expect(chain["verified"] as? Bool == true)
            #expect(chain["entries"] as? Int == 3)
            #expect(chain["head"] as? String == record.chain.head)
            let timeline = try #require(object["timeline"] as? [[String: Any]])
            #expect(timeline.last?["text"] as? String == "a \"quoted\", text")
        }
    }

    @Test func theCSVHasANamedBlockPerSection() throws {
        try withTempDirectory(prefix: "audit-output") { dir in
            let csv = try audit(dir).csv()
            let names = csv.components(separatedBy: "\r\n").filter { $0.hasPrefix("# ") }
            #expect(names == ["# interaction", "# timeline", "# requests", "# dispositions", "# linked", "# chain"])
            #expect(csv.contains(#""a ""quoted"", text""#), "RFC 4180 quoting of the message")
        }
    }

    @Test func theTableEndsWithTheVerdict() throws {
        try withTempDirectory(prefix: "audit-output") { dir in
            let record = try audit(dir)
            #expect(record.verified)
            #expect(record.table().hasSuffix("chain verified, 3 entries, head \(record.chain.head ?? "none")\n"))
            #expect(record.table().hasPrefix("== interaction ==\n"))
        }
    }
}
