import Foundation

/// Reads LF-terminated lines from a file descriptor in large chunks: memory stays bounded by
/// the longest line, not the file.
package struct LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false
    /// How much of the unfinished line was already searched for LF: a long line is scanned
    /// once, not again after every chunk.
    private var scanned = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)
    /// Asked while waiting for input: true ends the wait with `LineReader.Stopped` (the import
    /// pipeline's writer gave up, and a pipe that stays open must not keep its reader waiting).
    private let shouldStop: (() -> Bool)?

    /// Thrown by `forEachLine` when `shouldStop` said so while waiting for input.
    package struct Stopped: Error {
        /// Creates the error.
        package init() {}
    }

    /// A reader of `fd`, whose first bytes were already read into `alreadyRead`; with
    /// `shouldStop`, a wait for input ends (`Stopped`) within 100 ms of it returning true.
    package init(fd: Int32, alreadyRead: [UInt8] = [], shouldStop: (() -> Bool)? = nil) {
        self.fd = fd
        self.buffer = alreadyRead
        self.shouldStop = shouldStop
    }

    /// Calls `body` with each line's bytes (without the LF); the buffer is valid only during the call.
    /// - Throws: `LogReadError` on a read error, or what `body` throws.
    package mutating func forEachLine(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        while true {
            if let newline = buffer[(start + scanned)...].firstIndex(of: 0x0A) {
                try buffer.withUnsafeBytes { raw in
                    try body(UnsafeRawBufferPointer(rebasing: raw[start..<newline]))
                }
                start = newline + 1
                scanned = 0
                continue
            }
            scanned = buffer.count - start
            if atEOF {
                if start < buffer.count {
                    try buffer.withUnsafeBytes { raw in try body(UnsafeRawBufferPointer(rebasing: raw[start..<buffer.count])) }
                }
                return
            }
            // Keep the unfinished line, read the next chunk after it.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            try waitForInput()
            let count = chunk.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                var result: Int
                repeat { result = read(fd, base, raw.count) } while result < 0 && errno == EINTR
                return result
            }
            guard count >= 0 else {
                throw LogReadError(errno: errno)
            }
            buffer.append(contentsOf: chunk[0..<count])
            if count == 0 { atEOF = true }
        }
    }

    /// Waits until `fd` can be read (a regular file always can), asking `shouldStop` every
    /// 100 ms; returns at once without a `shouldStop`. A poll error is left to `read` to report.
    private func waitForInput() throws {
        guard let shouldStop else { return }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            if shouldStop() { throw Stopped() }
            let ready = poll(&descriptor, 1, 100)
            if ready > 0 || (ready < 0 && errno != EINTR) { return }
        }
    }
}
