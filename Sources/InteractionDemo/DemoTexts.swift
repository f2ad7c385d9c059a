/// Every text of the simulation, parsed from the corpus once per generation.
struct DemoTexts {
    let topics: [DemoTopic]
    /// The pools of `DemoLine`, by `DemoLine.index` (empty for the topic's own lines).
    let lines: [[DemoTemplate]]
    let notes: [DemoTemplate]
    let disconnectNotes: [DemoTemplate]
    let consultReplies: [DemoTemplate]
    let consultDeclines: [DemoTemplate]
    let consultInviting: [DemoTemplate]
    let consultReady: [DemoTemplate]
    /// Contacts' names: some need escaping or are non-ASCII on purpose.
    let names: [(display: String, first: String, mailbox: String)]
    let domains: [String]
    let cards: [String]
    let routingPoints = ["rp.escalations", "rp.specialists"]

    init(corpus: DemoCorpus = .embedded) {
        func templates(_ pool: String) -> [DemoTemplate] { corpus.pool(pool).map(DemoTemplate.init) }
        topics = DemoTopic.catalog.map { DemoTopic(corpus: corpus, name: $0.name, queue: $0.queue, code: $0.code) }
        var lines = [[DemoTemplate]](repeating: [], count: DemoLine.allCases.count)
        for line in DemoLine.allCases {
            if let pool = line.pool { lines[line.index] = templates(pool) }
        }
        self.lines = lines
        notes = templates("notes")
        disconnectNotes = templates("disconnect-notes")
        consultReplies = templates("consult-replies")
        consultInviting = templates("consult-inviting")
        consultReady = templates("consult-ready")
        consultDeclines = templates("consult-declines")
        names = corpus.pool("names").map { entry in
            let fields = entry.split(separator: "|", omittingEmptySubsequences: false).map(Self.trimmed)
            // A malformed entry still yields a usable name (`DemoCorpusTests` keeps them well formed).
            let display = fields.first ?? entry
            return (display, fields.count > 1 ? fields[1] : display, fields.count > 2 ? fields[2] : "contact")
        }
        domains = corpus.pool("domains")
        cards = corpus.pool("cards")
    }

    private static func trimmed(_ text: Substring) -> String {
        var text = text
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    /// The pool of `line` for a chat on `topic`.
    func pool(_ line: DemoLine, topic: Int) -> [DemoTemplate] {
        switch line {
        case .issue: topics[topic].issues
        case .contactTopic: topics[topic].contactLines
        case .agentTopic: topics[topic].agentLines
        default: lines[line.index]
        }
    }
}
