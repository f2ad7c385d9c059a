import StoreSQLite
/// The process exit statuses of SPEC section 5 (BSD sysexits).
public enum ExitStatus: Int32, Sendable {
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

extension SQLiteError {
    /// The exit status this SQLite failure maps to.
    public var exitStatus: ExitStatus {
        switch code {
        case .busy, .locked: return .temporaryFailure
        case .full, .ioError: return .ioError
        case .corrupt, .notADatabase: return .dataError
        case .cannotOpen: return .cannotCreate
        default: return .software
        }
    }

    /// A sentence a user can act on.
    public var userMessage: String {
        switch code {
        case .busy, .locked:
            return "the database is busy: another process held its lock past the timeout (\(message)); try again when it is done"
        case .full:
            return "the disk (or the database's size limit) is full: \(message); nothing of this transaction was written — free space and run the command again"
        case .ioError:
            return "I/O error on the database: \(message); check the disk and run the command again"
        case .corrupt, .notADatabase:
            return "the database file is damaged or not an InteractionStore database: \(message); restore it from a backup"
        case .cannotOpen:
            return "cannot open the database: \(message); check that its directory exists and is writable"
        default:
            return description
        }
    }
}
