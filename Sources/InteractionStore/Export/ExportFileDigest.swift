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
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw StoreError.fileFailed(.read, path: path, errno: errno)
        }
        defer { close(fd) }
        var digest = ExportFileDigest()
        var hasher = SHA256()
        var lineEnds = 0
        var inQuotes = false
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.fileFailed(.read, path: path, errno: errno)
            }
            if count == 0 { break }
            chunk.withUnsafeBytes { raw in
                let part = UnsafeRawBufferPointer(rebasing: raw[..<count])
                hasher.update(bufferPointer: part)
                for byte in part {
                    if byte == 0x0A, !inQuotes { lineEnds += 1 } else if csv, byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                }
            }
            digest.bytes += count
        }
        digest.sha256 = hasher.finalize().hexString
        digest.rows = csv ? Swift.max(lineEnds - 1, 0) : lineEnds
        return digest
    }
}
