import InteractionModel

/// A failure particular to an export run.
public enum ExportError: CategorizedError, Sendable, CustomStringConvertible, RemedyWorded {
    /// Another incremental export recorded its run while this one was writing: this run's
    /// window overlaps it, so nothing of this run was recorded and no manifest was written.
    case watermarkMoved(expected: Int64, found: Int64?)
    /// The run was recorded (the watermark moved) but its manifest could not be put in place;
    /// the complete manifest is kept at `pending` and the next export finishes the job.
    case manifestNotPlaced(directory: String, pending: String, reason: String)
    /// The chains of interactions this run would export are broken (each chain's first bad
    /// entry): nothing was written, no manifest, the watermark did not move.
    case brokenChains([ChainBreak])
    /// The run was recorded and its manifest is in place, but `manifest.json.sig` could not be
    /// put beside it; the signature is complete at `pending`.
    case signatureNotPlaced(directory: String, pending: String, reason: String)

    /// One sentence saying what happened and what to do.
    public var description: String { message(.library) }

    /// What happened and what to do, worded by `wording`.
    package func message(_ wording: RemedyWording) -> String {
        switch self {
        case let .watermarkMoved(expected, found):
            return "another export ran at the same time and moved the export watermark (from \(expected) to \(found.map(String.init) ?? "nothing")); nothing of this run was recorded and no manifest was written — run the export again"
        case let .manifestNotPlaced(directory, pending, reason):
            return "the run was recorded but manifest.json could not be put in \(directory) (\(reason)); it is complete at \(pending), and the next \(wording.export) puts it in place"
        case .brokenChains(let breaks):
            let count = breaks.count == 1 ? "1 broken hash chain" : "\(breaks.count) broken hash chains"
            return (breaks.map(\.description) + [
                "export refused: \(count) among the interactions of this run; nothing was written and the watermark did not move (run \(wording.check), and restore the database from a backup)",
            ]).joined(separator: "\n")
        case let .signatureNotPlaced(directory, pending, reason):
            return "the run was recorded and \(directory)/manifest.json is in place, but manifest.json.sig could not be put beside it (\(reason)); the signature is complete at \(pending): rename it to manifest.json.sig"
        }
    }

    /// The kind of failure: busy (try again) for a concurrent export, I/O for a file not put
    /// in place, data for broken chains.
    public var category: ErrorCategory {
        switch self {
        case .watermarkMoved: return .busy
        case .manifestNotPlaced, .signatureNotPlaced: return .io
        case .brokenChains: return .data
        }
    }
}
