import InteractionModel
/// A failure of a store operation that is the caller's to fix.
public enum StoreError: CategorizedError, Sendable, CustomStringConvertible {
    /// A read named an interaction the store does not hold.
    case unknownInteraction(String)
    /// A read named an interaction that retention purged.
    case purgedInteraction(String, PurgeRecord)
    /// The request is not possible for this interaction (e.g. `--as contact` on a consultation).
    case invalidRequest(String)
    /// A file the command needs does not exist.
    case missingInput(String)
    /// An output file or directory cannot be created.
    case cannotCreateOutput(String)
    /// Reading or writing a file failed.
    case io(String)
    /// The check found problems (each named).
    case checkFailed([String])

    /// One sentence saying what and where.
    public var description: String {
        switch self {
        case .unknownInteraction(let id): return "unknown interaction \(id)"
        case let .purgedInteraction(id, record):
            return "unknown interaction \(id): it was purged by purge #\(record.id) at \(Timestamp.format(record.purgedAt)) (cut-off \(Timestamp.format(record.cutoff))); its chain head then was \(record.chainHead ?? "empty")"
        case .invalidRequest(let text): return text
        case .missingInput(let path): return "\(path): no such file; check the path"
        case .cannotCreateOutput(let text): return text
        case .io(let text): return text
        case .checkFailed(let problems): return problems.joined(separator: "\n")
        }
    }

    /// The kind of failure.
    public var category: ErrorCategory {
        switch self {
        case .unknownInteraction, .purgedInteraction, .invalidRequest, .checkFailed: return .data
        case .missingInput: return .missing
        case .cannotCreateOutput: return .output
        case .io: return .io
        }
    }
}
