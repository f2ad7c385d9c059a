import InteractionModel

/// A realistic, reproducible event log (SPEC section 2) that exercises every workflow of SPEC
/// section 1: the sequence of its `Event`s, in log order.
///
/// The log simulates a contact center: agents log in each morning, chats arrive through
/// the day and are routed to the longest-idle ready agent, agents conference, consult and
/// transfer, set dispositions during after-call work, take breaks and lunch, and log out
/// in the evening. A day holds as many chats as the agents can handle, so a large
/// `interactions` count spans several days.
///
/// Guarantees (so that the log imports into an empty store with no rejection):
/// - events come in globally non-decreasing `at` order, so every ordering rule holds;
/// - the log starts with the `disposition.defined` events of every code it uses, with
///   labels that are the same for every seed (re-defining them is a no-op);
/// - every id but disposition codes and queue names contains `d<seed>-`, so logs of
///   different seeds can be imported into one store;
/// - every chat and consultation ends within the log, and every agent logs out;
/// - the same `(interactions, seed)` give the same events, in every process.
///
/// Generation is lazy: memory stays proportional to the number of agents plus open chats,
/// whatever the size. Write the log with `EventEncoder`, or hand the sequence to
/// `Store.importEvents(_:)`:
///
/// ```swift
/// let summary = try store.importEvents(DemoGenerator(interactions: 500, seed: 1))
/// for event in DemoGenerator(interactions: 3, seed: 7) { print(EventEncoder.line(event)) }
/// ```
package struct DemoGenerator: Sequence, Sendable {
    /// Number of chats in the log (consultations come on top of these).
    package let interactions: Int
    /// Seed of the pseudo-random generator; it is also part of every id.
    package let seed: UInt64

    /// Creates a generator for `interactions` chats (negative counts mean none) driven by `seed`.
    package init(interactions: Int, seed: UInt64) {
        self.interactions = Swift.max(0, interactions)
        self.seed = seed
    }

    /// Starts a run of the simulation from its beginning.
    package func makeIterator() -> Iterator {
        Iterator(simulation: DemoSimulation(chats: interactions, seed: seed))
    }

    /// One run of the simulation, yielding its events in log order. Copies of an iterator
    /// share the run.
    package struct Iterator: IteratorProtocol {
        private let simulation: DemoSimulation
        private var index = 0

        init(simulation: DemoSimulation) {
            self.simulation = simulation
            simulation.start()
        }

        /// The next event of the log, or nil after the last one.
        package mutating func next() -> Event? {
            // A step may produce no event (a superseded agent task): run steps until one does.
            while index == simulation.out.count {
                simulation.out.removeAll(keepingCapacity: true)
                index = 0
                guard simulation.step() else { return nil }
            }
            index += 1
            return simulation.out[index - 1]
        }
    }
}
