import InteractionStore
import RecordOutput

/// The audit of one interaction (`/interactions/{id}/audit`, SPEC section 7): the hash-chain
/// verification (verified, or the first entry that breaks it and every problem found), every
/// request, every disposition change, the linked interactions and the stored timeline.
package struct AuditPage: Sendable {
    /// The audit record, as `storectl audit` prints it.
    let record: AuditRecord

    /// The complete document of `record`.
    package static func document(_ record: AuditRecord, showsLogout: Bool = false) -> String {
        PageLayout(title: "Audit \(record.interaction.id)", section: .interactions, main: Self(record: record).main, showsLogout: showsLogout).document()
    }

    var main: HTML {
        let id = record.interaction.id
        return """
            <h1>Audit of <span class="mono">\(id)</span></h1>
            <p><a href="\(ConsoleURL.transcript(id))">Transcript</a> · <a href="/v1/interactions/\(ConsoleURL.component(id))/audit">JSON</a></p>
            \(verdict)
            <h2>Requests</h2>
            \(TabularView.table(record.requestsTable, section: "requests"))
            <h2>Disposition changes</h2>
            \(TabularView.table(record.dispositionsTable, section: "dispositions"))
            <h2>Linked interactions</h2>
            \(TabularView.table(record.linkedTable, section: "linked"))
            <h2>Stored timeline</h2>
            \(timeline)
            """
    }

    private var verdict: HTML {
        let chain = record.chain
        guard let first = chain.problems.first else {
            let head: HTML = chain.head.map { "; head <code>\($0)</code>" } ?? ""
            return """
                <div class="verdict good" data-chain="verified">Chain verified: \(ConsoleFormat.count(chain.entries)) entries, \
                each hash links its predecessor and its content\(head).</div>
                """
        }
        let all = HTML.joined(chain.problems.map { "<li>\($0)</li>" })
        return """
            <div class="verdict bad" data-chain="broken">Chain broken. First problem: \(first)</div>
            <details open><summary>Every problem (\(chain.problems.count))</summary><ul>\(all)</ul></details>
            """
    }

    private var timeline: HTML {
        let rows = HTML.joined(record.timeline.map { entry in
            """
            <tr><td>\(entry.seq)</td><td>\(ConsoleFormat.timeElement(entry.time))</td><td>\(entry.kind.rawValue)</td>\
            <td class="mono">\(entry.party)</td><td class="text">\(entry.text ?? "")</td><td>\(entry.visibility.rawValue)</td>\
            <td>\(entry.reason ?? "")</td><td class="mono">\(entry.by ?? "")</td></tr>
            """
        })
        return "<table data-section=\"timeline\"><tr><th>seq</th><th>time</th><th>kind</th><th>party</th><th>text</th><th>visibility</th><th>reason</th><th>by</th></tr>\(rows)</table>"
    }
}
