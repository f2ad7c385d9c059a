import Foundation

/// Reading the event log's file descriptor failed.
package struct LogReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system's error number of the failed `read(2)`.
    package var errno: Int32

    /// What failed, with the system's reason.
    package var description: String { "cannot read the input: \(String(cString: strerror(errno)))" }
}
