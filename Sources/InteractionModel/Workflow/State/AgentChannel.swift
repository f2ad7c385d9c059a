/// Key of an agent's state timeline: agent and channel, compared as exact bytes.
package struct AgentChannel: Sendable, Hashable {
    /// Byte-wise equality of both ids.
    package static func == (lhs: AgentChannel, rhs: AgentChannel) -> Bool {
        lhs.agent.same(rhs.agent) && lhs.channel.same(rhs.channel)
    }

    /// Hashes both ids' bytes.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(ExactID(agent))
        hasher.combine(ExactID(channel))
    }

    /// The agent.
    package var agent: String
    /// The channel (`chat` by default).
    package var channel: String

    /// Creates a key.
    package init(agent: String, channel: String) {
        self.agent = agent
        self.channel = channel
    }
}
