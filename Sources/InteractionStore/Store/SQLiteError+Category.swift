import InteractionModel
import StoreSQLite

extension SQLiteError: CategorizedError {
    /// The kind of failure this SQLite result code is.
    public var category: ErrorCategory {
        switch code {
        case .busy, .locked: return .busy
        case .full, .ioError: return .io
        case .corrupt, .notADatabase: return .data
        case .cannotOpen: return .output
        default: return .internal
        }
    }

    /// A sentence a user can act on.
    package var userMessage: String {
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
