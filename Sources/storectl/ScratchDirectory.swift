import Foundation

/// A private temporary directory (mode 0700, made by mkdtemp(3)) that the command removes
/// when it is done with it.
struct ScratchDirectory {
    /// The directory's path.
    let path: String

    /// Creates `$TMPDIR/storectl-<purpose>-XXXXXX`.
    /// - Throws: `CommandFailure` (exit 73) when it cannot be created.
    init(purpose: String) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("storectl-\(purpose)-XXXXXX").path
        var template = Array(base.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let start = buffer.baseAddress else { return false }
            return mkdtemp(start) != nil
        }
        guard made else {
            throw CommandFailure(status: .cannotCreate, message: "cannot create a temporary directory under \(FileManager.default.temporaryDirectory.path): \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The path of `name` inside the directory (nothing is created).
    func path(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Removes the directory and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
