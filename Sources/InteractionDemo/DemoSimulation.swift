import InteractionModel

/// A small contact-center simulation whose output is a valid event log (SPEC section 2).
///
/// Everything is deterministic in (chats, seed): one random source, an agenda ordered by
/// (time, insertion number), and no dictionary is ever iterated, so the same arguments give
/// the same events in every process. Each `step` runs one scheduled task and leaves the
/// events it produced in `out`; `DemoGenerator.Iterator` drains them. The scheduling and the
/// rules of the floor are spread over `DemoSimulation+*.swift` by concern.
final class DemoSimulation {
    /// Events produced by the last step, drained by `DemoGenerator.Iterator`.
    var out: [Event] = []

    let targetChats: Int
    let prefix: String
    var rng: DemoRandom
    var queue = DemoQueue()
    let texts = DemoTexts()
    /// The simulation's clock: the time of the task being run, epoch milliseconds.
    var now: Int64 = 0
    let arrivalMeanMs: Int

    var eventCount = 0
    var chatCount = 0
    var consultCount = 0
    var requestCount = 0
    var contactCount = 0

    var agents: [DemoAgent] = []
    /// Ready agents, longest idle first (that is how chats are routed).
    var free: [Int] = []
    var waiting: [DemoChat] = []
    var waitingHead = 0

    init(chats: Int, seed: UInt64) {
        targetChats = chats
        prefix = "d\(seed)-"
        rng = DemoRandom(seed: seed)
        // Enough agents for conferences to find a free colleague, scaled with the volume
        // so that big logs span weeks rather than years; two-digit ids up to 99 agents.
        let agentCount = min(99, max(6, (chats + 39) / 40))
        agents = (1...agentCount).map { DemoAgent(id: "d\(seed)-agent-" + DemoFormat.padded($0, width: 2)) }
        // An agent handles about one chat per 17 minutes (chat plus wrap-up). Aiming at ~60%
        // load leaves colleagues free for most conference and transfer requests.
        arrivalMeanMs = Int(17 * DemoDay.minute) * 100 / (agentCount * 60)
    }

    /// Emits the disposition catalog and schedules the first day.
    func start() {
        now = DemoDay.start(0) + DemoDay.loginAt
        for entry in DemoDisposition.catalog {
            emit(.dispositionDefined(code: entry.code, label: entry.label))
        }
        // With no chats there is nothing to simulate: the catalog alone is a valid log.
        guard targetChats > 0 else { return }
        queue.push(now, .daySetup(day: 0))
    }

    /// Runs the next scheduled task; false when the simulation is over.
    func step() -> Bool {
        guard let (time, task) = queue.pop() else { return false }
        now = time
        switch task {
        case .daySetup(let day): setUpDay(day)
        case .arrival(let day): arrive(day)
        case .bell(let reason, let modulus, let remainder): ringBell(reason, modulus, remainder)
        case .shiftEnd(let day): endShift(day)
        case .chatJoin(let chat, let agent): ownerJoins(chat, agent)
        case .chat(let chat): runPlan(chat)
        case .agent(let index, let token, let step):
            if agents[index].token == token { runAgent(index, step) }
        }
        return true
    }

    /// Emits one event at the clock's time, with the next id of the log (`d<seed>-e0000001`).
    func emit(_ body: Event.Body) {
        eventCount += 1
        out.append(Event(id: prefix + "e" + DemoFormat.padded(eventCount, width: 7), at: now, body: body))
    }

    // MARK: Scheduling helpers

    func schedule(after delay: Int, _ task: DemoTask) {
        queue.push(now + Int64(delay), task)
    }

    func scheduleAgent(_ agent: Int, after delay: Int, _ step: DemoAgent.Step) {
        agents[agent].token += 1
        schedule(after: delay, .agent(agent, token: agents[agent].token, step))
    }
}
