import Foundation

/// The package's one way to create a file that may hold personal data (the database, a backup,
/// an export's files, what the CLI writes to a path): mode 0600 whatever the umask, so that
/// neither group nor others can read it.
package enum PrivateFile {
    /// How an existing file at the path is treated.
    package enum Existing {
        /// Refuse it: the call fails with `EEXIST` (`O_EXCL`).
        case refuse
        /// Empty it and write from the start (`O_TRUNC`).
        case truncate
    }

    /// Opens `path` for writing, creating it with mode 0600: the descriptor, or -1 with `errno`
    /// set as `open(2)` set it.
    package static func open(_ path: String, _ existing: Existing) -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (existing == .refuse ? O_EXCL : O_TRUNC)
        let fd = Foundation.open(path, flags, 0o600)
        // The mode given to open(2) is masked by the umask; fchmod is not. A file that already
        // existed (truncate) is made private too.
        if fd >= 0 { fchmod(fd, 0o600) }
        return fd
    }
}
