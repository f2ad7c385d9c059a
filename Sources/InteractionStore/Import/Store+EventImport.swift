import InteractionModel

extension Store {
    /// Imports a sequence of events (a generator's, an importer's) exactly as `importEvents(fd:)`
    /// imports a log holding them one per line, in the same order: the same rules, the same
    /// all-or-nothing or keep-the-good semantics, the same batched commits, the same summary.
    /// The n-th event counts as line n, so a rejection names the line the event would have in
    /// the written log. Events are pulled one at a time: the sequence may be lazy and long.
    ///
    /// ```swift
    /// let summary = try store.importEvents(DemoGenerator(interactions: 500, seed: 1))
    /// ```
    /// - Parameters:
    ///   - events: the events, in log order.
    ///   - options: atomic (default) or keep-the-good; batch size.
    ///   - onProgress: called every 10,000 events and after each commit.
    /// - Returns: counts and the rejected events.
    /// - Throws: `SQLiteError` (busy, full disk: nothing of the open transaction is kept).
    package func importEvents(_ events: some Sequence<Event>, options: ImportOptions = ImportOptions(),
                             onProgress: (ImportProgress) -> Void = { _ in }) throws -> ImportSummary {
        try runImport(options: options, onProgress: onProgress) { run in
            for event in events {
                run.countLine()
                _ = try run.apply(event)
                try run.commitIfDue()
            }
        }
    }
}
