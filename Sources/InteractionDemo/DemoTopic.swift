/// One kind of customer problem: what the customer says, what agents answer, where
/// escalations go and which disposition fits.
struct DemoTopic {
    let issues: [DemoTemplate]
    let contactLines: [DemoTemplate]
    let agentLines: [DemoTemplate]
    let consultAsk: [DemoTemplate]
    let queue: String
    /// An index into `DemoDisposition.catalog`.
    let code: Int

    /// The topics in the order chats pick them: (corpus name, queue, disposition).
    static let catalog: [(name: String, queue: String, code: Int)] = [
        ("billing", "queue.billing", DemoDisposition.billing),
        ("tech-support", "queue.tech-support", DemoDisposition.resolved),
        ("orders", "queue.orders", DemoDisposition.resolved),
        ("accounts", "queue.accounts", DemoDisposition.followUp),
    ]

    /// The topic `name` of `corpus`: its pools `NAME.issue`, `.contact`, `.agent`, `.consult`.
    init(corpus: DemoCorpus, name: String, queue: String, code: Int) {
        func templates(_ pool: String) -> [DemoTemplate] { corpus.pool(name + "." + pool).map(DemoTemplate.init) }
        issues = templates("issue")
        contactLines = templates("contact")
        agentLines = templates("agent")
        consultAsk = templates("consult")
        self.queue = queue
        self.code = code
    }
}
