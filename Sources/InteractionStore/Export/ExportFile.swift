import Crypto
import Foundation
import StoreSQLite

/// One file of an export run: written under a temporary name in the export directory
/// (`.NAME.TOKEN.partial`, mode 0600), buffered, hashed (SHA-256) as it is written, synced, and
/// renamed to NAME only when complete — so a reader never sees half a file under its real name.
final class ExportFile {
    /// The final file name, e.g. `timeline.ndjson`.
    let name: String
    /// Where the bytes go until the file is complete.
    let temporaryPath: String
    /// Where the file ends up.
    let finalPath: String
    /// Rows written (lines, not counting a CSV header).
    private(set) var rows = 0
    /// Bytes written.
    private(set) var byteCount = 0
    /// Lowercase hex SHA-256 of the whole file, once `finish()` has run.
    private(set) var sha256 = ""
    /// True once the file carries its final name.
    private(set) var isPublished = false

    private var fd: Int32
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    private static let flushThreshold = 1 << 16

    /// Creates the temporary file (it must not exist).
    /// - Throws: `StoreError.unusableOutput` when the file cannot be created.
    init(directory: String, name: String, token: String) throws {
        self.name = name
        self.finalPath = (directory as NSString).appendingPathComponent(name)
        self.temporaryPath = (directory as NSString).appendingPathComponent(".\(name).\(token).partial")
        let fd = PrivateFile.open(temporaryPath, .refuse)
        guard fd >= 0 else {
            throw StoreError.unusableOutput(path: temporaryPath, problem: .exportFileNotCreated(errno: errno))
        }
        self.fd = fd
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends bytes (part of a row, a header or a whole document).
    @inline(__always)
    func append<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends a string's UTF-8 bytes.
    @inline(__always)
    func append(_ text: String) throws {
        try append(text.utf8)
    }

    /// Appends one row, written by `body` straight into the file's buffer.
    /// - Throws: `StoreError.fileFailed` when a flush fails.
    @inline(__always)
    func appendRow(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        rows += 1
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        hasher.update(data: buffer)
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw StoreError.fileFailed(.write, path: temporaryPath, errno: errno)
            }
            offset += written
        }
        byteCount += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and closes the temporary file; computes `sha256`.
    /// - Throws: `StoreError.fileFailed` when writing or syncing fails (e.g. a full disk).
    func finish() throws {
        try flush()
        if fsync(fd) != 0, errno != EINVAL {
            throw StoreError.fileFailed(.sync, path: temporaryPath, errno: errno)
        }
        close(fd)
        fd = -1
        sha256 = hasher.finalize().hexString
    }

    /// Gives the finished file its final name, replacing a file left there by a failed run.
    /// - Throws: `StoreError.fileFailed` when the rename fails.
    func publish() throws {
        guard rename(temporaryPath, finalPath) == 0 else {
            throw StoreError.fileFailed(.rename(to: finalPath), path: temporaryPath, errno: errno)
        }
        isPublished = true
    }

    /// Gives the finished file its final name only if no file has it (link, then unlink the
    /// temporary name): the manifest of an earlier run is never replaced.
    /// - Returns: nil on success, else the reason.
    func publishWithoutReplacing() -> String? {
        guard link(temporaryPath, finalPath) == 0 else {
            return errno == EEXIST ? "\(finalPath) already exists" : String(cString: strerror(errno))
        }
        unlink(temporaryPath)
        isPublished = true
        return nil
    }

    /// Closes and removes the temporary file (a failed run); a published file stays.
    func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if !isPublished { unlink(temporaryPath) }
    }
}
