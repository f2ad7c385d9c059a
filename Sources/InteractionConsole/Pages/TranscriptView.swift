/// Which views of a transcript the page shows: both side by side (the default), or one.
package enum TranscriptView: String, Sendable, CaseIterable {
    /// Agent view and contact view side by side.
    case both
    /// Everything, internal notes and requests included.
    case agent
    /// What the contact saw: no notes, no requests.
    case contact

    /// Reads `as` from a page's query: absent means both.
    /// - Throws: `ConsoleQueryError.invalidValue` for anything but `agent`, `contact` or `both`.
    package init(query: [String: String]) throws(ConsoleQueryError) {
        guard let text = query["as"], !text.isEmpty else {
            self = .both
            return
        }
        guard let view = TranscriptView(rawValue: text) else {
            throw .invalidValue(field: "as", value: text, allowed: TranscriptView.allCases.map(\.rawValue))
        }
        self = view
    }
}
