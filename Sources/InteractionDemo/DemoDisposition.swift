/// The disposition catalog the demo uses. Labels are fixed so every seed defines the same
/// catalog (and FOLLOW_UP / RESOLVED match the examples in shared/examples); codes are
/// referred to by their index in `catalog`.
enum DemoDisposition {
    static let catalog: [(code: String, label: String)] = [
        ("RESOLVED", "Resolved"),
        ("FOLLOW_UP", "Follow-up required"),
        ("ESCALATED", "Escalated to a specialist"),
        ("BILLING", "Billing issue"),
        ("NO_ANSWER", "Contact stopped answering"),
    ]

    static let resolved = 0
    static let followUp = 1
    static let escalated = 2
    static let billing = 3
    static let noAnswer = 4
}
