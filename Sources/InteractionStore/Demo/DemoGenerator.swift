import InteractionModel
// The demo event log: a small contact-center simulation whose output is a valid SPEC
// section 2 NDJSON log. Everything here is deterministic in (interactions, seed): one
// PRNG, a priority queue ordered by (time, insertion number), and no dictionary is ever
// iterated, so the same arguments give byte-identical output in every process.

/// Generates a realistic, reproducible event log (SPEC section 2 NDJSON) that exercises every workflow of SPEC section 1.
///
/// The log simulates a contact center: agents log in each morning, chats arrive through
/// the day and are routed to the longest-idle ready agent, agents conference, consult and
/// transfer, set dispositions during after-call work, take breaks and lunch, and log out
/// in the evening. A day holds as many chats as the agents can handle, so a large
/// `interactions` count spans several days.
///
/// Guarantees (so that `storectl demo` imports the log into an empty store with no
/// rejection):
/// - every line is one complete JSON object using only the keys SPEC section 2 documents;
/// - events come in globally non-decreasing `at` order, so every ordering rule holds;
/// - the log starts with the `disposition.defined` events of every code it uses, with
///   labels that are the same for every seed (re-defining them is a no-op);
/// - every id but disposition codes and queue names contains `d<seed>-`, so logs of
///   different seeds can be imported into one store;
/// - every chat and consultation ends within the log, and every agent logs out.
///
/// Memory stays proportional to the number of agents plus open chats, whatever the size.
public struct DemoGenerator: Sendable {
    /// Number of chats in the log (consultations come on top of these).
    public let interactions: Int
    /// Seed of the pseudo-random generator; it is also part of every id.
    public let seed: UInt64

    /// Creates a generator for `interactions` chats (negative counts mean none) driven by `seed`.
    public init(interactions: Int, seed: UInt64) {
        self.interactions = max(0, interactions)
        self.seed = seed
    }

    /// Calls `emit` once per event line (a complete JSON object, no trailing newline), in file order.
    public func generate(_ emit: (String) throws -> Void) rethrows {
        let simulation = DemoSimulation(chats: interactions, seed: seed)
        // The simulation writes each step's lines into `out`; draining it here keeps the
        // throwing closure out of the simulation (so `rethrows` holds) and keeps memory flat.
        simulation.start()
        repeat {
            for line in simulation.out { try emit(line) }
            simulation.out.removeAll(keepingCapacity: true)
        } while simulation.step()
    }
}

// MARK: - Pseudo-random numbers

/// xoshiro256** seeded through SplitMix64: fast, good quality, and fully under our
/// control (the standard library's generator is randomly seeded per process).
private struct DemoRNG {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var state = seed
        s0 = DemoRNG.splitMix(&state)
        s1 = DemoRNG.splitMix(&state)
        s2 = DemoRNG.splitMix(&state)
        s3 = DemoRNG.splitMix(&state)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    mutating func next() -> UInt64 {
        let result = DemoRNG.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = DemoRNG.rotl(s3, 45)
        return result
    }

    /// A value in `0..<n` (n > 0), by the multiply-high method (no modulo bias worth noting).
    mutating func below(_ n: Int) -> Int {
        guard n > 1 else { return 0 }
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A value in `low...high`.
    mutating func within(_ low: Int, _ high: Int) -> Int {
        high <= low ? low : low + below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// True with probability `perMille` / 1000.
    mutating func chancePerMille(_ perMille: Int) -> Bool { below(1000) < perMille }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

// MARK: - Text helpers

private enum DemoFormat {
    /// `n` in decimal, left-padded with zeros to at least `width` digits (n >= 0).
    static func padded(_ n: Int, width: Int) -> String {
        var digits = 0
        var v = n
        repeat {
            digits += 1
            v /= 10
        } while v > 0
        let length = max(width, digits)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var rest = n
            var index = length
            while index > 0 {
                index -= 1
                buffer[index] = UInt8(48 + rest % 10)
                rest /= 10
            }
            return length
        }
    }

    /// The body of a JSON string literal for `text` (without the quotes).
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = Array("0123456789abcdef")
                    result += "\\u00"
                    result.append(hex[Int(scalar.value >> 4)])
                    result.append(hex[Int(scalar.value & 0xF)])
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

/// Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.sssZ` without Foundation; the date
/// part is cached because consecutive events almost always share a day.
private struct DemoClock {
    private var cachedDay: Int64 = .min
    private var datePrefix: [UInt8] = []

    static let msPerDay: Int64 = 86_400_000

    /// Appends the timestamp of `ms` (epoch milliseconds) as UTF-8 bytes.
    mutating func append(_ ms: Int64, to line: inout DemoLineWriter) {
        var day = ms / DemoClock.msPerDay
        if ms < 0 && ms % DemoClock.msPerDay != 0 { day -= 1 }
        if day != cachedDay {
            cachedDay = day
            let date = Timestamp.civilFromDays(day)  // the calendar arithmetic lives in one place
            let text = DemoFormat.padded(Int(date.year), width: 4) + "-"
                + DemoFormat.padded(Int(date.month), width: 2) + "-"
                + DemoFormat.padded(Int(date.day), width: 2) + "T"
            datePrefix = Array(text.utf8)
        }
        let inDay = Int(ms - day * DemoClock.msPerDay)
        let millis = inDay % 1000
        let seconds = (inDay / 1000) % 60
        let minutes = (inDay / 60_000) % 60
        let hours = inDay / 3_600_000
        datePrefix.withUnsafeBufferPointer { line.append($0) }
        let colon = UInt8(ascii: ":")
        line.byte(UInt8(48 + hours / 10))
        line.byte(UInt8(48 + hours % 10))
        line.byte(colon)
        line.byte(UInt8(48 + minutes / 10))
        line.byte(UInt8(48 + minutes % 10))
        line.byte(colon)
        line.byte(UInt8(48 + seconds / 10))
        line.byte(UInt8(48 + seconds % 10))
        line.byte(UInt8(ascii: "."))
        line.byte(UInt8(48 + millis / 100))
        line.byte(UInt8(48 + (millis / 10) % 10))
        line.byte(UInt8(48 + millis % 10))
        line.byte(UInt8(ascii: "Z"))
    }
}

/// One event line under construction, as UTF-8 bytes in a buffer that the simulation
/// lends for the line and takes back at `finish` (so it is allocated once per run). A
/// local value rather than a property of the simulation: appending to a class's
/// property costs a dynamic exclusivity check per append, and Array appends were the
/// bulk of the generation time.
private struct DemoLineWriter {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var count = 0

    init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// The bytes written so far.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Makes room for `extra` more bytes (texts are bounded, so this almost never runs).
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
        count += bytes.count
    }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        reserve(1)
        base[count] = value
        count += 1
    }

    /// JSON punctuation and keys.
    @inline(__always)
    mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    /// A value that is already JSON-escaped (or needs no escaping, like ids).
    @inline(__always)
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { append($0) }
    }

    /// `n` (>= 0) in decimal, left-padded with zeros to at least `width` digits.
    mutating func padded(_ n: Int, width: Int) {
        var digits = 0
        var v = n
        repeat {
            digits += 1
            v /= 10
        } while v > 0
        let length = max(width, digits)
        reserve(length)
        var rest = n
        var index = count + length
        while index > count {
            index -= 1
            base[index] = UInt8(48 + rest % 10)
            rest /= 10
        }
        count += length
    }

    /// Appends `"key":"value"`; `value` must already be JSON-escaped.
    mutating func field(_ key: StaticString, _ value: String) {
        raw(",\"")
        raw(key)
        raw("\":\"")
        text(value)
        raw("\"")
    }

    /// Appends a request target object.
    mutating func target(kind: DemoTargetKind, id: String) {
        raw(",\"target\":{\"kind\":\"")
        switch kind {
        case .agent: raw("agent")
        case .queue: raw("queue")
        case .routingPoint: raw("routing_point")
        }
        raw("\",\"id\":\"")
        text(id)
        raw("\"}")
    }
}

// MARK: - Message corpus

/// A message with optional placeholders ({n} first name, {email}, {phone}, {card}),
/// stored already JSON-escaped so that rendering is plain concatenation.
private struct DemoTemplate {
    enum Part {
        case literal(String)
        case firstName, email, phone, card
    }

    let parts: [Part]

    init(_ raw: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(raw)
        let holes: [(String, Part)] = [("{n}", .firstName), ("{email}", .email), ("{phone}", .phone), ("{card}", .card)]
        outer: while let first = rest.first {
            if first == "{" {
                for (token, part) in holes where rest.hasPrefix(token) {
                    if !literal.isEmpty { parts.append(.literal(DemoFormat.escaped(literal))) }
                    literal = ""
                    parts.append(part)
                    rest = rest.dropFirst(token.count)
                    continue outer
                }
            }
            literal.append(first)
            rest = rest.dropFirst()
        }
        if !literal.isEmpty { parts.append(.literal(DemoFormat.escaped(literal))) }
        self.parts = parts
    }
}

/// One kind of customer problem: what the customer says, what agents answer, where
/// escalations go and which disposition fits.
private struct DemoTopic {
    let issues: [DemoTemplate]
    let contactLines: [DemoTemplate]
    let agentLines: [DemoTemplate]
    let consultAsk: [DemoTemplate]
    let queue: String
    let code: Int
}

/// The disposition catalog the demo uses; labels are fixed so every seed defines the
/// same catalog (and FOLLOW_UP / RESOLVED match the examples in shared/examples).
private let demoDispositionCodes: [(code: String, label: String)] = [
    ("RESOLVED", "Resolved"),
    ("FOLLOW_UP", "Follow-up required"),
    ("ESCALATED", "Escalated to a specialist"),
    ("BILLING", "Billing issue"),
    ("NO_ANSWER", "Contact stopped answering"),
]

private enum DemoCode {
    static let resolved = 0
    static let followUp = 1
    static let escalated = 2
    static let billing = 3
    static let noAnswer = 4
}

private enum DemoLine {
    case greeting, issue, contactTopic, agentTopic, contactFiller, agentFiller, pii
    case confIntro, confGreeting, unavailable, holdOn, consultResult
    case transferIntro, transferGreeting, anythingElse, contactThanks, agentBye, contactBye
    case handOff, otherBye, removeThanks, lookingForSomeone, contactMustGo, stillThere
}

/// All texts, parsed and escaped once per generation.
private struct DemoTexts {
    let topics: [DemoTopic]
    let lines: [DemoLineTable]
    let notes: [DemoTemplate]
    let disconnectNotes: [DemoTemplate]
    let consultReplies: [DemoTemplate]
    let consultDeclines: [DemoTemplate]
    let consultInviting: [DemoTemplate]
    let consultReady: [DemoTemplate]
    /// (display name, e-mail local part): some names need escaping or are non-ASCII on purpose.
    let names: [(display: String, first: String, mailbox: String)]
    let domains = ["example.com", "mail.example.org", "example.net"]
    let cards = ["4111 1111 1111 1111", "5500-0000-0000-0004", "4012888888881881"]
    let routingPoints = ["rp.escalations", "rp.specialists"]

    init() {
        func t(_ raw: [String]) -> [DemoTemplate] { raw.map(DemoTemplate.init) }
        topics = [
            DemoTopic(
                issues: t([
                    "I was charged twice this month.",
                    "My bill is much higher than usual, can you explain why?",
                    "There's a charge on my statement I don't recognize.",
                ]),
                contactLines: t([
                    "It's the invoice from March 1st.",
                    "The amount was $49.99 both times.",
                    "I paid with the same card as always.",
                    "Yes, that's the account.",
                    "When will the refund show up?",
                    "Can I get that in writing?",
                    "I never signed up for the \"premium\" plan.",
                    "Will this happen again next month?",
                    "The reference on the statement says SVC*MONTHLY.",
                ]),
                agentLines: t([
                    "I can see two identical charges on your account.",
                    "Let me pull up your billing history.",
                    "The second charge was a duplicate, I'm reversing it now.",
                    "Refunds usually appear within 3–5 business days.",
                    "I've added a note so this doesn't happen again.",
                    "The increase comes from the end of your promotional rate.",
                    "I can apply a one-time credit of $10 for the trouble.",
                    "You'll receive a confirmation e-mail shortly.",
                    "Could you confirm the last four digits of the card?",
                ]),
                consultAsk: t([
                    "Customer was charged twice on the March invoice, can you take a look?",
                    "Can you approve a credit over $50 for this customer?",
                ]),
                queue: "queue.billing", code: DemoCode.billing),
            DemoTopic(
                issues: t([
                    "My router keeps dropping the connection.",
                    "The internet has been really slow since yesterday.",
                    "I can't connect to Wi-Fi on my laptop anymore.",
                ]),
                contactLines: t([
                    "The light on the router is blinking orange.",
                    "I already tried restarting it twice.",
                    "It's the white one, model AX3000 I think.",
                    "Okay, unplugging it now.",
                    "It's back up… no wait, it dropped again.",
                    "Speed test says 3 Mbps.",
                    "I'm on the 5 GHz network.",
                    "Yes, the cable is plugged in firmly.",
                    "It works on my phone but not on the laptop.",
                ]),
                agentLines: t([
                    "Let me run a line test from our side.",
                    "Could you unplug the router for 30 seconds and plug it back in?",
                    "I see some signal errors on your line.",
                    "I've pushed a firmware update to your router.",
                    "Please try a speed test at speedtest.example.net.",
                    "Which lights are on at the front of the router?",
                    "I'm resetting your port now; it takes about a minute.",
                    "That looks much better on my end.",
                    "Try \"forget network\" on the laptop and reconnect.",
                ]),
                consultAsk: t([
                    "Line test shows CRC errors on this customer's line, can you check the port?",
                    "Router keeps dropping, firmware is current. Any idea?",
                ]),
                queue: "queue.tech-support", code: DemoCode.resolved),
            DemoTopic(
                issues: t([
                    "Where is my order? It was supposed to arrive on Tuesday.",
                    "The package arrived damaged.",
                    "I'd like to return a pair of headphones.",
                ]),
                contactLines: t([
                    "The order number is 100-4481-2290.",
                    "The box was crushed on one side.",
                    "I'd prefer a replacement rather than a refund.",
                    "Do I need the original packaging?",
                    "Can the courier pick it up?",
                    "I'm home after 5 pm on weekdays.",
                    "The tracking page hasn't changed in three days.",
                    "Okay, I'll print the label.",
                    "It was a birthday present, so it's a bit urgent 🙁",
                ]),
                agentLines: t([
                    "Let me look up that order for you.",
                    "The carrier shows it's delayed at the regional hub.",
                    "I'm sorry about that! I can ship a replacement today.",
                    "I've e-mailed you a prepaid return label.",
                    "No need for the original box, any sturdy packaging works.",
                    "The courier can pick it up tomorrow between 9 and 12.",
                    "I've upgraded the shipping to express at no cost.",
                    "You'll get a tracking link as soon as it ships.",
                    "Could you send a photo of the damage to returns@example.com?",
                ]),
                consultAsk: t([
                    "Order 100-4481-2290 is stuck at the hub, can you escalate with the carrier?",
                    "Customer wants a replacement for a damaged parcel, is stock available?",
                ]),
                queue: "queue.orders", code: DemoCode.resolved),
            DemoTopic(
                issues: t([
                    "I can't log in to my account.",
                    "I need to change the address on my account.",
                    "How do I cancel my subscription?",
                ]),
                contactLines: t([
                    "It says my password is wrong but I just reset it.",
                    "The new address is 12 Harbor Lane, Springfield.",
                    "I'm moving next month.",
                    "I didn't get the verification code.",
                    "Can you resend it?",
                    "Got it, I'm in now.",
                    "Is there a cancellation fee?",
                    "I'd rather pause it than cancel.",
                    "My username is the same as my e-mail.",
                ]),
                agentLines: t([
                    "For security, can you confirm your date of birth?",
                    "I've sent a new verification code.",
                    "Your account was locked after too many attempts; I've unlocked it.",
                    "I've updated the address; it takes effect on your next bill.",
                    "There's no fee if you cancel before the renewal date.",
                    "I can pause your subscription for up to three months.",
                    "Please check your spam folder as well.",
                    "Is there anything else you'd like to update?",
                    "I'll open a follow-up ticket so we can confirm the change.",
                ]),
                consultAsk: t([
                    "Account is locked and the customer can't receive codes, can you help?",
                    "Customer wants to pause instead of cancel, can you set that up?",
                ]),
                queue: "queue.accounts", code: DemoCode.followUp),
        ]
        var table = [DemoLineTable](repeating: DemoLineTable(templates: []), count: DemoLineTable.count)
        func set(_ line: DemoLine, _ raw: [String]) { table[DemoLineTable.index(line)] = DemoLineTable(templates: t(raw)) }
        set(.greeting, [
            "Hi {n}, thanks for contacting us! How can I help today?",
            "Hello {n}, welcome to support. What can I do for you?",
            "Hi {n}! You're chatting with customer care. How can I help?",
        ])
        set(.issue, [])
        set(.contactTopic, [])
        set(.agentTopic, [])
        set(.contactFiller, [
            "Okay.", "Sure, one moment.", "Yes, that's right.", "Hmm, let me check.", "Alright.",
            "Thank you!", "How long will that take?", "Sorry, I was away for a second.", "Got it.",
            "Perfect 👍", "Okay, done.", "No, not yet.",
        ])
        set(.agentFiller, [
            "Thanks for your patience.", "One moment please while I check.", "Got it, thank you.",
            "I understand, that's frustrating.", "Bear with me a moment.", "Let me double-check that.",
            "Thanks for confirming.", "I'm still here, just checking a few things.",
        ])
        set(.pii, [
            "My e-mail is {email} if you need it.",
            "You can call me at {phone} if we get cut off.",
            "The card I used is {card}.",
            "Send the confirmation to {email}, please. My number is {phone}.",
        ])
        set(.confIntro, [
            "Let me bring in a colleague who knows this area well.",
            "I'm adding a specialist to our chat, one moment.",
            "I'll invite a colleague to join us so we can sort this out faster.",
        ])
        set(.confGreeting, [
            "Hi {n}, I've joined the chat and read the conversation so far.",
            "Hello {n}, I'm from the specialist team; I can see the whole history.",
            "Hi {n}, my colleague asked me to help. Give me a moment to check.",
        ])
        set(.unavailable, [
            "My colleague isn't available right now, so I'll keep helping you myself.",
            "Nobody from that team is free at the moment, let's keep going together.",
        ])
        set(.holdOn, [
            "Let me check with a colleague, one moment please.",
            "I'm just confirming something with a colleague.",
        ])
        set(.consultResult, [
            "Thanks for waiting, I've checked with a colleague.",
            "My colleague confirmed what we need to do.",
        ])
        set(.transferIntro, [
            "I'm transferring you to a colleague who can take care of this.",
            "I'll pass you to our specialist team now.",
        ])
        set(.transferGreeting, [
            "Hi {n}, I've taken over the chat from my colleague.",
            "Hello {n}, I'll be helping you from here.",
        ])
        set(.anythingElse, [
            "Is there anything else I can help you with?",
            "Anything else I can do for you today?",
        ])
        set(.contactThanks, [
            "No, that's all. Thanks a lot!",
            "That's everything, thank you!",
            "Nope, you've been very helpful.",
        ])
        set(.agentBye, [
            "You're welcome! Have a great day.",
            "Glad I could help. Take care!",
            "Thanks for chatting with us, goodbye!",
        ])
        set(.contactBye, ["Bye!", "Thanks, bye.", "Have a nice day!"])
        set(.handOff, [
            "I'll leave you with my colleague now, have a nice day!",
            "My colleague will take it from here. Bye!",
        ])
        set(.otherBye, [
            "I'll drop off now, my colleague will finish up. Bye!",
            "That's sorted on my side, leaving you two to it.",
        ])
        set(.removeThanks, [
            "Thanks for the help, I'll take it from here.",
            "Thanks! I'll finish up with the customer.",
        ])
        set(.lookingForSomeone, [
            "Let me see whether someone from the team is free…",
            "I'm checking if a specialist can join.",
        ])
        set(.contactMustGo, [
            "Actually it's fine, I have to go. Bye!",
            "Never mind, I'll try again tomorrow.",
        ])
        set(.stillThere, ["Hello? Are you still there?", "Are you still with me?"])
        lines = table
        notes = t([
            "Customer has contacted us twice about this already.",
            "Refund approved up to $50, no supervisor needed.",
            "Over to you for the technical part.",
            "Careful, customer is quite upset.",
            "Ticket INC-20417 is already open for this.",
            "I'll log the follow-up in the CRM.",
        ])
        disconnectNotes = t([
            "Customer disconnected, closing the chat.",
            "Contact dropped, will follow up by e-mail.",
        ])
        consultReplies = t([
            "Sure, what's the account?",
            "I've seen this before, happy to help.",
            "Give me a second to pull it up.",
            "Yes, I can take that. What has the customer tried so far?",
        ])
        consultInviting = t([
            "Thanks! I'll add you to the chat now.",
            "Great, sending you the conference invite.",
        ])
        consultReady = t([
            "Ok, ready when you are.",
            "Sure, go ahead.",
            "Yes, add me to the chat.",
        ])
        consultDeclines = t([
            "Sorry, I'm not the right person for this, try the queue.",
            "That's already handled by the back office, nothing I can do here.",
            "Checked it: no action needed, the customer can just wait for the e-mail.",
        ])
        names = [
            ("Dana Reyes", "Dana", "dana.reyes"),
            ("José García", "José", "jose.garcia"),
            ("Zoë O'Brien", "Zoë", "zoe.obrien"),
            ("Łukasz Nowak", "Łukasz", "lukasz.nowak"),
            ("Aisha Khan", "Aisha", "aisha.khan"),
            ("Mei Chen", "Mei", "mei.chen"),
            ("Olu Adeyemi", "Olu", "olu.adeyemi"),
            ("Sofia \"Sofi\" Rossi", "Sofia", "sofia.rossi"),
            ("Priya Natarajan", "Priya", "priya.n"),
            ("Tom Becker", "Tom", "tom.becker"),
            ("Ingrid Solberg", "Ingrid", "ingrid.solberg"),
            ("Kenji Watanabe", "Kenji", "kenji.w"),
            ("Fatima Zahra", "Fatima", "fatima.zahra"),
            ("Liam Murphy", "Liam", "liam.murphy"),
            ("Chloé Martin", "Chloé", "chloe.martin"),
            ("Ahmed Hassan", "Ahmed", "ahmed.hassan"),
        ].map { (entry: (String, String, String)) -> (display: String, first: String, mailbox: String) in
            (DemoFormat.escaped(entry.0), DemoFormat.escaped(entry.1), entry.2)
        }
    }

    func table(_ line: DemoLine) -> [DemoTemplate] { lines[DemoLineTable.index(line)].templates }
}

private struct DemoLineTable {
    let templates: [DemoTemplate]
    static let count = 24

    static func index(_ line: DemoLine) -> Int {
        switch line {
        case .greeting: 0
        case .issue: 1
        case .contactTopic: 2
        case .agentTopic: 3
        case .contactFiller: 4
        case .agentFiller: 5
        case .pii: 6
        case .confIntro: 7
        case .confGreeting: 8
        case .unavailable: 9
        case .holdOn: 10
        case .consultResult: 11
        case .transferIntro: 12
        case .transferGreeting: 13
        case .anythingElse: 14
        case .contactThanks: 15
        case .agentBye: 16
        case .contactBye: 17
        case .handOff: 18
        case .otherBye: 19
        case .removeThanks: 20
        case .lookingForSomeone: 21
        case .contactMustGo: 22
        case .stillThere: 23
        }
    }
}

// MARK: - Simulation state

private enum DemoWho { case owner, other, any }
private enum DemoTargetKind { case agent, queue, routingPoint }
private enum DemoAnswer { case accept, decline, timeout, never }

/// What is said in a consultation: the owner asks and later announces the conference;
/// the colleague answers, declines, or says it is ready to join.
private enum DemoConsultTone {
    case ask, reply, decline, inviting, ready

    var byOwner: Bool {
        switch self {
        case .ask, .inviting: true
        case .reply, .decline, .ready: false
        }
    }
}

/// One scripted action of a chat. Actions whose preconditions no longer hold when their
/// time comes (no free colleague, contact already gone...) are skipped, which keeps every
/// emitted event valid whatever the agents' availability turned out to be.
private enum DemoAct {
    case contactSays(DemoLine)
    case agentSays(DemoWho, DemoLine)
    case note(DemoWho)
    case disconnectNote
    case conferenceRequest(DemoTargetKind, DemoAnswer)
    case answer
    case consultRequest(DemoAnswer)
    case consultSays(DemoConsultTone)
    case consultConference
    case consultEnd
    case consultLeave
    case consultLateEnd
    case transferRequest(DemoTargetKind, DemoAnswer)
    case remove(ownerRemovesOther: Bool)
    case handOff
    case otherLeaves
    case agentsLeave
    case contactLeaves(disconnected: Bool)
    case disposition
    case endChat
    case lateEndChat
}

private struct DemoPlanStep {
    let delayMs: Int
    let act: DemoAct
}

private struct DemoPending {
    enum Kind { case conference, consultation, transfer }
    let kind: Kind
    let id: String
    let from: Int
    /// The agent the request rings (agent targets), if any.
    let targetAgent: Int?
    /// Whether `targetAgent` was taken out of the ready pool for this request.
    let reserved: Bool
    let answer: DemoAnswer
    let consultationMode: Bool
}

private final class DemoConsult {
    let id: String
    let owner: Int
    let target: Int
    var agents: [Int]
    var accepted = false
    var ended = false
    var endedExplicitly = false
    var lateEndSent = false

    init(id: String, owner: Int, target: Int) {
        self.id = id
        self.owner = owner
        self.target = target
        self.agents = [owner]
    }
}

private final class DemoChat {
    let id: String
    let contactID: String
    let contactName: String?
    let firstName: String
    let email: String
    let phone: String
    let topic: Int
    let code: Int
    var contactConnected = true
    var agents: [Int] = []
    var owner: Int?
    var everParty: [Int] = []
    var ended = false
    var endedExplicitly = false
    var lateEndSent = false
    var transferred = false
    /// Template keys of the latest lines (a ring), to avoid repeating them.
    var recent = [Int](repeating: -1, count: 10)
    var recentNext = 0
    var plan: [DemoPlanStep] = []
    var pc = 0
    var pending: DemoPending?
    var consult: DemoConsult?

    init(id: String, contactID: String, contactName: String?, firstName: String, email: String,
         phone: String, topic: Int, code: Int) {
        self.id = id
        self.contactID = contactID
        self.contactName = contactName
        self.firstName = firstName
        self.email = email
        self.phone = phone
        self.topic = topic
        self.code = code
    }
}

private struct DemoAgent {
    enum Status { case loggedOut, free, engaged, wrap, notReady, leaving }
    let id: String
    var status: Status = .loggedOut
    /// Interactions the agent is connected to (a chat, plus a consultation at times).
    var load = 0
    /// Held for a request or routed chat that has not been answered or joined yet.
    var reserved = false
    /// Invalidates scheduled agent steps that a later decision superseded.
    var token = 0
    var shiftOver = false
    var breakDue: Int?
    var workChat: String?
    var workCode = 0
    var dispositionSetInChat = false
}

private enum DemoAgentStep { case login, loginReady, acw, disposition, dispositionChange, wrapDone, startBreak, breakOver, logout }

private enum DemoTask {
    case daySetup(day: Int)
    case arrival(day: Int)
    case bell(reason: Int, modulus: Int, remainder: Int)
    case shiftEnd(day: Int)
    case chatJoin(DemoChat, agent: Int)
    case chat(DemoChat)
    case agent(Int, token: Int, DemoAgentStep)
}

/// A binary min-heap on (time, insertion number): the insertion number makes equal
/// times come out in a fixed order, which keeps the output deterministic.
private struct DemoHeap {
    private var times: [Int64] = []
    private var seqs: [UInt64] = []
    private var tasks: [DemoTask] = []
    private var nextSeq: UInt64 = 0

    var isEmpty: Bool { times.isEmpty }

    @inline(__always)
    private func less(_ a: Int, _ b: Int) -> Bool {
        times[a] < times[b] || (times[a] == times[b] && seqs[a] < seqs[b])
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        times.swapAt(a, b)
        seqs.swapAt(a, b)
        tasks.swapAt(a, b)
    }

    mutating func push(_ time: Int64, _ task: DemoTask) {
        times.append(time)
        seqs.append(nextSeq)
        tasks.append(task)
        nextSeq += 1
        var child = times.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Int64, DemoTask)? {
        guard !times.isEmpty else { return nil }
        let last = times.count - 1
        swapAt(0, last)
        let time = times.removeLast()
        seqs.removeLast()
        let task = tasks.removeLast()
        var parent = 0
        let count = times.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { break }
            var smallest = left
            if left + 1 < count && less(left + 1, left) { smallest = left + 1 }
            guard less(smallest, parent) else { break }
            swapAt(smallest, parent)
            parent = smallest
        }
        return (time, task)
    }
}

// MARK: - The simulation

private enum DemoBreak {
    static let reasons = ["break", "lunch", "training"]
    static let shortBreak = 0
    static let lunch = 1
    static let training = 2
}

private final class DemoSimulation {
    /// Lines produced by the last step, drained by `DemoGenerator.generate`.
    var out: [String] = []

    private let targetChats: Int
    private let prefix: String
    private var rng: DemoRNG
    private var clock = DemoClock()
    private var heap = DemoHeap()
    private let texts = DemoTexts()
    private var now: Int64 = 0
    private let dayZero: Int64
    private let arrivalMeanMs: Int

    private var eventCount = 0
    private var chatCount = 0
    private var consultCount = 0
    private var requestCount = 0
    private var contactCount = 0

    private var agents: [DemoAgent] = []
    /// Ready agents, longest idle first (that is how chats are routed).
    private var free: [Int] = []
    private var waiting: [DemoChat] = []
    private var waitingHead = 0

    // Day layout, in milliseconds after midnight UTC.
    private static let hour: Int64 = 3_600_000
    private static let minute: Int64 = 60_000
    private static let loginAt = 8 * hour
    private static let firstArrivalAt = 8 * hour + 5 * minute
    private static let lastArrivalAt = 17 * hour
    private static let shiftEndAt = 17 * hour + 30 * minute

    init(chats: Int, seed: UInt64) {
        targetChats = chats
        lineBase = UnsafeMutablePointer<UInt8>.allocate(capacity: lineCapacity)
        prefix = "d\(seed)-"
        rng = DemoRNG(seed: seed)
        dayZero = Timestamp.daysFromCivil(year: 2026, month: 3, day: 2) * DemoClock.msPerDay
        // Enough agents for conferences to find a free colleague, scaled with the volume
        // so that big logs span weeks rather than years; two-digit ids up to 99 agents.
        let agentCount = min(99, max(6, (chats + 39) / 40))
        agents = (1...agentCount).map { DemoAgent(id: "d\(seed)-agent-" + DemoFormat.padded($0, width: 2)) }
        // An agent handles about one chat per 17 minutes (chat plus wrap-up). Aiming at ~60%
        // load leaves colleagues free for most conference and transfer requests.
        arrivalMeanMs = Int(17 * DemoSimulation.minute) * 100 / (agentCount * 60)
    }

    /// Writes the catalog and schedules the first day.
    func start() {
        now = dayZero + DemoSimulation.loginAt
        for entry in demoDispositionCodes {
            var line = begin("disposition.defined")
            line.field("code", entry.code)
            line.field("label", DemoFormat.escaped(entry.label))
            finish(line)
        }
        // With no chats there is nothing to simulate: the catalog alone is a valid log.
        guard targetChats > 0 else { return }
        heap.push(now, .daySetup(day: 0))
    }

    /// Runs the next scheduled step; false when the simulation is over.
    func step() -> Bool {
        guard let (time, task) = heap.pop() else { return false }
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

    // MARK: Event writing

    /// The buffer `DemoLineWriter` writes into; one per run.
    private var lineBase: UnsafeMutablePointer<UInt8>
    private var lineCapacity = 4096

    deinit { lineBase.deallocate() }

    /// Starts an event line with its id, type and time (the simulation's clock).
    private func begin(_ type: String) -> DemoLineWriter {
        eventCount += 1
        var line = DemoLineWriter(base: lineBase, capacity: lineCapacity)
        line.raw("{\"id\":\"")
        line.text(prefix)
        line.raw("e")
        line.padded(eventCount, width: 7)
        line.raw("\",\"type\":\"")
        line.text(type)
        line.raw("\",\"at\":\"")
        clock.append(now, to: &line)
        line.raw("\"")
        return line
    }

    private func finish(_ line: DemoLineWriter) {
        var line = line
        line.raw("}")
        out.append(String(decoding: line.buffer, as: UTF8.self))
        lineBase = line.base
        lineCapacity = line.capacity
    }

    private func emitState(_ agent: Int, _ state: String, reason: String? = nil) {
        var line = begin("agent.state")
        line.field("agent", agents[agent].id)
        line.field("state", state)
        if let reason { line.field("reason", reason) }
        finish(line)
    }

    private func emitMessage(_ interaction: String, party: String, text: String, agentsOnly: Bool) {
        var line = begin("message")
        line.field("interaction", interaction)
        line.field("party", party)
        line.field("text", text)
        if agentsOnly { line.field("visibility", "agents") }
        finish(line)
    }

    private func emitLeft(_ interaction: String, party: String, disconnected: Bool = false) {
        var line = begin("party.left")
        line.field("interaction", interaction)
        line.field("party", party)
        line.field("reason", disconnected ? "disconnected" : "ended")
        finish(line)
    }

    private func emitChatEnded(_ interaction: String) {
        var line = begin("chat.ended")
        line.field("interaction", interaction)
        finish(line)
    }

    private func emitDisposition(_ interaction: String, agent: Int, code: Int) {
        var line = begin("disposition.set")
        line.field("interaction", interaction)
        line.field("agent", agents[agent].id)
        line.field("code", demoDispositionCodes[code].code)
        finish(line)
    }

    private func render(_ template: DemoTemplate, _ chat: DemoChat) -> String {
        if template.parts.count == 1, case .literal(let text) = template.parts[0] { return text }
        var text = ""
        for part in template.parts {
            switch part {
            case .literal(let literal): text += literal
            case .firstName: text += chat.firstName
            case .email: text += chat.email
            case .phone: text += chat.phone
            case .card: text += rng.pick(texts.cards)
            }
        }
        return text
    }

    private func text(_ line: DemoLine, _ chat: DemoChat) -> String {
        let topic = texts.topics[chat.topic]
        let pool: [DemoTemplate]
        switch line {
        case .issue: pool = topic.issues
        case .contactTopic: pool = topic.contactLines
        case .agentTopic: pool = topic.agentLines
        default: pool = texts.table(line)
        }
        return render(pick(pool, DemoLineTable.index(line), chat), chat)
    }

    /// A random template of `pool` (identified by `key`), avoiding the chat's most
    /// recent lines so that nobody repeats themselves word for word.
    private func pick(_ pool: [DemoTemplate], _ key: Int, _ chat: DemoChat) -> DemoTemplate {
        var index = rng.below(pool.count)
        var tries = 0
        while tries < 4 && chat.recent.contains(key &* 64 &+ index) {
            index = rng.below(pool.count)
            tries += 1
        }
        chat.recent[chat.recentNext] = key &* 64 &+ index
        chat.recentNext = (chat.recentNext + 1) % chat.recent.count
        return pool[index]
    }

    // MARK: Scheduling helpers

    private func schedule(after delay: Int, _ task: DemoTask) {
        heap.push(now + Int64(delay), task)
    }

    private func scheduleAgent(_ agent: Int, after delay: Int, _ step: DemoAgentStep) {
        agents[agent].token += 1
        schedule(after: delay, .agent(agent, token: agents[agent].token, step))
    }

    private func takeFree(_ agent: Int) {
        if let index = free.firstIndex(of: agent) { free.remove(at: index) }
    }

    /// A random ready agent that has never been a party of `chat` (so no request can
    /// target an agent already connected there), taken out of the ready pool.
    private func reserveColleague(for chat: DemoChat) -> Int? {
        let eligible = free.filter { !chat.everParty.contains($0) }
        guard !eligible.isEmpty else { return nil }
        let agent = rng.pick(eligible)
        takeFree(agent)
        agents[agent].status = .engaged
        agents[agent].reserved = true
        return agent
    }

    // MARK: Days, arrivals, routing

    private func dayStart(_ day: Int) -> Int64 { dayZero + Int64(day) * DemoClock.msPerDay }

    private func setUpDay(_ day: Int) {
        let base = dayStart(day)
        for index in agents.indices where agents[index].status == .loggedOut {
            // Staggered logins: agents arrive over the first quarter hour.
            let at = base + DemoSimulation.loginAt + Int64(index * 9_000 + rng.within(0, 8_999))
            agents[index].token += 1
            heap.push(at, .agent(index, token: agents[index].token, .login))
        }
        heap.push(base + DemoSimulation.firstArrivalAt + Int64(rng.within(0, 59_999)), .arrival(day: day))
        // Three lunch waves keep the floor staffed; one agent in eleven has training.
        let lunchWaves: [Int64] = [11 * 60 + 30, 12 * 60 + 15, 13 * 60]
        for (wave, minuteOfDay) in lunchWaves.enumerated() {
            heap.push(base + minuteOfDay * DemoSimulation.minute + Int64(rng.within(0, 300_000)),
                      .bell(reason: DemoBreak.lunch, modulus: 3, remainder: wave))
        }
        heap.push(base + 15 * DemoSimulation.hour + Int64(rng.within(0, 600_000)),
                  .bell(reason: DemoBreak.training, modulus: 11, remainder: day % 11))
        heap.push(base + DemoSimulation.shiftEndAt, .shiftEnd(day: day))
    }

    private func arrive(_ day: Int) {
        guard chatCount < targetChats else { return }
        startChat()
        let next = now + Int64(rng.within(arrivalMeanMs / 10, arrivalMeanMs * 19 / 10))
        if chatCount < targetChats && next < dayStart(day) + DemoSimulation.lastArrivalAt {
            heap.push(next, .arrival(day: day))
        }
    }

    private func ringBell(_ reason: Int, _ modulus: Int, _ remainder: Int) {
        for index in agents.indices where index % modulus == remainder {
            switch agents[index].status {
            case .loggedOut, .leaving:
                continue
            case .free:
                agents[index].breakDue = reason
                takeFree(index)
                agents[index].status = .notReady
                scheduleAgent(index, after: rng.within(0, 90_000), .startBreak)
            case .engaged, .wrap, .notReady:
                // Taken at the agent's next change of state.
                agents[index].breakDue = reason
            }
        }
    }

    private func endShift(_ day: Int) {
        for index in agents.indices {
            agents[index].shiftOver = true
            if agents[index].status == .free {
                takeFree(index)
                agents[index].status = .leaving
                scheduleAgent(index, after: rng.within(0, 180_000), .logout)
            }
        }
        if chatCount < targetChats {
            heap.push(dayStart(day + 1), .daySetup(day: day + 1))
        }
    }

    /// Routes waiting chats to ready agents, oldest chat to longest-idle agent.
    private func dispatch() {
        while waitingHead < waiting.count, !free.isEmpty {
            let chat = waiting[waitingHead]
            waitingHead += 1
            let agent = free.removeFirst()
            agents[agent].status = .engaged
            agents[agent].reserved = true
            schedule(after: rng.within(1_500, 7_000), .chatJoin(chat, agent: agent))
        }
        if waitingHead > 64 && waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
    }

    private func startChat() {
        chatCount += 1
        // About one contact in eight is a returning customer (same contact id, same name).
        let contactNumber: Int
        if contactCount > 50 && rng.chance(12) {
            // Someone seen a while ago, so not normally someone still chatting.
            contactNumber = rng.within(1, contactCount - 50)
        } else {
            contactCount += 1
            contactNumber = contactCount
        }
        // Names and addresses derive from the contact number, so a returning customer
        // keeps them without the generator remembering every contact.
        var identity = DemoRNG(seed: UInt64(contactNumber) &* 0x9E37_79B9_7F4A_7C15)
        let person = identity.pick(texts.names)
        let named = identity.chance(65)
        let email = person.mailbox + "@" + identity.pick(texts.domains)
        let phone = "+1 555 01" + DemoFormat.padded(identity.below(100), width: 2) + " "
            + DemoFormat.padded(identity.below(10_000), width: 4)
        let topic = rng.below(texts.topics.count)
        let chat = DemoChat(
            id: prefix + "chat-" + DemoFormat.padded(chatCount, width: 6),
            contactID: prefix + "cust-" + DemoFormat.padded(contactNumber, width: 6),
            contactName: named ? person.display : nil,
            firstName: named ? person.first : "there",
            email: email, phone: phone, topic: topic, code: texts.topics[topic].code)
        var line = begin("chat.started")
        line.field("interaction", chat.id)
        line.raw(",\"contact\":{\"id\":\"")
        line.text(chat.contactID)
        line.raw("\"")
        if let name = chat.contactName {
            line.raw(",\"name\":\"")
            line.text(name)
            line.raw("\"")
        }
        line.raw("}")
        finish(line)
        buildPlan(chat)
        waiting.append(chat)
        dispatch()
    }

    private func ownerJoins(_ chat: DemoChat, _ agent: Int) {
        var line = begin("party.joined")
        line.field("interaction", chat.id)
        line.raw(",\"party\":{\"kind\":\"agent\",\"id\":\"")
        line.text(agents[agent].id)
        line.raw("\"},\"role\":\"owner\"")
        finish(line)
        join(chat, agent)
        scheduleNext(chat)
    }

    // MARK: Connections

    private func join(_ chat: DemoChat, _ agent: Int) {
        chat.agents.append(agent)
        if chat.owner == nil { chat.owner = agent }
        if !chat.everParty.contains(agent) { chat.everParty.append(agent) }
        agents[agent].reserved = false
        agents[agent].status = .engaged
        agents[agent].load += 1
        agents[agent].workChat = chat.id
        // Agents record the topic's outcome unless something (an escalation, the
        // contact vanishing) changes it later.
        agents[agent].workCode = chat.code
        agents[agent].dispositionSetInChat = false
    }

    /// Drops one connection of `agent`; the last one starts after-call work.
    private func release(_ agent: Int) {
        agents[agent].load -= 1
        if agents[agent].load == 0 && !agents[agent].reserved {
            agents[agent].status = .wrap
            scheduleAgent(agent, after: rng.within(300, 2_500), .acw)
        }
    }

    /// Gives back an agent that was rung but did not join.
    private func unreserve(_ agent: Int) {
        agents[agent].reserved = false
        if agents[agent].load == 0 { becomeAvailable(agent, alreadyReady: true) }
    }

    /// The store's effects of an agent leaving a chat (left, removed or transferred away).
    private func leave(_ chat: DemoChat, _ agent: Int) {
        guard let index = chat.agents.firstIndex(of: agent) else { return }
        chat.agents.remove(at: index)
        if let pending = chat.pending, pending.from == agent { cancelPending(chat) }
        if chat.owner == agent { chat.owner = chat.agents.first }
        release(agent)
        if chat.agents.isEmpty { closeChat(chat, explicit: false) }
    }

    /// The store's effects of a chat's end: everyone leaves, pending requests are
    /// cancelled, an open consultation ends with its parent.
    private func closeChat(_ chat: DemoChat, explicit: Bool) {
        chat.ended = true
        chat.endedExplicitly = explicit
        chat.contactConnected = false
        let connected = chat.agents
        chat.agents.removeAll()
        chat.owner = nil
        if chat.pending != nil { cancelPending(chat) }
        if let consult = chat.consult, !consult.ended { closeConsult(consult, explicit: false) }
        for agent in connected { release(agent) }
    }

    private func closeConsult(_ consult: DemoConsult, explicit: Bool) {
        consult.ended = true
        consult.endedExplicitly = explicit
        let connected = consult.agents
        consult.agents.removeAll()
        for agent in connected { release(agent) }
    }

    private func leaveConsult(_ consult: DemoConsult, _ agent: Int) {
        guard let index = consult.agents.firstIndex(of: agent) else { return }
        consult.agents.remove(at: index)
        release(agent)
        if consult.agents.isEmpty { consult.ended = true }
    }

    private func cancelPending(_ chat: DemoChat) {
        guard let pending = chat.pending else { return }
        chat.pending = nil
        if pending.kind == .consultation, let consult = chat.consult, !consult.ended {
            // A released consultation request ends the consultation.
            closeConsult(consult, explicit: false)
        }
        if pending.reserved, let target = pending.targetAgent { unreserve(target) }
    }

    // MARK: Agents

    /// The agent is done with work, a break or a ring: goes on break if one is due, logs
    /// out after the shift when no chat waits, else becomes ready and takes waiting chats.
    private func becomeAvailable(_ agent: Int, alreadyReady: Bool) {
        if let reason = agents[agent].breakDue {
            agents[agent].breakDue = nil
            agents[agent].status = .notReady
            emitState(agent, "not_ready", reason: DemoBreak.reasons[reason])
            scheduleAgent(agent, after: breakLength(reason), .breakOver)
            return
        }
        if agents[agent].shiftOver && waitingHead == waiting.count {
            agents[agent].status = .loggedOut
            emitState(agent, "logged_out")
            return
        }
        if !alreadyReady { emitState(agent, "ready") }
        agents[agent].status = .free
        free.append(agent)
        dispatch()
    }

    private func breakLength(_ reason: Int) -> Int {
        switch reason {
        case DemoBreak.lunch: rng.within(30 * 60_000, 45 * 60_000)
        case DemoBreak.training: rng.within(30 * 60_000, 60 * 60_000)
        default: rng.within(5 * 60_000, 15 * 60_000)
        }
    }

    private func runAgent(_ agent: Int, _ step: DemoAgentStep) {
        switch step {
        case .login:
            guard agents[agent].status == .loggedOut else { return }
            agents[agent].shiftOver = false
            agents[agent].breakDue = nil
            agents[agent].status = .notReady
            emitState(agent, "logged_in")
            scheduleAgent(agent, after: rng.within(2_000, 9_000), .loginReady)
        case .loginReady:
            emitState(agent, "ready")
            becomeAvailable(agent, alreadyReady: true)
        case .acw:
            emitState(agent, "after_call_work")
            if agents[agent].workChat != nil {
                scheduleAgent(agent, after: rng.within(4_000, 25_000), .disposition)
            } else {
                scheduleAgent(agent, after: rng.within(10_000, 45_000), .wrapDone)
            }
        case .disposition:
            guard let chat = agents[agent].workChat else {
                scheduleAgent(agent, after: rng.within(5_000, 30_000), .wrapDone)
                return
            }
            let code = agents[agent].workCode
            if agents[agent].dispositionSetInChat {
                // Set during the chat already; sometimes revised once the chat is over.
                if rng.chance(30) { emitDisposition(chat, agent: agent, code: alternative(to: code)) }
                scheduleAgent(agent, after: rng.within(5_000, 40_000), .wrapDone)
            } else if rng.chance(12) {
                // A first choice the agent corrects a moment later; the last one stands.
                emitDisposition(chat, agent: agent, code: alternative(to: code))
                scheduleAgent(agent, after: rng.within(4_000, 20_000), .dispositionChange)
            } else {
                emitDisposition(chat, agent: agent, code: code)
                scheduleAgent(agent, after: rng.within(5_000, 50_000), .wrapDone)
            }
        case .dispositionChange:
            if let chat = agents[agent].workChat { emitDisposition(chat, agent: agent, code: agents[agent].workCode) }
            scheduleAgent(agent, after: rng.within(3_000, 20_000), .wrapDone)
        case .wrapDone:
            agents[agent].workChat = nil
            if agents[agent].breakDue == nil && !agents[agent].shiftOver && rng.chance(5) {
                agents[agent].breakDue = DemoBreak.shortBreak
            }
            becomeAvailable(agent, alreadyReady: false)
        case .startBreak:
            let reason = agents[agent].breakDue ?? DemoBreak.shortBreak
            agents[agent].breakDue = nil
            emitState(agent, "not_ready", reason: DemoBreak.reasons[reason])
            scheduleAgent(agent, after: breakLength(reason), .breakOver)
        case .breakOver:
            becomeAvailable(agent, alreadyReady: false)
        case .logout:
            agents[agent].status = .loggedOut
            agents[agent].breakDue = nil
            emitState(agent, "logged_out")
        }
    }

    private func alternative(to code: Int) -> Int {
        code == DemoCode.followUp ? DemoCode.resolved : DemoCode.followUp
    }

    // MARK: Chat scripts

    private func contactDelay() -> Int { rng.within(6_000, 38_000) }
    private func agentDelay() -> Int { rng.within(4_000, 30_000) }

    private func buildPlan(_ chat: DemoChat) {
        var plan: [DemoPlanStep] = []
        plan.reserveCapacity(64)
        func add(_ delay: Int, _ act: DemoAct) { plan.append(DemoPlanStep(delayMs: delay, act: act)) }
        func contact(_ line: DemoLine) { add(contactDelay(), .contactSays(line)) }
        func agent(_ who: DemoWho, _ line: DemoLine) { add(agentDelay(), .agentSays(who, line)) }
        func talk(_ rounds: Int, _ who: DemoWho) {
            for _ in 0..<rounds {
                contact(rng.chance(65) ? .contactTopic : .contactFiller)
                if rng.chance(20) { contact(.contactFiller) }
                agent(who, rng.chance(70) ? .agentTopic : .agentFiller)
                if rng.chance(15) { agent(who, .agentFiller) }
            }
        }
        func maybeNote(_ percent: Int, _ who: DemoWho) {
            if rng.chance(percent) { add(rng.within(3_000, 15_000), .note(who)) }
        }
        func answerAfter(_ answer: DemoAnswer) {
            switch answer {
            case .accept: add(rng.within(3_000, 20_000), .answer)
            case .decline: add(rng.within(4_000, 15_000), .answer)
            case .timeout: add(30_000 + rng.within(0, 999), .answer)
            case .never: break
            }
        }
        /// The end of every chat: goodbyes, then one of the ways a chat ends.
        func ending() {
            if rng.chance(3) {
                // A last conference request that the chat's end cancels while pending.
                agent(.owner, .lookingForSomeone)
                add(rng.within(2_000, 6_000),
                    .conferenceRequest(rng.chance(50) ? .queue : .routingPoint, .never))
                contact(.contactMustGo)
                if rng.chance(50) {
                    add(rng.within(1_000, 8_000), .endChat)
                } else {
                    add(rng.within(1_000, 8_000), .contactLeaves(disconnected: false))
                    add(rng.within(2_000, 10_000), .agentsLeave)
                }
                return
            }
            if rng.chance(8) {
                // The contact drops mid-conversation.
                add(contactDelay(), .contactLeaves(disconnected: true))
                agent(.any, .stillThere)
                add(rng.within(20_000, 60_000), .disconnectNote)
                if rng.chance(50) {
                    add(rng.within(2_000, 8_000), .endChat)
                } else {
                    add(rng.within(2_000, 8_000), .agentsLeave)
                }
                return
            }
            agent(.any, .anythingElse)
            contact(.contactThanks)
            if rng.chance(20) { add(rng.within(3_000, 10_000), .disposition) }
            agent(.any, .agentBye)
            let style = rng.below(100)
            if style < 40 {
                if rng.chance(40) { contact(.contactBye) }
                add(rng.within(2_000, 10_000), .endChat)
            } else if style < 75 {
                add(rng.within(2_000, 12_000), .contactLeaves(disconnected: false))
                add(rng.within(2_000, 10_000), .agentsLeave)
                if rng.chance(25) { add(rng.within(500, 3_000), .lateEndChat) }
            } else {
                add(rng.within(2_000, 12_000), .agentsLeave)
                if rng.chance(25) { add(rng.within(500, 3_000), .lateEndChat) }
            }
        }
        /// After a colleague joined: a three-way conversation, then one of the ways the
        /// conference winds down.
        func conferenceTail(_ rounds: Int) {
            agent(.other, .confGreeting)
            maybeNote(45, .owner)
            talk(rounds, .any)
            maybeNote(20, .any)
            let style = rng.below(100)
            if style < 45 {
                // The owner ends the chat: it passes automatically to the colleague.
                agent(.owner, .handOff)
                add(rng.within(2_000, 10_000), .handOff)
                talk(rng.within(2, 6), .owner)
            } else if style < 75 {
                agent(.other, .otherBye)
                add(rng.within(2_000, 10_000), .otherLeaves)
                talk(rng.within(2, 6), .owner)
            }
            ending()
        }

        agent(.owner, .greeting)
        contact(.issue)
        if rng.chance(25) { contact(.pii) }
        let scenario = rng.below(1000)
        switch scenario {
        case 0..<560:
            // Single-agent chat.
            talk(rng.within(8, 22), .owner)
            maybeNote(15, .owner)
            ending()
        case 560..<710:
            // Instant conference to an agent, accepted.
            talk(rng.within(3, 9), .owner)
            agent(.owner, .confIntro)
            add(rng.within(2_000, 8_000), .conferenceRequest(.agent, .accept))
            answerAfter(.accept)
            conferenceTail(rng.within(4, 10))
        case 710..<760, 760..<810:
            // Instant conference declined or unanswered: the owner carries on alone.
            let answer: DemoAnswer = scenario < 760 ? .decline : .timeout
            talk(rng.within(3, 9), .owner)
            agent(.owner, .confIntro)
            add(rng.within(2_000, 8_000), .conferenceRequest(.agent, answer))
            answerAfter(answer)
            agent(.owner, .unavailable)
            talk(rng.within(4, 12), .owner)
            ending()
        case 810..<860:
            // Conference to a queue or routing point, answered by whoever it reaches.
            talk(rng.within(3, 9), .owner)
            agent(.owner, .confIntro)
            add(rng.within(2_000, 8_000), .conferenceRequest(rng.chance(60) ? .queue : .routingPoint, .accept))
            answerAfter(.accept)
            conferenceTail(rng.within(4, 10))
        case 860..<910:
            // Consultation, then a conference with the consulted colleague.
            talk(rng.within(3, 8), .owner)
            agent(.owner, .holdOn)
            add(rng.within(2_000, 6_000), .consultRequest(.accept))
            answerAfter(.accept)
            add(rng.within(3_000, 12_000), .consultSays(.ask))
            add(rng.within(5_000, 20_000), .consultSays(.reply))
            if rng.chance(40) { contact(.stillThere) }
            if rng.chance(50) {
                add(rng.within(3_000, 12_000), .consultSays(.inviting))
                add(rng.within(3_000, 10_000), .consultSays(.ready))
            }
            add(rng.within(2_000, 8_000), .consultConference)
            answerAfter(.accept)
            if rng.chance(25) { add(rng.within(200, 2_000), .consultLateEnd) }
            conferenceTail(rng.within(4, 9))
        case 910..<930:
            // Consultation that never becomes a conference.
            talk(rng.within(3, 8), .owner)
            agent(.owner, .holdOn)
            let variant = rng.below(100)
            if variant < 30 {
                let answer: DemoAnswer = rng.chance(50) ? .decline : .timeout
                add(rng.within(2_000, 6_000), .consultRequest(answer))
                answerAfter(answer)
                if rng.chance(30) { add(rng.within(200, 2_000), .consultLateEnd) }
            } else {
                add(rng.within(2_000, 6_000), .consultRequest(.accept))
                answerAfter(.accept)
                add(rng.within(3_000, 12_000), .consultSays(.ask))
                add(rng.within(5_000, 20_000), .consultSays(.decline))
                if variant < 65 {
                    add(rng.within(2_000, 8_000), .consultEnd)
                } else if variant < 85 {
                    add(rng.within(2_000, 8_000), .consultLeave)
                    if rng.chance(30) { add(rng.within(200, 2_000), .consultLateEnd) }
                }
                // Otherwise the consultation stays open and ends with the chat.
            }
            agent(.owner, .consultResult)
            talk(rng.within(4, 10), .owner)
            ending()
        case 930..<960:
            // Conference, then Delete From Conference.
            talk(rng.within(3, 8), .owner)
            agent(.owner, .confIntro)
            add(rng.within(2_000, 8_000), .conferenceRequest(.agent, .accept))
            answerAfter(.accept)
            agent(.other, .confGreeting)
            talk(rng.within(3, 8), .any)
            let ownerRemoves = rng.chance(75)
            if ownerRemoves { agent(.owner, .removeThanks) }
            add(rng.within(2_000, 10_000), .remove(ownerRemovesOther: ownerRemoves))
            talk(rng.within(2, 6), .owner)
            ending()
        case 960..<990:
            // Transfer, accepted.
            talk(rng.within(3, 8), .owner)
            agent(.owner, .transferIntro)
            add(rng.within(2_000, 8_000), .transferRequest(rng.chance(70) ? .agent : .queue, .accept))
            answerAfter(.accept)
            agent(.owner, .transferGreeting)
            talk(rng.within(4, 12), .owner)
            ending()
        default:
            // Transfer, released.
            let answer: DemoAnswer = rng.chance(50) ? .decline : .timeout
            talk(rng.within(3, 8), .owner)
            agent(.owner, .transferIntro)
            add(rng.within(2_000, 8_000), .transferRequest(.agent, answer))
            answerAfter(answer)
            agent(.owner, .unavailable)
            talk(rng.within(4, 10), .owner)
            ending()
        }
        chat.plan = plan
    }

    private func scheduleNext(_ chat: DemoChat) {
        if chat.pc < chat.plan.count {
            schedule(after: chat.plan[chat.pc].delayMs + rng.within(0, 999), .chat(chat))
        } else {
            finishChat(chat)
        }
    }

    /// Every chat ends within the log, whatever its script skipped.
    private func finishChat(_ chat: DemoChat) {
        if !chat.ended {
            emitChatEnded(chat.id)
            closeChat(chat, explicit: true)
        }
        chat.plan = []
    }

    private enum Outcome { case done, skipped, again }

    private func runPlan(_ chat: DemoChat) {
        while chat.pc < chat.plan.count {
            switch execute(chat.plan[chat.pc].act, chat) {
            case .skipped:
                chat.pc += 1
                continue
            case .done:
                chat.pc += 1
            case .again:
                break
            }
            scheduleNext(chat)
            return
        }
        finishChat(chat)
    }

    private func resolve(_ who: DemoWho, _ chat: DemoChat) -> Int? {
        guard let owner = chat.owner else { return nil }
        switch who {
        case .owner: return owner
        case .other: return chat.agents.first { $0 != owner } ?? owner
        case .any: return rng.pick(chat.agents)
        }
    }

    /// Whether a scripted line still makes sense: a colleague may never have joined, a
    /// transfer or consultation may have fallen through.
    private func fits(_ line: DemoLine, _ chat: DemoChat) -> Bool {
        switch line {
        case .confGreeting, .handOff, .otherBye, .removeThanks: chat.agents.count >= 2
        case .transferGreeting: chat.transferred
        case .consultResult: chat.consult != nil
        default: true
        }
    }

    /// The owner asks a colleague (or, when nobody is ready, the topic's queue) to join or
    /// take over: conference and transfer requests differ only in their type.
    private func requestFromOwner(_ type: String, _ pendingKind: DemoPending.Kind, _ kind: DemoTargetKind,
                                  _ answer: DemoAnswer, _ chat: DemoChat) -> Outcome {
        guard chat.pending == nil, let owner = chat.owner else { return .skipped }
        var kind = kind
        var targetAgent: Int?
        if kind == .agent {
            targetAgent = reserveColleague(for: chat)
            // Nobody ready to ring: the owner sends it to the topic's queue instead.
            if targetAgent == nil { kind = .queue }
        }
        let request = nextRequest()
        var line = begin(type)
        line.field("interaction", chat.id)
        line.field("request", request)
        line.field("from", agents[owner].id)
        line.target(kind: kind, id: targetID(kind, targetAgent, chat))
        if pendingKind == .conference { line.field("mode", "instant") }
        finish(line)
        chat.pending = DemoPending(kind: pendingKind, id: request, from: owner, targetAgent: targetAgent,
                                   reserved: targetAgent != nil, answer: answer, consultationMode: false)
        return .done
    }

    private func execute(_ act: DemoAct, _ chat: DemoChat) -> Outcome {
        switch act {
        case .lateEndChat:
            guard chat.ended, !chat.endedExplicitly, !chat.lateEndSent else { return .skipped }
            chat.lateEndSent = true
            emitChatEnded(chat.id)
            return .done
        case .consultLateEnd:
            guard let consult = chat.consult, consult.ended, !consult.endedExplicitly, !consult.lateEndSent
            else { return .skipped }
            consult.lateEndSent = true
            emitChatEnded(consult.id)
            return .done
        default:
            break
        }
        guard !chat.ended else { return .skipped }
        switch act {
        case .contactSays(let line):
            guard chat.contactConnected else { return .skipped }
            emitMessage(chat.id, party: chat.contactID, text: text(line, chat), agentsOnly: false)
            return .done

        case .agentSays(let who, let line):
            guard let agent = resolve(who, chat), fits(line, chat) else { return .skipped }
            emitMessage(chat.id, party: agents[agent].id, text: text(line, chat), agentsOnly: false)
            return .done

        case .note(let who):
            guard let agent = resolve(who, chat) else { return .skipped }
            emitMessage(chat.id, party: agents[agent].id, text: render(pick(texts.notes, 30, chat), chat), agentsOnly: true)
            return .done

        case .disconnectNote:
            guard let agent = chat.owner else { return .skipped }
            emitMessage(chat.id, party: agents[agent].id, text: render(pick(texts.disconnectNotes, 31, chat), chat),
                        agentsOnly: true)
            return .done

        case .conferenceRequest(let kind, let answer):
            return requestFromOwner("conference.requested", .conference, kind, answer, chat)

        case .transferRequest(let kind, let answer):
            return requestFromOwner("transfer.requested", .transfer, kind, answer, chat)

        case .consultRequest(let answer):
            guard chat.pending == nil, chat.consult == nil, let owner = chat.owner,
                  let target = reserveColleague(for: chat)
            else { return .skipped }
            consultCount += 1
            let consult = DemoConsult(id: prefix + "cons-" + DemoFormat.padded(consultCount, width: 6),
                                      owner: owner, target: target)
            let request = nextRequest()
            var line = begin("consultation.requested")
            line.field("interaction", consult.id)
            line.field("parent", chat.id)
            line.field("request", request)
            line.field("from", agents[owner].id)
            line.target(kind: .agent, id: agents[target].id)
            finish(line)
            agents[owner].load += 1
            chat.consult = consult
            chat.pending = DemoPending(kind: .consultation, id: request, from: owner, targetAgent: target,
                                       reserved: true, answer: answer, consultationMode: false)
            return .done

        case .consultSays(let tone):
            guard let consult = chat.consult, consult.accepted, !consult.ended else { return .skipped }
            let speaker = tone.byOwner ? consult.owner : consult.target
            guard consult.agents.contains(speaker) else { return .skipped }
            let pool: [DemoTemplate]
            let key: Int
            switch tone {
            case .ask: (pool, key) = (texts.topics[chat.topic].consultAsk, 40)
            case .reply: (pool, key) = (texts.consultReplies, 41)
            case .decline: (pool, key) = (texts.consultDeclines, 42)
            case .inviting: (pool, key) = (texts.consultInviting, 43)
            case .ready: (pool, key) = (texts.consultReady, 44)
            }
            emitMessage(consult.id, party: agents[speaker].id, text: render(pick(pool, key, chat), chat),
                        agentsOnly: false)
            return .done

        case .consultConference:
            guard chat.pending == nil, let consult = chat.consult, consult.accepted, !consult.ended,
                  consult.agents.contains(consult.target), chat.agents.contains(consult.owner),
                  !chat.agents.contains(consult.target)
            else { return .skipped }
            let request = nextRequest()
            var line = begin("conference.requested")
            line.field("interaction", chat.id)
            line.field("request", request)
            line.field("from", agents[consult.owner].id)
            line.target(kind: .agent, id: agents[consult.target].id)
            line.field("mode", "consultation")
            line.field("consultation", consult.id)
            finish(line)
            chat.pending = DemoPending(kind: .conference, id: request, from: consult.owner,
                                       targetAgent: consult.target, reserved: false, answer: .accept,
                                       consultationMode: true)
            return .done

        case .consultEnd:
            guard let consult = chat.consult, consult.accepted, !consult.ended else { return .skipped }
            emitChatEnded(consult.id)
            closeConsult(consult, explicit: true)
            return .done

        case .consultLeave:
            guard let consult = chat.consult, consult.accepted, !consult.ended,
                  let leaver = consult.agents.last
            else { return .skipped }
            emitLeft(consult.id, party: agents[leaver].id)
            leaveConsult(consult, leaver)
            return consult.ended ? .done : .again

        case .answer:
            return answer(chat)

        case .remove(let ownerRemovesOther):
            guard chat.agents.count >= 2, let owner = chat.owner,
                  let other = chat.agents.first(where: { $0 != owner })
            else { return .skipped }
            let (removed, by) = ownerRemovesOther ? (other, owner) : (owner, other)
            var line = begin("party.removed")
            line.field("interaction", chat.id)
            line.field("party", agents[removed].id)
            line.field("by", agents[by].id)
            finish(line)
            leave(chat, removed)
            return .done

        case .handOff:
            guard chat.agents.count >= 2, let owner = chat.owner else { return .skipped }
            emitLeft(chat.id, party: agents[owner].id)
            leave(chat, owner)
            return .done

        case .otherLeaves:
            guard chat.agents.count >= 2, let owner = chat.owner,
                  let other = chat.agents.last(where: { $0 != owner })
            else { return .skipped }
            emitLeft(chat.id, party: agents[other].id)
            leave(chat, other)
            return .done

        case .agentsLeave:
            guard let owner = chat.owner else { return .skipped }
            // Colleagues usually drop off before the owner; sometimes the owner goes
            // first and the chat passes to the colleague.
            let leaver = chat.agents.count > 1 && rng.chance(70)
                ? (chat.agents.last { $0 != owner } ?? owner) : owner
            emitLeft(chat.id, party: agents[leaver].id)
            leave(chat, leaver)
            return chat.ended ? .done : .again

        case .contactLeaves(let disconnected):
            guard chat.contactConnected else { return .skipped }
            emitLeft(chat.id, party: chat.contactID, disconnected: disconnected)
            chat.contactConnected = false
            if disconnected {
                for agent in chat.agents { agents[agent].workCode = DemoCode.noAnswer }
            }
            return .done

        case .disposition:
            guard let owner = chat.owner else { return .skipped }
            emitDisposition(chat.id, agent: owner, code: agents[owner].workCode)
            agents[owner].dispositionSetInChat = true
            return .done

        case .endChat:
            emitChatEnded(chat.id)
            closeChat(chat, explicit: true)
            return .done

        case .lateEndChat, .consultLateEnd:
            return .skipped
        }
    }

    private func nextRequest() -> String {
        requestCount += 1
        return prefix + "req-" + DemoFormat.padded(requestCount, width: 6)
    }

    private func targetID(_ kind: DemoTargetKind, _ agent: Int?, _ chat: DemoChat) -> String {
        switch kind {
        case .agent: return agent.map { agents[$0].id } ?? texts.topics[chat.topic].queue
        case .queue: return texts.topics[chat.topic].queue
        case .routingPoint: return texts.routingPoints[chat.topic % texts.routingPoints.count]
        }
    }

    /// Answers the chat's pending request as scripted. A queue or routing-point request
    /// reaches a ready agent at answer time; with nobody ready it times out.
    private func answer(_ chat: DemoChat) -> Outcome {
        guard let pending = chat.pending, pending.answer != .never else { return .skipped }
        let kindName: String
        switch pending.kind {
        case .conference: kindName = "conference"
        case .consultation: kindName = "consultation"
        case .transfer: kindName = "transfer"
        }
        var accepter: Int?
        if pending.answer == .accept {
            accepter = pending.targetAgent ?? reserveColleague(for: chat)
        }
        chat.pending = nil
        guard let agent = accepter else {
            let reason = pending.answer == .decline ? "declined" : "timeout"
            var line = begin(kindName + ".released")
            line.field("request", pending.id)
            line.field("reason", reason)
            finish(line)
            if pending.kind == .consultation, let consult = chat.consult, !consult.ended {
                closeConsult(consult, explicit: false)
            }
            if pending.reserved, let target = pending.targetAgent { unreserve(target) }
            return .done
        }
        var line = begin(kindName + ".accepted")
        line.field("request", pending.id)
        line.field("agent", agents[agent].id)
        finish(line)
        // Whoever handed the chat on, and some who called for help, record an escalation.
        if pending.kind == .transfer || (pending.kind == .conference && rng.chance(40)) {
            agents[pending.from].workCode = DemoCode.escalated
        }
        switch pending.kind {
        case .conference:
            join(chat, agent)
            if pending.consultationMode, let consult = chat.consult, !consult.ended {
                // Joining first keeps the colleague busy while the consultation closes.
                closeConsult(consult, explicit: false)
                agents[consult.owner].workChat = chat.id
            }
        case .consultation:
            if let consult = chat.consult {
                consult.accepted = true
                consult.agents.append(agent)
                agents[agent].reserved = false
                agents[agent].load += 1
                agents[agent].workChat = nil
            }
        case .transfer:
            join(chat, agent)
            chat.owner = agent
            chat.transferred = true
            if let sender = chat.agents.first(where: { $0 == pending.from }) {
                if let index = chat.agents.firstIndex(of: sender) { chat.agents.remove(at: index) }
                release(sender)
            }
        }
        return .done
    }
}
