import InteractionModel
import InteractionStore
import StoreSQLite

/// Turns a library error into the sentence and exit status the user sees: the one place where
/// an error's category becomes an exit status.
struct ErrorReport {
    var message: String
    var status: ExitStatus

    static func isDomainError(_ error: any Error) -> Bool {
        error is any CategorizedError
    }

    init(_ error: any Error) {
        switch error {
        case let error as SQLiteError:
            message = error.userMessage
            status = ExitStatus(error.category)
        case let error as StoreError:
            message = error.commandLineMessage
            status = ExitStatus(error.category)
        case let error as any CategorizedError & RemedyWorded:
            message = error.message(.storectl)
            status = ExitStatus(error.category)
        case let error as any CategorizedError:
            message = "\(error)"
            status = ExitStatus(error.category)
        default:
            message = "\(error)"
            status = .software
        }
    }
}
