import Crypto
import Foundation

/// An exported file read back: its size, SHA-256 and row count, in one streaming pass (1 MiB
/// at a time: a timeline file can be larger than memory).
///
/// Rows are counted as the export writes them: an NDJSON file has one row per LF (JSON strings
/// escape their line ends); a CSV file has one record per line end outside quoted fields, the
/// first being the header.
struct ExportFileDigest {
    /// The file's size.
    var bytes = 0
    /// Lowercase hex SHA-256.
    var sha256 = ""
    /// Data rows.
    var rows = 0

    /// Reads `path`; `csv` selects the CSV way of counting rows.
    /// - Returns: nil when the file does not exist.
    /// - Throws: `StoreError.fileFailed` when it exists but cannot be read.
    static func read(_ path: String, csv: Bool) throws -> ExportFileDigest? {
        var digest = ExportFileDigest()
        var hasher = SHA256()
        var lineEnds = 0
        var inQuotes = false
        let exists = try ChunkedFile.forEachChunk(path) { part in
            hasher.update(bufferPointer: part)
            for byte in part {
                if byte == 0x0A, !inQuotes { lineEnds += 1 } else if csv, byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            }
            digest.bytes += part.count
        }
        guard exists else { return nil }
        digest.sha256 = hasher.finalize().hexString
        digest.rows = csv ? Swift.max(lineEnds - 1, 0) : lineEnds
        return digest
    }
}
