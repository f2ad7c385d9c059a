/// A scheduled step of the simulation.
enum DemoTask {
    case daySetup(day: Int)
    case arrival(day: Int)
    case bell(reason: Int, modulus: Int, remainder: Int)
    case shiftEnd(day: Int)
    case chatJoin(DemoChat, agent: Int)
    case chat(DemoChat)
    case agent(Int, token: Int, DemoAgent.Step)
}
