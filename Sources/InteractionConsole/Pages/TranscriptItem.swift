import InteractionStore
import InteractionModel

/// One line of a rendered transcript: a timeline entry, or a request being made or answered.
enum TranscriptItem: Sendable {
    /// A stored timeline entry.
    case entry(TimelineEntry)
    /// A request made (at its `requestedAt`).
    case requested(RequestRecord)
    /// A request accepted or released (at its `answeredAt`).
    case answered(RequestRecord)

    /// When it happened.
    var time: Int64 {
        switch self {
        case .entry(let entry): return entry.time
        case .requested(let record): return record.request.requestedAt
        case .answered(let record): return record.answeredAt ?? record.request.requestedAt
        }
    }
}

/// Merging requests into the timeline and drawing each line.
enum TranscriptItems {
    /// The entries with the requests' moments in time order. At equal times a request comes
    /// before the entries (an accept comes before the join it causes); entries keep their order.
    static func merge(entries: [TimelineEntry], requests: [RequestRecord], in interaction: String) -> [TranscriptItem] {
        var items: [(time: Int64, rank: Int, index: Int, item: TranscriptItem)] = []
        for (index, entry) in entries.enumerated() { items.append((entry.time, 1, index, .entry(entry))) }
        for (index, record) in requests.enumerated() {
            items.append((record.request.requestedAt, 0, 2 * index, .requested(record)))
            if record.answeredAt != nil { items.append((record.answeredAt ?? 0, 0, 2 * index + 1, .answered(record))) }
        }
        return items.sorted { ($0.time, $0.rank, $0.index) < ($1.time, $1.rank, $1.index) }.map(\.item)
    }

    /// One `<li>`.
    static func render(_ item: TranscriptItem, parties: [PartyConnection]) -> HTML {
        switch item {
        case .entry(let entry): return render(entry, parties: parties)
        case .requested(let record): return requested(record)
        case .answered(let record): return answered(record)
        }
    }

    private static func render(_ entry: TimelineEntry, parties: [PartyConnection]) -> HTML {
        let meta: HTML = "\(ConsoleFormat.timeElement(entry.time)) · #\(entry.seq) · <strong class=\"mono\">\(entry.party)</strong>"
        switch entry.kind {
        case .message:
            let note = entry.visibility == .agents
            let badge: HTML = note ? " <span class=\"badge note\">internal note: agents only</span>" : ""
            return """
                <li class="\(note ? "message note" : "message")" data-seq="\(entry.seq)"><div class="meta">\(meta)\(badge)</div>\
                <p class="text">\(entry.text ?? "")</p></li>
                """
        case .joined:
            let role = parties.first { $0.party.utf8.elementsEqual(entry.party.utf8) && $0.joinedAt == entry.time }?.role
            let how: HTML = role.map { " as \($0 == "contact" ? "the contact" : $0)" } ?? ""
            return "<li class=\"event\" data-seq=\"\(entry.seq)\"><div class=\"meta\">\(meta) joined\(how)</div></li>"
        case .left:
            return "<li class=\"event\" data-seq=\"\(entry.seq)\"><div class=\"meta\">\(meta) left (\(entry.reason ?? "ended"))</div></li>"
        case .removed:
            return "<li class=\"event\" data-seq=\"\(entry.seq)\"><div class=\"meta\">\(meta) was removed from the conference by <strong class=\"mono\">\(entry.by ?? "?")</strong></div></li>"
        case .ownership:
            let why: HTML = entry.reason == "automatic" ? "automatically, as the owner left" : entry.reason == "transfer" ? "by transfer" : "\(entry.reason ?? "")"
            return "<li class=\"event\" data-seq=\"\(entry.seq)\"><div class=\"meta\">\(meta) became the owner (\(why))</div></li>"
        }
    }

    private static func what(_ request: RequestState) -> HTML {
        switch request.kind {
        case .conference:
            let link: HTML = request.consultation.map { id -> HTML in "<a class=\"mono\" href=\"\(ConsoleURL.transcript(id))\">\(id)</a>" } ?? .empty
            let mode: HTML = request.mode == .consultation ? " from consultation \(link)" : " (instant)"
            return "a conference\(mode)"
        case .transfer: return "a transfer"
        case .consultation:
            return "a consultation <a class=\"mono\" href=\"\(ConsoleURL.transcript(request.interaction))\">\(request.interaction)</a>"
        }
    }

    private static func target(_ target: Target) -> HTML {
        "\(target.kind == .routingPoint ? "routing point" : target.kind.rawValue) <strong class=\"mono\">\(target.id)</strong>"
    }

    private static func requested(_ record: RequestRecord) -> HTML {
        let request = record.request
        return """
            <li class="request" data-request="\(request.id)"><div class="meta">\(ConsoleFormat.timeElement(request.requestedAt)) · request \
            <span class="mono">\(request.id)</span></div><strong class="mono">\(request.from)</strong> requested \(what(request)) with \
            \(target(request.target))</li>
            """
    }

    private static func answered(_ record: RequestRecord) -> HTML {
        let request = record.request
        let wait = ConsoleFormat.duration((record.answeredAt ?? request.requestedAt) - request.requestedAt)
        let outcome: HTML = record.outcome == .accepted
            ? "accepted by <strong class=\"mono\">\(record.acceptedBy ?? "?")</strong> after \(wait)"
            : "released: \(record.outcome.rawValue) after \(wait)"
        return """
            <li class="request" data-request="\(request.id)"><div class="meta">\(ConsoleFormat.timeElement(record.answeredAt)) · request \
            <span class="mono">\(request.id)</span></div>\(request.kind.rawValue) request \(outcome)</li>
            """
    }
}
