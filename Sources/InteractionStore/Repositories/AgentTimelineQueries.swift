/// SQL shared by the readers of agent timelines (one timeline per agent and channel): the
/// current states, the agent state report and the console's state timeline.
///
/// Each reads a timeline through the covering index `agent_states_agent` (agent_id, channel,
/// at, id, state, reason) by seeks, never by a pass over every change: on a 100,000-chat store
/// (293,000 changes, 99 agents) the window function the current states used before sorted every
/// change and took 0.9 s; the seeks take about 4 ms.
enum AgentTimelineQueries {
    /// Every agent and channel with a recorded change, in byte order, found by a skip scan:
    /// each step seeks the next agent (`min(agent_id) … > previous`), then each agent's channels
    /// the same way, so the work grows with the number of timelines, not of changes.
    static let timelines = """
        WITH RECURSIVE agents(agent_id) AS (
            SELECT min(agent_id) FROM agent_states
            UNION ALL
            SELECT (SELECT min(n.agent_id) FROM agent_states AS n WHERE n.agent_id > a.agent_id)
            FROM agents AS a WHERE a.agent_id IS NOT NULL
        ),
        timelines(agent_id, channel) AS (
            SELECT a.agent_id, (SELECT min(s.channel) FROM agent_states AS s WHERE s.agent_id = a.agent_id)
            FROM agents AS a WHERE a.agent_id IS NOT NULL
            UNION ALL
            SELECT t.agent_id, (SELECT min(n.channel) FROM agent_states AS n WHERE n.agent_id = t.agent_id AND n.channel > t.channel)
            FROM timelines AS t WHERE t.channel IS NOT NULL
        )
        """

    /// The timelines themselves, ordered by agent, then channel.
    static let all = timelines + """

        SELECT agent_id, channel FROM timelines WHERE channel IS NOT NULL ORDER BY agent_id, channel
        """

    /// Each timeline's latest change (the greatest `at`, then `id`), ordered by agent and channel.
    static let latest = timelines + """

        SELECT s.agent_id, s.channel, s.state, s.reason, s.at
        FROM timelines AS t
        JOIN agent_states AS s ON s.id = (
            SELECT n.id FROM agent_states AS n WHERE n.agent_id = t.agent_id AND n.channel = t.channel
            ORDER BY n.at DESC, n.id DESC LIMIT 1)
        WHERE t.channel IS NOT NULL
        ORDER BY s.agent_id, s.channel
        """

    /// One timeline's last change before ?3 (the change in effect at ?3), if any.
    /// Parameters: ?1 agent, ?2 channel, ?3 time.
    static let opening = """
        SELECT state, reason, at FROM agent_states
        WHERE agent_id = ?1 AND channel = ?2 AND at < ?3
        ORDER BY at DESC, id DESC LIMIT 1
        """

    /// Whether one timeline has a change before ?3 (a row when it has).
    /// Parameters: ?1 agent, ?2 channel, ?3 time.
    static let anyBefore = """
        SELECT 1 FROM agent_states WHERE agent_id = ?1 AND channel = ?2 AND at < ?3 LIMIT 1
        """

    /// One timeline's changes in `?3 <= at < ?4`, in timeline order (an index range, no sort).
    /// Parameters: ?1 agent, ?2 channel, ?3 lower bound, ?4 upper bound.
    static let inside = """
        SELECT state, reason, at FROM agent_states
        WHERE agent_id = ?1 AND channel = ?2 AND at >= ?3 AND at < ?4
        ORDER BY at, id
        """
}
