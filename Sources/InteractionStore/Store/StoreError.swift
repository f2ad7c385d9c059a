import Foundation
import InteractionModel

/// A failure of a store operation that is the caller's to fix. Each case carries what the
/// caller needs to act on (the interaction, the path, the system's error number); `description`
/// words it for a person, without the flags of any command line (the CLI and the service word
/// the cases that name a parameter themselves).
public enum StoreError: CategorizedError, Sendable, Equatable, CustomStringConvertible {
    /// A read named an interaction the store does not hold.
    case unknownInteraction(String)
    /// A read named an interaction that retention purged.
    case purgedInteraction(String, PurgeRecord)
    /// The contact's view of a consultation was asked for: the contact never sees one.
    case consultationHasNoContactView(interaction: String)
    /// A file the command needs does not exist.
    case missingInput(String)
    /// The output at `path` cannot be used: it exists, is taken, or cannot be created.
    case unusableOutput(path: String, problem: OutputProblem)
    /// A file operation failed: `errno` is the system's error number (nil when it gave none).
    case fileFailed(FileOperation, path: String, errno: Int32?)
    /// A stored value outside the store's vocabulary (`value` in `table`.`column`): the database
    /// was changed outside the store.
    case undecodableValue(table: String, column: String, value: String)

    /// Why an output cannot be used, and which output it is.
    public enum OutputProblem: Sendable, Equatable {
        /// A backup's destination exists: a backup never overwrites.
        case backupExists
        /// A backup's destination cannot be created (`errno`).
        case backupNotCreated(errno: Int32)
        /// An export directory's path is a file.
        case exportDirectoryIsAFile
        /// The export directory holds an earlier run's `manifest.json`.
        case exportDirectoryHoldsEarlierRun
        /// Another export is writing into the directory (it holds the directory's lock).
        case exportDirectoryInUse
        /// The export directory cannot be created (`errno`).
        case exportDirectoryNotCreated(errno: Int32)
        /// The export directory cannot be opened (`errno`).
        case exportDirectoryNotOpened(errno: Int32)
        /// A file of the export cannot be created in its directory (`errno`).
        case exportFileNotCreated(errno: Int32)
    }

    /// What the store was doing with a file.
    public enum FileOperation: Sendable, Equatable {
        /// Reading the event log (`path` is how the caller named its input).
        case readInput
        case read, write, sync
        /// Renaming the file into place at `to`.
        case rename(to: String)
    }

    /// One sentence saying what and where.
    public var description: String {
        switch self {
        case .unknownInteraction(let id): return "unknown interaction \(id)"
        case let .purgedInteraction(id, record):
            return "unknown interaction \(id): it was purged by purge #\(record.id) at \(Timestamp.format(record.purgedAt)) (cut-off \(Timestamp.format(record.cutoff))); its chain head then was \(record.chainHead ?? "empty")"
        case .consultationHasNoContactView(let interaction):
            return "interaction \(interaction) is a consultation, which the contact never sees: its contact view is not possible; read it as an agent"
        case .missingInput(let path): return "\(path): no such file; check the path"
        case let .unusableOutput(path, problem): return Self.describe(path, problem)
        case let .fileFailed(operation, path, errno): return Self.describe(operation, path, errno)
        case let .undecodableValue(table, column, value):
            return "the database holds \(shown(value)) in \(table).\(column), which the store never writes: it was changed outside the store; run the store's check and restore the database from a backup"
        }
    }

    /// The kind of failure.
    public var category: ErrorCategory {
        switch self {
        case .unknownInteraction, .purgedInteraction, .consultationHasNoContactView, .undecodableValue: return .data
        case .missingInput: return .missing
        case .unusableOutput: return .output
        case .fileFailed: return .io
        }
    }

    private static func describe(_ path: String, _ problem: OutputProblem) -> String {
        switch problem {
        case .backupExists:
            return "\(path) already exists; a backup never overwrites a file — choose a new path"
        case .backupNotCreated(let code):
            return "cannot create \(path): \(reason(code)); check that its directory exists and is writable"
        case .exportDirectoryIsAFile:
            return "\(path) exists and is not a directory; export into a directory (a new one for each run)"
        case .exportDirectoryHoldsEarlierRun:
            return "\(path) already holds manifest.json from an earlier export run; export into a new directory (each run writes a directory of its own)"
        case .exportDirectoryInUse:
            return "another export is writing into \(path) right now; give each run a directory of its own"
        case .exportDirectoryNotCreated(let code):
            return "cannot create the export directory \(path): \(reason(code)); check that its parent exists and is writable"
        case .exportDirectoryNotOpened(let code):
            return "cannot open the export directory \(path): \(reason(code))"
        case .exportFileNotCreated(let code):
            return "cannot create \(path): \(reason(code)); check that the directory is writable"
        }
    }

    private static func describe(_ operation: FileOperation, _ path: String, _ code: Int32?) -> String {
        let because = code.map { ": \(reason($0))" } ?? ""
        switch operation {
        case .readInput: return "cannot read the input\(because)"
        case .read: return code == nil ? "cannot read \(path); check its permissions" : "cannot read \(path)\(because)"
        case .write: return "cannot write \(path)\(because); nothing of this export was recorded"
        case .sync: return "cannot sync \(path)\(because); nothing of this export was recorded"
        case .rename(let target): return "cannot rename \(path) to \(target)\(because)"
        }
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
