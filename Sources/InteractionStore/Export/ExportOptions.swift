/// What `Store.export` writes and where.
public struct ExportOptions: Sendable {
    /// The run's directory: created (mode 0700) when missing; refused when it already holds a
    /// `manifest.json` (each run gets a directory of its own).
    public var directory: String
    /// The files' format.
    public var format: ExportFormat
    /// Everything final up to now, without moving the watermark (still recorded in the history).
    public var full: Bool
    /// Mask e-mail addresses, phone and card numbers in message text and replace contact names
    /// (see `Redactor` for exactly what is masked).
    public var redact: Bool
    /// Sign the manifest: `manifest.json.sig`, the raw Ed25519 signature of its bytes, is
    /// written last (nil: no signature).
    package var signingKey: ExportSigningKey?

    /// Test hook: runs inside the read transaction, after the window is fixed and before any
    /// row is read (a concurrent writer committed here must not be seen, nor be skipped later).
    var afterSnapshot: (@Sendable () throws -> Void)?
    /// Test hook: runs after every file is written, before the run is recorded (a failure
    /// here must leave no manifest and the watermark where it was).
    var beforeFinalStep: (@Sendable () throws -> Void)?

    /// Options for a run into `directory`; incremental NDJSON without redaction by default.
    public init(directory: String, format: ExportFormat = .ndjson, full: Bool = false, redact: Bool = false) {
        self.directory = directory
        self.format = format
        self.full = full
        self.redact = redact
    }

    /// Options for a signed run (`storectl export --sign-key`).
    package init(directory: String, format: ExportFormat = .ndjson, full: Bool = false, redact: Bool = false,
                 signingKey: ExportSigningKey?) {
        self.init(directory: directory, format: format, full: full, redact: redact)
        self.signingKey = signingKey
    }
}

/// Progress of a running export, for a progress line.
public struct ExportProgress: Sendable {
    /// The entity being written.
    public var entity: String
    /// Its rows written so far.
    public var rows: Int
}
