import InteractionStore

/// An error the CLI reports itself: a sentence and a sysexits status.
struct CommandFailure: Error {
    var status: ExitStatus
    var message: String
}

extension CommandFailure {
    /// The failure for a library error: the exit status of its category, and its own words.
    init(_ error: some CategorizedError & CustomStringConvertible) {
        self.init(status: ExitStatus(error.category), message: error.description)
    }
}
