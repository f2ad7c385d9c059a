import InteractionStore
import InteractionModel

/// The interactions list (`/interactions`, SPEC section 7): newest first, a search by id,
/// contact or agent, each row linking to its transcript and audit.
package struct InteractionsPage: Sendable {
    /// The interactions to list, newest first.
    package let items: [InteractionListRow]
    /// The search text, if any.
    package let search: String?
    /// The link to the next (older) page, when there is one.
    package let olderLink: String?

    /// Creates the page.
    package init(items: [InteractionListRow], search: String?, olderLink: String?) {
        self.items = items
        self.search = search
        self.olderLink = olderLink
    }

    /// The complete document.
    package func document(showsLogout: Bool = false) -> String {
        PageLayout(title: "Interactions", section: .interactions, main: main, showsLogout: showsLogout).document()
    }

    var main: HTML {
        let rows = HTML.joined(items.map(row))
        let empty: HTML = items.isEmpty ? "<p class=\"muted\">No interaction matches.</p>" : .empty
        let older: HTML = olderLink.map { "<nav class=\"pages\"><a rel=\"next\" href=\"\($0)\">Older interactions →</a></nav>" } ?? .empty
        return """
            <h1>Interactions</h1>
            <form class="filters" method="get" action="/interactions">
            <label>Search by id, contact or agent<input type="search" name="q" value="\(search ?? "")" placeholder="chat id, contact or agent"></label>
            <button type="submit">Search</button> <a href="/interactions">All</a>
            </form>
            <table class="interactions">
            <tr><th>interaction</th><th>kind</th><th>contact</th><th>started</th><th>ended</th><th>owner</th><th>agents</th><th></th></tr>
            \(rows)
            </table>
            \(empty)\(older)
            """
    }

    private func row(_ item: InteractionListRow) -> HTML {
        let kind: HTML = item.parent.map { parent in
            "consultation of <a class=\"mono\" href=\"\(ConsoleURL.transcript(parent))\">\(parent)</a>"
        } ?? "\(item.kind.rawValue)"
        let ended: HTML = item.endedAt.map(ConsoleFormat.timeElement) ?? "<span class=\"badge\">open</span>"
        return """
            <tr data-interaction="\(item.id)" data-started="\(Timestamp.format(item.startedAt))"><td><a class="mono" href="\(ConsoleURL.transcript(item.id))">\(item.id)</a></td>\
            <td>\(kind)</td><td class="mono">\(item.contact ?? "—")</td><td>\(ConsoleFormat.timeElement(item.startedAt))</td><td>\(ended)</td>\
            <td class="mono">\(item.owner ?? "—")</td><td class="mono">\(item.agents.joined(separator: ", "))</td>\
            <td><a href="\(ConsoleURL.audit(item.id))">audit</a></td></tr>
            """
    }
}
