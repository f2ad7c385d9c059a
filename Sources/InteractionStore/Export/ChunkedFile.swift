import Foundation

/// Reads a file in 1 MiB chunks: how the export's verification reads the files it hashes and
/// scans (a timeline file can be larger than memory).
enum ChunkedFile {
    /// Calls `body` with each chunk of `path`'s bytes, in order.
    /// - Returns: false, without calling `body`, when the file does not exist.
    /// - Throws: `StoreError.fileFailed` when it exists but cannot be opened or read.
    static func forEachChunk(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return false }
            throw StoreError.fileFailed(.read, path: path, errno: errno)
        }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.fileFailed(.read, path: path, errno: errno)
            }
            if count == 0 { return true }
            try chunk.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }
}
