import Foundation
import InteractionStore
import StoreTestSupport
import Testing
@testable import InteractionConsole

@Suite struct TranscriptPageTests {
    private func page(_ store: Store, _ id: String, _ view: TranscriptView = .both) throws -> String {
        try TranscriptPage(data: TranscriptData.load(from: store, interaction: id), view: view).document()
    }

    /// The section of `html` for one audience.
    private func section(_ html: String, _ audience: String) -> String {
        guard let start = html.range(of: "<section data-audience=\"\(audience)\"") else { return "" }
        let rest = html[start.lowerBound...]
        guard let end = rest.range(of: "</section>") else { return String(rest) }
        return String(rest[..<end.upperBound])
    }

    @Test func agentAndContactViewsSideBySideWithNotesMarked() throws {
        try withTempDirectory(prefix: "console-transcript") { dir in
            let store = try ConsoleStores.story(in: dir)
            let html = try page(store, "c1")
            let agent = section(html, "agent")
            let contact = section(html, "contact")
            #expect(agent.contains("internal: VIP customer") && agent.contains("internal note: agents only"))
            #expect(!contact.contains("internal: VIP customer"), "the contact never saw the note")
            #expect(contact.contains("hello, my order is late") && contact.contains("all sorted"))
            #expect(!agent.contains(" hidden") && !contact.contains(" hidden"), "both views shown by default")
            // Requests are in line in the agent view only.
            #expect(agent.contains("requested a conference (instant) with agent <strong class=\"mono\">a2</strong>"))
            #expect(agent.contains("conference request accepted by <strong class=\"mono\">a2</strong> after 10 s"))
            #expect(agent.contains("released: timeout after 10 s") && agent.contains("queue <strong class=\"mono\">billing</strong>"))
            #expect(!contact.contains("data-request"))
            // Removal with the remover, ownership change, leave reasons.
            #expect(agent.contains("<strong class=\"mono\">a2</strong> was removed from the conference by <strong class=\"mono\">a1</strong>"))
            #expect(agent.contains("<strong class=\"mono\">a3</strong> became the owner (automatically, as the owner left)"))
            #expect(agent.contains("left (ended)") && agent.contains("left (chat_ended)"))
            #expect(agent.contains("joined as conference") && agent.contains("joined as the contact"))
            // Dispositions, the last one per agent standing.
            #expect(html.contains("Escalated &lt;tier 2&gt; <span class=\"badge\">stands</span>"))
            #expect(html.contains("<td>Resolved</td>"))
            // Ended: no live stream.
            #expect(!html.contains("data-stream"))
            #expect(html.contains("chain verified"))
            #expect(PageProbe(html: html).policyViolations.isEmpty)
        }
    }

    @Test func consultationsAreLinkedBothWays() throws {
        try withTempDirectory(prefix: "console-consultation") { dir in
            let store = try ConsoleStores.story(in: dir)
            let chat = try page(store, "c1")
            #expect(chat.contains("<dt>Consultations</dt><dd><a class=\"mono\" href=\"/interactions/c1-consult\">c1-consult</a>"))
            #expect(chat.contains("requested a consultation <a class=\"mono\" href=\"/interactions/c1-consult\">c1-consult</a>"))
            #expect(chat.contains("a conference from consultation <a class=\"mono\" href=\"/interactions/c1-consult\">"))
            let consultation = try page(store, "c1-consult")
            #expect(consultation.contains("<dt>Consultation of</dt><dd><a class=\"mono\" href=\"/interactions/c1\">c1</a>"))
            #expect(consultation.contains("can you join?") && consultation.contains("left (conferenced)"))
            #expect(!consultation.contains("data-audience=\"contact\""), "the contact never sees a consultation")
            #expect(!consultation.contains("chat c1's own message") && !consultation.contains("hello, my order is late"))
            #expect(!chat.contains("can you join?"), "consultation content never appears in the parent's transcript")
        }
    }

    @Test func oneViewAtATimeWithAs() throws {
        try withTempDirectory(prefix: "console-as") { dir in
            let store = try ConsoleStores.story(in: dir)
            let contactOnly = try page(store, "c1", .contact)
            #expect(section(contactOnly, "agent").contains("<section data-audience=\"agent\" hidden>"))
            #expect(!section(contactOnly, "contact").contains(" hidden>"))
            #expect(contactOnly.contains("<a class=\"active\" aria-current=\"page\" data-view=\"contact\" href=\"/interactions/c1?as=contact\">"))
            #expect(try TranscriptView(query: ["as": "agent"]) == .agent)
            #expect(try TranscriptView(query: [:]) == .both)
            #expect(throws: ConsoleQueryError.invalidValue(field: "as", value: "boss", allowed: ["both", "agent", "contact"])) {
                try TranscriptView(query: ["as": "boss"])
            }
            let consultation = try TranscriptData.load(from: store, interaction: "c1-consult")
            #expect(throws: ConsoleQueryError.contactViewOfConsultation("c1-consult")) {
                try TranscriptPage(data: consultation, view: .contact)
            }
        }
    }

    @Test func anOpenChatStreamsLiveFromItsLastEntry() throws {
        try withTempDirectory(prefix: "console-live") { dir in
            let store = try ConsoleStores.story(in: dir)
            let html = try page(store, "c2")
            let last = try #require(store.transcript(of: "c2").last).seq
            #expect(html.contains("data-stream=\"/v1/interactions/c2/stream\" data-last-seq=\"\(last)\""))
            #expect(html.contains("<script src=\"/assets/console.js\" defer></script>"))
        }
    }

    @Test func anUnknownInteractionIsTheStoresError() throws {
        try withTempDirectory(prefix: "console-unknown") { dir in
            let store = try ConsoleStores.story(in: dir)
            #expect(throws: StoreError.self) { try TranscriptData.load(from: store, interaction: "nope") }
        }
    }

    @Test func idsWithAnyCharacterArePercentEncodedInLinks() {
        #expect(ConsoleURL.transcript("a b/c?d#e&ü") == "/interactions/a%20b%2Fc%3Fd%23e%26%C3%BC")
        #expect(ConsoleURL.audit("x\"y") == "/interactions/x%22y/audit")
        #expect(ConsoleURL.with("/", [("agent", "a=b"), ("from", nil)]) == "/?agent=a%3Db")
    }
}
