/// One chat of the simulation: its contact, who is connected, and its script.
final class DemoChat {
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
