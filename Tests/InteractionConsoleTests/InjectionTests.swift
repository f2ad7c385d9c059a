import Foundation
@testable import InteractionStore
import StoreTestSupport
import Testing
@testable import InteractionConsole

/// A transcript is untrusted input: markup in messages, ids and names renders as text on every page.
@Suite struct InjectionTests {
    private func assertInert(_ html: String, _ page: String) {
        #expect(!html.contains("<script>window"), "\(page): a script from a message reached the page")
        #expect(!html.contains("<img"), "\(page): an element from a message reached the page")
        #expect(!html.contains("<b>2</b>"), "\(page): markup in an id reached the page")
        #expect(PageProbe(html: html).policyViolations.isEmpty, "\(page): \(PageProbe(html: html).policyViolations)")
    }

    @Test func markupInMessagesAndIdsIsText() throws {
        try withTempDirectory(prefix: "console-injection") { dir in
            let store = try ConsoleStores.story(in: dir)
            let transcript = try TranscriptPage(data: TranscriptData.load(from: store, interaction: "c2"), view: .both).document()
            assertInert(transcript, "transcript")
            #expect(transcript.contains("&lt;script&gt;window.__injected = true; alert(1)&lt;/script&gt;"))
            #expect(transcript.contains("&quot;&gt;&lt;img src=x onerror=&quot;window.__injected=true&quot;&gt;"))
            #expect(transcript.contains("cust-&lt;b&gt;2&lt;/b&gt;"))

            let audit = AuditPage.document(try store.audit("c2"))
            assertInert(audit, "audit")
            #expect(audit.contains("&lt;script&gt;window.__injected"))

            let item = InteractionListRow(id: "c2", kind: .chat, parent: nil, contact: "cust-<b>2</b>", startedAt: 0, endedAt: nil,
                                           owner: "a2", agents: ["a2", #""><img onerror=x>"#])
            let list = InteractionsPage(items: [item], search: #""><img src=x>"#, olderLink: nil).document()
            assertInert(list, "interactions")

            let overview = OverviewPage.document(try OverviewData.load(from: store, range: try ConsoleRange(query: ["agent": "<img src=x>"]), now: ConsoleStores.at(1000)))
            assertInert(overview, "overview")
            #expect(overview.contains("value=\"&lt;img src=x&gt;\""))
            #expect(overview.contains("Escalated &lt;tier 2&gt;"))

            let errorPage = ErrorPage.document(status: 404, title: "Not found", detail: "unknown interaction <script>x</script>")
            #expect(errorPage.contains("unknown interaction &lt;script&gt;x&lt;/script&gt;"))
        }
    }

    @Test func theEscapingFunctionCoversEveryMarkupCharacter() {
        let hostile: HTML = "<p title=\"\(#"a"b'c<d>&"#)\">\("<script>")</p>"
        #expect(hostile.markup == "<p title=\"a&quot;b&#39;c&lt;d&gt;&amp;\">&lt;script&gt;</p>")
    }
}
