/// What one export run wrote.
public struct ExportResult: Sendable {
    /// The run's id in the export history.
    public var runId: Int64
    /// The run's directory (absolute).
    public var directory: String
    /// The manifest written last into the directory.
    package var manifest: ExportManifest
    /// Wall-clock seconds the run took.
    public var elapsedSeconds: Double
    /// Interactions whose hash chain the run verified before writing (those it exports).
    package var chainsVerified: Int
    /// Timeline entries it hashed doing so.
    package var entriesVerified: Int
    /// Wall-clock seconds that verification took (part of `elapsedSeconds`): the time spent
    /// hashing and comparing the entries as the timeline streamed, and looking for
    /// interactions without entries.
    package var verificationSeconds: Double
    /// The directory of an earlier, interrupted run whose manifest this run put in place, if any.
    package var recoveredDirectory: String?

    /// Rows written across the run's files.
    public var rows: Int { manifest.rows }
    /// The run's anchor, its manifest's `store_head`: publish it, and a later rewrite of what
    /// the run exported shows (SPEC section 4, "Anchored history").
    public var storeHead: String { manifest.storeHead }
}
