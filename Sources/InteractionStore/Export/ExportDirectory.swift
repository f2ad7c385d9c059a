import Foundation

/// The directory of one export run, held for the run: created with mode 0700 when missing,
/// locked (`flock`) so two exports cannot write into it at once, and refused when it already
/// holds the manifest of an earlier run.
final class ExportDirectory {
    /// The manifest's file name.
    static let manifestName = "manifest.json"
    /// The signature's file name (a signed run, `--sign-key`).
    static let signatureName = "manifest.json.sig"

    /// The directory's absolute path.
    let path: String
    private let fd: Int32
    /// True when this run created the directory (so a run refused before writing removes it).
    private let created: Bool

    /// Prepares `path` for a run.
    /// - Throws: `StoreError.unusableOutput` when it cannot be created or opened,
    ///   is not a directory, is in use by another export, or already holds a `manifest.json`.
    init(_ path: String) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        self.path = absolute
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError.unusableOutput(path: absolute, problem: .exportDirectoryIsAFile)
            }
            created = false
        } else {
            created = true
            do {
                try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.unusableOutput(path: absolute, problem: .exportDirectoryNotCreated(errno: Self.posixCode(of: error)))
            }
            chmod(absolute, 0o700)  // whatever the umask: exports hold personal data
        }
        let fd = open(absolute, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StoreError.unusableOutput(path: absolute, problem: .exportDirectoryNotOpened(errno: errno))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw StoreError.unusableOutput(path: absolute, problem: .exportDirectoryInUse)
        }
        self.fd = fd
        if FileManager.default.fileExists(atPath: (absolute as NSString).appendingPathComponent(Self.manifestName)) {
            throw StoreError.unusableOutput(path: absolute, problem: .exportDirectoryHoldsEarlierRun)
        }
    }

    deinit { close(fd) }  // releases the lock

    /// Removes the directory when this run created it and it is still empty: a run refused
    /// before writing anything leaves nothing behind.
    func removeIfCreatedAndEmpty() {
        guard created, (try? FileManager.default.contentsOfDirectory(atPath: path).isEmpty) == true else { return }
        rmdir(path)
    }

    /// Makes the renames inside the directory durable.
    func sync() { fsync(fd) }

    /// The system's error number behind a `FileManager` failure (EIO when it names none).
    private static func posixCode(of error: any Error) -> Int32 {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        return EIO
    }
}
