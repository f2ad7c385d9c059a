import InteractionStore

/// An error the CLI reports itself: a sentence and a sysexits status.
struct CommandFailure: Error {
    var status: ExitStatus
    var message: String
}
