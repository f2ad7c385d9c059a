/// An agent state change as the rules see it.
package struct AgentStateChange: Sendable, Equatable {
    /// The state entered.
    package var state: AgentState
    /// When.
    package var at: Int64

    /// Creates a change.
    package init(state: AgentState, at: Int64) {
        self.state = state
        self.at = at
    }
}
