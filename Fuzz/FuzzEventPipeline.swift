// libFuzzer target for the event decoder and the workflow rules (issue 7, part 5).
//
// Compiled by Fuzz/run.sh together with the library's pure sources (JSON parser, timestamps,
// model, rules, decoder, JSON writer) into one module named InteractionStore, so it can use
// internal API; nothing here touches SQLite, files or clocks.
//
// Each input is split into lines as `storectl import` does. Every line is decoded with
// `EventDecoder.decode`; an event that decodes is applied to one `WorkflowState` kept across
// inputs, so earlier inputs build chats, requests and agent states that later inputs act on.
// Beyond "no crash, no memory error", every line checks:
//   - the decoded event's canonical JSON (what its content hash covers) parses back with the
//     same id and text, and decoding the line again gives the same canonical JSON;
//   - a rejected event (RuleViolation) leaves the state exactly as it was;
//   - after an accepted event: an ended interaction has nobody connected, no connection left
//     before it joined, and an active interaction's owner is connected (or there is none).
// A failed check calls `fatalError` (its message survives -O, unlike a precondition's), which
// libFuzzer reports as a crash.

nonisolated(unsafe) private var world = WorkflowState()
nonisolated(unsafe) private var linesSinceReset = 0

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    var start = 0
    while start <= input.count {
        var end = start
        while end < input.count, input[end] != 0x0A { end += 1 }
        var line = UnsafeRawBufferPointer(rebasing: input[start..<end])
        if let last = line.last, last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }  // CR before LF
        if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { check(line) }
        start = end + 1
    }
    // Keep the world small so each check stays cheap; a fresh world also re-explores starts.
    if world.interactions.count > 200 || linesSinceReset > 20_000 {
        world = WorkflowState()
        linesSinceReset = 0
    }
    return 0
}

private func check(_ line: UnsafeRawBufferPointer) {
    linesSinceReset += 1
    let event: Event
    do {
        event = try EventDecoder.decode(line)
    } catch {
        return  // rejected input: the decoder's job is done when it throws
    }

    // The canonical form (what the content hash is computed over) is JSON the parser reads back
    // with the same strings: the writer's escaping and the parser's unescaping agree.
    let canonical = event.canonicalJSON
    let parsed: JSONValue
    do {
        parsed = try JSONParser.parse(canonical)
    } catch {
        fail("the canonical JSON of an event does not parse: \(error) — \(canonical.prefix(300))")
    }
    guard case .object(let members) = parsed, case .string(let id)? = members["id"] else {
        fail("the canonical JSON of an event is not an object with its id: \(canonical.prefix(300))")
    }
    require(id.utf8.elementsEqual(event.id.utf8), "the canonical JSON changes the event id: \(canonical.prefix(300))")
    if case let .message(_, _, text, _) = event.body {
        guard case .string(let stored)? = members["text"] else { fail("the canonical JSON of a message lacks its text") }
        require(stored.utf8.elementsEqual(text.utf8), "the canonical JSON changes a message text: \(canonical.prefix(300))")
    }
    let again = (try? EventDecoder.decode(line))?.canonicalJSON ?? ""
    require(Array(canonical.utf8) == Array(again.utf8), "decoding a line twice gives two canonical forms")

    let before = world
    do {
        _ = try world.apply(event)
    } catch {
        require(world.interactions == before.interactions && world.requests == before.requests
                     && world.agentStates == before.agentStates && world.codes == before.codes,
                     "a rejected event changed the state: \(error)")
        return
    }
    for interaction in world.interactions.values {
        let connected = interaction.connections.filter(\.isConnected)
        if interaction.endedAt != nil {
            require(connected.isEmpty, "ended interaction \(interaction.id.prefix(80)) still has \(connected.count) connected part(ies) after \(event.id.prefix(80))")
        } else if let owner = interaction.owner {
            require(connected.contains { $0.party.same(owner) }, "active interaction \(interaction.id.prefix(80)) has owner \(owner.prefix(80)) who is not connected, after \(event.id.prefix(80))")
        }
        for connection in interaction.connections {
            if let leftAt = connection.leftAt {
                require(leftAt >= connection.joinedAt, "a connection left before it joined in \(interaction.id.prefix(80))")
            }
        }
    }
}

private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

private func fail(_ message: String) -> Never {
    fatalError(message)
}
