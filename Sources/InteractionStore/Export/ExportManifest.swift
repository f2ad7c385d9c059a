import InteractionModel
/// The manifest of one export run (`manifest.json`): the run's details and, per file, its row
/// count and SHA-256. It is written last, so its presence means every file it lists is complete.
///
/// ```json
/// {
///   "manifest_version": 2,
///   "created_at": "2026-11-24T02:00:00.000Z",
///   "format": "ndjson",
///   "full": false,
///   "redacted": false,
///   "from_seq": 1200,
///   "to_seq": 1480,
///   "rows": 925,
///   "previous_head": "4c…",
///   "store_head": "e1…",
///   "files": [
///     {"entity": "interactions", "name": "interactions.ndjson", "rows": 12, "bytes": 4021, "sha256": "9f…"},
///     …
///     {"entity": "chains", "name": "chains.ndjson", "rows": 12, "bytes": 1290, "sha256": "a0…"}
///   ]
/// }
/// ```
///
/// The window is `(from_seq, to_seq]` of the store's change sequence: an incremental run holds
/// what became final after the previous run's `to_seq` up to its own; a full run has
/// `from_seq` 0 and holds everything final up to `to_seq`.
///
/// `store_head` anchors the run (SPEC section 4, "Anchored history"): see `StoreHead`.
package struct ExportManifest: Sendable, Equatable {
    /// One file of the run.
    package struct File: Sendable, Equatable {
        /// The entity: interactions, parties, timeline, requests, disposition_changes, agent_states.
        package var entity: String
        /// The file name inside the run's directory.
        package var name: String
        /// Data rows (a CSV header is not counted).
        package var rows: Int
        /// The file's size.
        package var bytes: Int
        /// Lowercase hex SHA-256 of the file's bytes.
        package var sha256: String
    }

    /// The manifest format's version: 2 since runs carry `chains.ndjson` and the two heads.
    package static let version = 2

    /// When the run was written (milliseconds since the epoch).
    package var createdAt: Int64
    /// The files' format.
    package var format: ExportFormat
    /// True for `--full`.
    package var full: Bool
    /// True for `--redact`.
    package var redacted: Bool
    /// The window's lower bound (exclusive).
    package var fromSeq: Int64
    /// The window's upper bound (inclusive): the store's latest change when the run read it.
    package var toSeq: Int64
    /// The store head of the incremental run before this one (64 zeros for the first); nil for
    /// a `--full` run, which links to nothing.
    package var previousHead: String?
    /// This run's anchor: `StoreHead.link(previous: previousHead, chains: <chains.ndjson's sha256>)`.
    package var storeHead: String
    /// The files, in a fixed order (the six entities, then `chains`).
    package var files: [File]

    /// Rows in all files.
    package var rows: Int { files.reduce(0) { $0 + $1.rows } }

    /// The manifest as pretty-printed JSON with a fixed key order, ending with a newline.
    package func json() -> String {
        let fileLines = files.map { file in
            "    " + JSONWriter.object([
                ("entity", .text(file.entity)), ("name", .text(file.name)), ("rows", .integer(Int64(file.rows))),
                ("bytes", .integer(Int64(file.bytes))), ("sha256", .text(file.sha256)),
            ])
        }
        let fields: [(String, Cell)] = [
            ("manifest_version", .integer(Int64(Self.version))), ("created_at", .time(createdAt)),
            ("format", .text(format.rawValue)), ("full", .bool(full)), ("redacted", .bool(redacted)),
            ("from_seq", .integer(fromSeq)), ("to_seq", .integer(toSeq)), ("rows", .integer(Int64(rows))),
            ("previous_head", .text(previousHead)), ("store_head", .text(storeHead)),
        ]
        var lines = fields.map { "  " + JSONWriter.quote($0.0) + ": " + $0.1.json }
        lines.append("  \"files\": [\n" + fileLines.joined(separator: ",\n") + "\n  ]")
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}
