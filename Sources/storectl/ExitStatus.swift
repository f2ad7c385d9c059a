import InteractionModel

import StoreSQLite
/// The process exit statuses of SPEC section 5 (BSD sysexits).
enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// The command line was wrong.
    case usage = 64
    /// Bad input data, a rule violation or a failed check.
    case dataError = 65
    /// An input file does not exist.
    case noInput = 66
    /// An internal error (a bug, or something unexpected from SQLite).
    case software = 70
    /// An output file or directory cannot be created.
    case cannotCreate = 73
    /// An I/O error, including a full disk.
    case ioError = 74
    /// A temporary failure: the database stayed busy or locked past the timeout.
    case temporaryFailure = 75
}

extension ExitStatus {
    /// The one mapping of an error's category to the process exit status.
    init(_ category: ErrorCategory) {
        switch category {
        case .usage: self = .usage
        case .data: self = .dataError
        case .missing: self = .noInput
        case .output: self = .cannotCreate
        case .io: self = .ioError
        case .busy: self = .temporaryFailure
        case .internal: self = .software
        }
    }
}
