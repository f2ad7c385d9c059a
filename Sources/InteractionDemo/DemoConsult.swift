/// A consultation of a chat: the owner and the consulted colleague.
final class DemoConsult {
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
