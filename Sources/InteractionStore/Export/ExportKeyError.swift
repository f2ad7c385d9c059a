import InteractionModel

/// A key file for signing exports (`export --sign-key`) or checking them (`verify
/// --public-key`) that cannot be used.
public enum ExportKeyError: CategorizedError, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist.
    case missing(path: String)
    /// The file exists but cannot be read (`reason`: the system's).
    case unreadable(path: String, reason: String)
    /// A private key file that group or others can read (`mode`: its permission bits).
    case readableByOthers(path: String, mode: UInt32)
    /// The file is not a key of the expected form (`expected`: what it should hold).
    case invalid(path: String, expected: String)

    /// One sentence saying what is wrong with which file and what to do.
    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such key file; check the path"
        case let .unreadable(path, reason):
            return "\(path): cannot read the key file (\(reason))"
        case let .readableByOthers(path, mode):
            return "\(path): the signing key is readable by group or others (mode \(String(mode, radix: 8))); a private key must be private: chmod 600 \(path)"
        case let .invalid(path, expected):
            return "\(path): not \(expected)"
        }
    }

    /// The kind of failure: missing for a key that is missing or unreadable, usage for a key
    /// others can read (the command is refused as given), data for a file that holds no such key.
    public var category: ErrorCategory {
        switch self {
        case .missing, .unreadable: return .missing
        case .readableByOthers: return .usage
        case .invalid: return .data
        }
    }
}
