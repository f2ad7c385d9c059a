import Foundation

/// The transcript files named on a command line: files as given, directories read
/// recursively (SPEC §8), their files in name order.
package enum TranscriptFiles {
    /// A path that could not be read as a file or directory.
    package struct Missing: Error, Sendable, Equatable {
        /// The path as given.
        package var path: String
        /// The system's reason (`No such file or directory`).
        package var reason: String
        /// Whether the path does not exist (missing) rather than being unreadable (I/O).
        package var doesNotExist: Bool
    }

    /// Expands `paths`: a file stays as it is (whatever its name); a directory gives every file
    /// below it whose name ends in `fileExtension` (case-insensitive) and does not start with a
    /// dot, sorted by path (byte order), subdirectories included.
    /// - Throws: `Missing` for the first path that does not exist or cannot be listed.
    package static func expand(_ paths: [String], fileExtension: String) throws(Missing) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Missing(path: path, reason: String(cString: strerror(ENOENT)), doesNotExist: true)
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            files.append(contentsOf: try listing(path, fileExtension: fileExtension.lowercased()))
        }
        return files
    }

    private static func listing(_ directory: String, fileExtension: String) throws(Missing) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw Missing(path: directory, reason: "cannot list the directory", doesNotExist: false)
        }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard !name.hasPrefix("."), name.lowercased().hasSuffix(fileExtension) else { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            found.append(full)
        }
        // Byte order of the UTF-8 paths: the same on every machine and locale.
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// A file's bytes.
    /// - Throws: `Missing` when it cannot be read.
    package static func read(_ path: String) throws(Missing) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw Missing(path: path, reason: String(cString: strerror(code)), doesNotExist: code == ENOENT)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw Missing(path: path, reason: String(cString: strerror(errno)), doesNotExist: false) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
