import InteractionModel

/// A chat's request that has not been answered yet.
struct DemoPending {
    enum Kind { case conference, consultation, transfer }
    let kind: Kind
    let id: String
    let from: Int
    /// The agent the request rings (agent targets), if any.
    let targetAgent: Int?
    /// Whether `targetAgent` was taken out of the ready pool for this request.
    let reserved: Bool
    let answer: DemoAct.Answer
    let consultationMode: Bool

    /// The store's name of the kind.
    var requestKind: RequestKind {
        switch kind {
        case .conference: .conference
        case .consultation: .consultation
        case .transfer: .transfer
        }
    }
}
