import InteractionStore

/// A transcript (`/interactions/{id}`, SPEC section 7): the agent view and the contact view
/// side by side or one of them (`?as=agent|contact`, switched in place by the script), internal
/// notes marked, joins, leaves, ownership changes and requests in line, consultations linked
/// both ways, dispositions listed, and live updates while the interaction is open.
package struct TranscriptPage: Sendable {
    /// The records to show.
    package let data: TranscriptData
    /// The views shown first.
    package let view: TranscriptView

    /// Creates the page.
    /// - Throws: `ConsoleQueryError` when the contact view of a consultation is asked for.
    package init(data: TranscriptData, view: TranscriptView) throws(ConsoleQueryError) {
        if view == .contact, data.contactView == nil { throw .contactViewOfConsultation(data.audit.interaction.id) }
        self.data = data
        self.view = view
    }

    /// The complete document.
    package func document(showsLogout: Bool = false) -> String {
        PageLayout(title: "Transcript \(data.audit.interaction.id)", section: .interactions, main: main, showsLogout: showsLogout).document()
    }

    private var interaction: InteractionRecord { data.audit.interaction }

    var main: HTML {
        let id = interaction.id
        let live = interaction.status == "active"
        let lastSeq = data.audit.timeline.last?.seq ?? 0
        let stream: HTML = live ? " data-stream=\"\(ConsoleURL.stream(id))\" data-last-seq=\"\(lastSeq)\"" : ""
        let liveNote: HTML = live ? "<p class=\"live\">Open: reload, or enable JavaScript for live updates.</p>" : .empty
        return """
            <h1>\(interaction.kind == .chat ? "Chat" : "Consultation") <span class="mono">\(id)</span></h1>
            \(header)
            \(switcher)
            \(liveNote)
            <div class="transcripts"\(stream)>
            \(agentSection)
            \(contactSection)
            </div>
            \(dispositions)
            """
    }

    private var header: HTML {
        let chain = data.audit.chain
        let verdict: HTML = chain.problems.isEmpty
            ? "<span class=\"badge good\">chain verified</span>"
            : "<span class=\"badge bad\">chain broken</span>"
        let parent: HTML = interaction.parent.map { "<div><dt>Consultation of</dt><dd><a class=\"mono\" href=\"\(ConsoleURL.transcript($0))\">\($0)</a></dd></div>" } ?? .empty
        let contact: HTML = interaction.contact.map { id in
            "<div><dt>Contact</dt><dd class=\"mono\">\(id)\(interaction.contactName.map { " (\($0))" } ?? "")</dd></div>"
        } ?? .empty
        let consultations = data.audit.linked.filter { $0.relation == "consultation" }
        let consultationLinks: HTML = consultations.isEmpty ? .empty : """
            <div><dt>Consultations</dt><dd>\(HTML.joined(consultations.map { linked -> HTML in
                "<a class=\"mono\" href=\"\(ConsoleURL.transcript(linked.id))\">\(linked.id)</a>"
            }, separator: ", "))</dd></div>
            """
        return """
            <dl class="facts">
            <div><dt>Status</dt><dd>\(interaction.status)</dd></div>
            <div><dt>Started</dt><dd>\(ConsoleFormat.timeElement(interaction.startedAt))</dd></div>
            <div><dt>Ended</dt><dd>\(ConsoleFormat.timeElement(interaction.endedAt))</dd></div>
            <div><dt>Owner</dt><dd class="mono">\(interaction.owner ?? "—")</dd></div>
            \(contact)\(parent)\(consultationLinks)
            <div><dt>History</dt><dd>\(verdict) <a href="\(ConsoleURL.audit(interaction.id))">audit</a></dd></div>
            </dl>
            """
    }

    private var switcher: HTML {
        guard data.contactView != nil else { return "<p class=\"muted\">A consultation is between agents: the contact never sees it.</p>" }
        let id = interaction.id
        let choices: [(TranscriptView, String, String)] = [
            (.both, ConsoleURL.transcript(id), "Side by side"),
            (.agent, ConsoleURL.transcript(id, as: "agent"), "As the agents saw it"),
            (.contact, ConsoleURL.transcript(id, as: "contact"), "As the contact saw it"),
        ]
        return "<nav class=\"views\">\(HTML.joined(choices.map { choice, url, label in choice == view ? "<a class=\"active\" aria-current=\"page\" data-view=\"\(choice.rawValue)\" href=\"\(url)\">\(label)</a>" : "<a data-view=\"\(choice.rawValue)\" href=\"\(url)\">\(label)</a>" }))</nav>"
    }

    private var agentSection: HTML {
        let hidden: HTML = view == .contact ? " hidden" : ""
        let items = TranscriptItems.merge(entries: data.audit.timeline, requests: data.requests, in: interaction.id)
        return """
            <section data-audience="agent"\(hidden)><h2>As the agents saw it</h2>
            <ol class="timeline">\(HTML.joined(items.map { TranscriptItems.render($0, parties: data.parties) }))</ol></section>
            """
    }

    private var contactSection: HTML {
        guard let contactView = data.contactView else { return .empty }
        let hidden: HTML = view == .agent ? " hidden" : ""
        let items = contactView.map(TranscriptItem.entry)
        return """
            <section data-audience="contact"\(hidden)><h2>As the contact saw it</h2>
            <ol class="timeline">\(HTML.joined(items.map { TranscriptItems.render($0, parties: data.parties) }))</ol></section>
            """
    }

    private var dispositions: HTML {
        let changes = data.audit.dispositions
        // The last change per agent is the one that stands (SPEC section 1, step 8).
        var standing: [String: Int] = [:]
        for (index, change) in changes.enumerated() { standing[change.agent] = index }
        let rows = HTML.joined(changes.enumerated().map { index, change in
            let mark: HTML = standing[change.agent] == index ? " <span class=\"badge\">stands</span>" : ""
            return """
                <tr><td>\(TabularView.value(.time(change.time), column: "time"))</td>\
                <td class="mono">\(TabularView.value(.text(change.agent), column: "agent"))</td>\
                <td class="mono">\(TabularView.value(.text(change.code), column: "code"))</td>\
                <td>\(TabularView.value(.text(change.label), column: "label"))\(mark)</td></tr>
                """
        })
        let body: HTML = changes.isEmpty ? "<p class=\"muted\">No disposition set.</p>"
            : "<table data-section=\"dispositions\"><tr><th>time</th><th>agent</th><th>code</th><th>label</th></tr>\(rows)</table>"
        return "<h2>Dispositions</h2>\(body)"
    }
}
