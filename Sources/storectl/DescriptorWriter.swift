import Foundation

/// Writes whole buffers to a file descriptor with write(2).
///
/// `FileHandle.write(_:)` traps on any error (a reader that went away gives EPIPE), so the CLI
/// writes through this instead: it retries after EINTR, continues after partial writes, waits
/// with poll(2) when a non-blocking descriptor is full, and returns the error instead of
/// crashing.
enum DescriptorWriter {
    /// Writes every byte of `bytes` to `fd`.
    /// - Returns: nil when everything was written, else the `errno` of the write that failed.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(fd, base + offset, bytes.count - offset)
            if written > 0 {
                offset += written
                continue
            }
            if written == 0 { return EIO }  // no progress on a non-empty write: give up rather than spin
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                // A non-blocking descriptor (inherited that way) is full: wait until it drains.
                var wanted = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                if poll(&wanted, 1, -1) < 0, errno != EINTR { return errno }
            case let failure:
                return failure
            }
        }
        return nil
    }

    /// Writes every byte of `bytes` to `fd`.
    /// - Returns: nil when everything was written, else the `errno` of the write that failed.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Writes the UTF-8 form of `text` to `fd`.
    /// - Returns: nil when everything was written, else the `errno` of the write that failed.
    static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }
}
