import InteractionStore
import StoreSQLite
import InteractionModel

/// Turns a library error into the sentence and exit status the user sees.
struct ErrorReport {
    var message: String
    var status: ExitStatus

    static func isDomainError(_ error: any Error) -> Bool {
        error is SQLiteError || error is MigrationError || error is StoreError || error is RuleViolation || error is ExportError
    }

    init(_ error: any Error) {
        switch error {
        case let error as SQLiteError:
            message = error.userMessage
            status = error.exitStatus
        case let error as MigrationError:
            message = error.description
            if case .invalidHistory = error { status = .dataError } else { status = .software }
        case let error as StoreError:
            message = error.description
            status = error.exitStatus
        case let error as ExportError:
            message = error.description
            status = error.exitStatus
        case let error as RuleViolation:
            message = error.description
            status = .dataError
        default:
            message = "\(error)"
            status = .software
        }
    }
}
