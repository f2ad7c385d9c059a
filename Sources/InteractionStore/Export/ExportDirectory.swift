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
    /// - Throws: `StoreError.cannotCreateOutput` (exit 73) when it cannot be created or opened,
    ///   is not a directory, is in use by another export, or already holds a `manifest.json`.
    init(_ path: String) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        self.path = absolute
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError.cannotCreateOutput("\(absolute) exists and is not a directory; give --out a directory (a new one for each run)")
            }
            created = false
        } else {
            created = true
            do {
                try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreateOutput("cannot create the export directory \(absolute): \(Self.reason(error)); check that its parent exists and is writable")
            }
            chmod(absolute, 0o700)  // whatever the umask: exports hold personal data
        }
        let fd = open(absolute, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StoreError.cannotCreateOutput("cannot open the export directory \(absolute): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw StoreError.cannotCreateOutput("another export is writing into \(absolute) right now; give each run a directory of its own")
        }
        self.fd = fd
        if FileManager.default.fileExists(atPath: (absolute as NSString).appendingPathComponent(Self.manifestName)) {
            throw StoreError.cannotCreateOutput("\(absolute) already holds manifest.json from an earlier export run; export into a new directory (each run writes a directory of its own, e.g. --out exports/$(date +%F))")
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

    private static func reason(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}
