/// One step of a chat's script: an action, some time after the previous one.
struct DemoPlanStep {
    let delayMs: Int
    let act: DemoAct
}
