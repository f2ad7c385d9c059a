import Foundation
import InteractionStore
import StoreTestSupport
import Testing
@testable import InteractionConsole
@testable import StoreSQLite

@Suite struct AuditPageTests {
    @Test func aVerifiedChainWithEveryRequestAndDispositionChange() throws {
        try withTempDirectory(prefix: "console-audit") { dir in
            let store = try ConsoleStores.story(in: dir)
            let record = try store.audit("c1")
            let html = AuditPage.document(record)
            #expect(html.contains("data-chain=\"verified\">Chain verified: \(record.timeline.count) entries"))
            #expect(html.contains("<code>\(try #require(record.chain.head))</code>"))
            for request in ["q1", "q2", "q3", "k1"] {
                #expect(html.contains("<td data-key=\"request\">\(request)</td>"), "request \(request) listed")
            }
            #expect(html.contains("<td data-key=\"code\">RESOLVED</td>") && html.contains("<td data-key=\"code\">ESC</td>"))
            #expect(html.contains("<td data-key=\"interaction\"><a class=\"mono\" href=\"/interactions/c1-consult\">c1-consult</a></td>"))
            #expect(html.contains("<td data-key=\"outcome\">timeout</td>"))
            #expect(PageProbe(html: html).policyViolations.isEmpty)
        }
    }

    @Test func aRewrittenEntryIsNamedAsTheFirstBreak() throws {
        try withTempDirectory(prefix: "console-audit-broken") { dir in
            _ = try ConsoleStores.story(in: dir)
            let db = try Connection(path: dir.databasePath)
            try db.execute("DROP TRIGGER timeline_no_update")
            try db.execute("UPDATE timeline SET text = 'I never said that' WHERE interaction_id = 'c1' AND seq = 3")
            let store = try Store(path: dir.databasePath)
            let record = try store.audit("c1")
            let html = AuditPage.document(record)
            let first = try #require(record.chain.problems.first)
            #expect(first.contains("entry 3"))
            #expect(html.contains("data-chain=\"broken\">Chain broken. First problem: \(ConsoleEscaping.html(first))</div>"))
            let transcript = try TranscriptPage(data: TranscriptData.load(from: store, interaction: "c1"), view: .both).document()
            #expect(transcript.contains("<span class=\"badge bad\">chain broken</span>"))
        }
    }
}
