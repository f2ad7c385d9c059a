import Foundation
import InteractionStore
import StoreSQLite

/// A file the CLI writes, created with mode 0600 (it may hold personal data).
final class OutputFile {
    private let fd: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        let fd = PrivateFile.open(path, .truncate)
        guard fd >= 0 else {
            throw CommandFailure(status: .cannotCreate, message: "cannot create \(path): \(String(cString: strerror(errno))); check the directory exists and is writable")
        }
        self.fd = fd
    }

    func write(_ bytes: [UInt8]) throws {
        if let failure = DescriptorWriter.writeAll(fd, bytes) {
            throw CommandFailure(status: .ioError, message: "cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }

    func close() throws {
        if fsync(fd) != 0 && errno != EINVAL {
            throw CommandFailure(status: .ioError, message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        Foundation.close(fd)
    }
}
