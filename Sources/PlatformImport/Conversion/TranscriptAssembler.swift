import InteractionStore
import InteractionModel

/// Turns a transcript's records into events of the log, as SPEC §8 says: pure, shared by both
/// platforms. Other platforms record only joins and leaves, so it infers what §2 needs:
/// - the first agent to join becomes the owner (`party.joined`);
/// - a second agent joining while another is connected joins through an accepted instant
///   conference requested by the owner (`N` requested, `N.1` accepted), or, when an invitation
///   record came first, requested at the invitation's time;
/// - an agent leaving while no other agent is connected, when another agent joins later,
///   hands the chat over: `transfer.requested` at the leave, `transfer.accepted` at the join
///   (where §2 records the sender leaving with reason `transferred`);
/// - once the chat has ended, the parties' own leave records are part of that end.
///
/// It keeps the same account of who is connected as the store's rules do, so what it emits
/// holds under §2 when the source itself is consistent; when it is not, the store's rules name
/// the event.
struct TranscriptAssembler {
    let interaction: String
    private var records: [TranscriptRecord]
    private var events: [ConvertedEvent] = []
    private(set) var skipped = SkippedRecords()

    private var contact: String?
    /// Connected agents in join order; the first is the owner (the store's automatic rule).
    private var connected: [String] = []
    private var ended = false
    private var endedExplicitly = false
    /// A transfer requested at a leave, waiting for the next join.
    private var pendingTransfer: (request: String, from: String, target: String)?
    /// Conference requests made at invitations, by target, waiting for the target's join.
    private var invitations: [(request: String, from: String, target: String)] = []

    /// - Parameters:
    ///   - interaction: the prefixed interaction id; event ids are `interaction:N`.
    ///   - records: the records in file order; they are put in time order (ties keep file order).
    init(interaction: String, records: [TranscriptRecord]) {
        self.interaction = interaction
        // Stable: records that share a time keep their file order (SPEC §8).
        self.records = records.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// The events, in order.
    mutating func assemble() -> [ConvertedEvent] {
        for index in records.indices { take(index) }
        return events
    }

    private var owner: String? { connected.first }

    private func id(_ number: String, _ sub: Int = 0) -> String {
        sub == 0 ? interaction + ":" + number : interaction + ":" + number + "." + String(sub)
    }

    private mutating func emit(_ record: TranscriptRecord, _ sub: Int, _ body: Event.Body) {
        events.append(ConvertedEvent(event: Event(id: id(record.number, sub), at: record.at, body: body), origin: record.origin))
    }

    private mutating func take(_ index: Int) {
        let record = records[index]
        switch record.action {
        case let .contactJoined(id, name):
            guard contact == nil else { return skipped.add("repeated customer join") }
            contact = id
            emit(record, 0, .chatStarted(interaction: interaction, contact: id, contactName: name))
        case let .agentJoined(agent):
            join(agent, record)
        case let .invited(agent):
            invite(agent, at: index)
        case let .message(party, text, visibility):
            emit(record, 0, .message(interaction: interaction, party: party, text: text, visibility: visibility))
        case let .left(party, reason):
            leave(party, reason: reason, at: index)
        case let .removed(party, by):
            if ended { return }  // part of the chat's end
            if party == contact || !connected.contains(by) || party == by {
                // The contact cannot be removed, nor removed by someone not connected (SPEC §2):
                // the source says the party's connection ended, which is a leave.
                leave(party, reason: .ended, at: index)
                return
            }
            connected.removeAll { $0 == party }
            invitations.removeAll { $0.from == party }
            emit(record, 0, .partyRemoved(interaction: interaction, party: party, by: by))
        case .chatEnded:
            guard !endedExplicitly else { return }  // a second explicit end would be rejected
            endedExplicitly = true
            end()
            emit(record, 0, .chatEnded(interaction: interaction))
        }
    }

    private mutating func join(_ agent: String, _ record: TranscriptRecord) {
        if connected.contains(agent) { return skipped.add("repeated join") }
        if let transfer = pendingTransfer, transfer.target == agent {
            pendingTransfer = nil
            connected.removeAll { $0 == transfer.from }
            connected.insert(agent, at: 0)  // the target becomes the owner
            emit(record, 0, .accepted(kind: .transfer, request: transfer.request, agent: agent))
        } else if let slot = invitations.firstIndex(where: { $0.target == agent }) {
            let invitation = invitations.remove(at: slot)
            connected.append(agent)
            emit(record, 0, .accepted(kind: .conference, request: invitation.request, agent: agent))
        } else if let owner {
            let request = id(record.number)
            connected.append(agent)
            emit(record, 0, .conferenceRequested(interaction: interaction, request: request, from: owner,
                                                 target: Target(kind: .agent, id: agent), mode: .instant, consultation: nil))
            emit(record, 1, .accepted(kind: .conference, request: request, agent: agent))
        } else {
            connected.append(agent)
            emit(record, 0, .partyJoined(interaction: interaction, agent: agent))
        }
    }

    /// An invitation: a conference request from the owner, now, to the agent it names, or else
    /// to the next agent who joins and is not connected yet.
    private mutating func invite(_ named: String?, at index: Int) {
        let record = records[index]
        let target: String?
        if let named, !connected.contains(named) {
            target = named
        } else {
            target = nextJoin(after: index) { !connected.contains($0) }
        }
        guard !ended, let owner, let target, !invitations.contains(where: { $0.target == target }) else {
            return skipped.add("invitation without a join")
        }
        let request = id(record.number)
        invitations.append((request, owner, target))
        emit(record, 0, .conferenceRequested(interaction: interaction, request: request, from: owner,
                                             target: Target(kind: .agent, id: target), mode: .instant, consultation: nil))
    }

    private mutating func leave(_ party: String, reason: LeaveReason, at index: Int) {
        if ended { return }  // part of the chat's end
        let record = records[index]
        guard connected.contains(party) else {
            if party == contact { contact = nil }
            // The contact (or a party the store will name as unknown).
            emit(record, 0, .partyLeft(interaction: interaction, party: party, reason: reason))
            return
        }
        // The store releases a leaving requester's pending requests.
        invitations.removeAll { $0.from == party }
        if connected.count == 1, pendingTransfer == nil, let next = nextJoin(after: index, where: { $0 != party }) {
            let request = id(record.number)
            pendingTransfer = (request, party, next)
            emit(record, 0, .transferRequested(interaction: interaction, request: request, from: party, target: Target(kind: .agent, id: next)))
            return
        }
        connected.removeAll { $0 == party }
        emit(record, 0, .partyLeft(interaction: interaction, party: party, reason: reason))
        if connected.isEmpty, pendingTransfer == nil { end() }  // the last agent left: the chat ends (SPEC §2)
    }

    private mutating func end() {
        ended = true
        connected = []
        invitations = []
        pendingTransfer = nil
    }

    /// The agent of the first join after `index` that passes `accept`, unless the chat ends first.
    private func nextJoin(after index: Int, where accept: (String) -> Bool) -> String? {
        for later in records[(index + 1)...] {
            switch later.action {
            case .agentJoined(let agent) where accept(agent): return agent
            case .chatEnded: return nil
            default: continue
            }
        }
        return nil
    }
}
