/// What kind of failure an error is, so that each shell maps it once: `storectl` to its exit
/// status (SPEC §5), the service to its HTTP status (SPEC §6).
public enum ErrorCategory: Sendable, Equatable {
    /// The request itself was wrong (an option, a key file others can read).
    case usage
    /// Bad input data, a broken rule, a failed check.
    case data
    /// An input (a file, a key) does not exist or cannot be read.
    case missing
    /// An output file or directory cannot be created.
    case output
    /// Reading or writing failed, including a full disk.
    case io
    /// Another writer held the database (or the export watermark) past the timeout: try again.
    case busy
    /// A bug, or something unexpected from SQLite.
    case `internal`
}

/// An error that says which `ErrorCategory` it is.
public protocol CategorizedError: Error {
    /// The kind of failure.
    var category: ErrorCategory { get }
}
