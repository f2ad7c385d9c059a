import Foundation
import InteractionModel

/// The manifest of one export run (`manifest.json`): the run's details and, per file, its row
/// count and SHA-256. It is written last, so its presence means every file it lists is complete.
///
/// Written by Foundation's `JSONEncoder` (pretty-printed, keys sorted so that the same run
/// always has the same bytes) and read back by its `JSONDecoder` (`ReadManifest`):
///
/// ```json
/// {
///   "created_at" : "2026-11-24T02:00:00.000Z",
///   "files" : [
///     { "bytes" : 4021, "entity" : "interactions", "name" : "interactions.ndjson", "rows" : 12, "sha256" : "9f…" },
///     …
///     { "bytes" : 1290, "entity" : "chains", "name" : "chains.ndjson", "rows" : 12, "sha256" : "a0…" }
///   ],
///   "format" : "ndjson",
///   "from_seq" : 1200,
///   "full" : false,
///   "manifest_version" : 2,
///   "previous_head" : "4c…",
///   "redacted" : false,
///   "rows" : 925,
///   "store_head" : "e1…",
///   "to_seq" : 1480
/// }
/// ```
///
/// (each file's object spans several lines in the file.)
///
/// The window is `(from_seq, to_seq]` of the store's change sequence: an incremental run holds
/// what became final after the previous run's `to_seq` up to its own; a full run has
/// `from_seq` 0 and holds everything final up to `to_seq`.
///
/// `store_head` anchors the run (SPEC section 4, "Anchored history"): see `StoreHead`.
package struct ExportManifest: Sendable, Equatable, Encodable {
    /// One file of the run.
    package struct File: Sendable, Equatable, Codable {
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

    private enum CodingKeys: String, CodingKey {
        case version = "manifest_version", createdAt = "created_at", format, full, redacted
        case fromSeq = "from_seq", toSeq = "to_seq", rows, previousHead = "previous_head", storeHead = "store_head", files
    }

    /// Encodes the manifest's fields, times as `YYYY-MM-DDTHH:MM:SS.sssZ`, a missing head as null.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.version, forKey: .version)
        try container.encode(Timestamp.format(createdAt), forKey: .createdAt)
        try container.encode(format.rawValue, forKey: .format)
        try container.encode(full, forKey: .full)
        try container.encode(redacted, forKey: .redacted)
        try container.encode(fromSeq, forKey: .fromSeq)
        try container.encode(toSeq, forKey: .toSeq)
        try container.encode(rows, forKey: .rows)
        try container.encode(previousHead, forKey: .previousHead)  // null, not absent, for a full run
        try container.encode(storeHead, forKey: .storeHead)
        try container.encode(files, forKey: .files)
    }

    /// The manifest as `manifest.json` holds it: pretty-printed JSON, keys sorted, ending with a newline.
    /// - Throws: `EncodingError` (not for these fields: strings, integers and booleans always encode).
    package func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
