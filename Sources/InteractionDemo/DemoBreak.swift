/// Why an agent is not ready: the `reason` of its `agent.state` event.
enum DemoBreak {
    static let reasons = ["break", "lunch", "training"]
    static let shortBreak = 0
    static let lunch = 1
    static let training = 2
}
