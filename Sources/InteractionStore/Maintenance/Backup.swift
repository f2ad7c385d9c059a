import Foundation
import StoreSQLite

/// What `Store.backup` copied.
public struct BackupSummary: Sendable, Equatable {
    /// The new database file.
    public var destination: String
    /// Pages copied.
    public var pages: Int
    /// The database page size in bytes.
    package var pageSize: Int
    /// Bytes copied (pages × page size).
    public var bytes: Int64
    /// Wall-clock seconds the copy took.
    public var seconds: Double
}

extension Store {
    /// Copies the database to a new file with SQLite's online backup API
    /// (https://sqlite.org/backup.html) while writers go on.
    ///
    /// The copy is one consistent snapshot: the source connection holds a single read
    /// transaction for the whole copy, so `sqlite3_backup_step` reads the same WAL snapshot at
    /// every step and never restarts, whatever other connections or processes commit meanwhile
    /// (in WAL mode a reader does not block writers; the WAL only cannot be checkpointed past
    /// the snapshot until the copy is done). Pages are copied `pagesPerStep` at a time, so
    /// progress can be shown; the copy is synced by SQLite when the backup finishes.
    ///
    /// `destination` must not exist: it is created with `O_EXCL` and mode 0600, and removed
    /// again if the copy fails.
    ///
    /// ```swift
    /// let summary = try store.backup(to: "nightly/interactions-2026-11-24.sqlite")
    /// ```
    /// - Parameters:
    ///   - destination: the new file.
    ///   - pagesPerStep: pages copied per `sqlite3_backup_step` call.
    ///   - onProgress: called after each step with (pages copied, total pages).
    /// - Throws: `StoreError.unusableOutput` when `destination` exists or cannot be created, `SQLiteError` when the copy fails.
    public func backup(to destination: String, pagesPerStep: Int32 = 256,
                       onProgress: (_ copied: Int, _ total: Int) -> Void = { _, _ in }) throws -> BackupSummary {
        let began = DispatchTime.now().uptimeNanoseconds
        var status = stat()
        if lstat(destination, &status) == 0 {
            throw StoreError.unusableOutput(path: destination, problem: .backupExists)
        }
        let fd = PrivateFile.open(destination, .refuse)
        guard fd >= 0 else {
            throw StoreError.unusableOutput(path: destination, problem: errno == EEXIST ? .backupExists : .backupNotCreated(errno: errno))
        }
        close(fd)
        var succeeded = false
        defer {
            if !succeeded {
                for suffix in ["", "-journal", "-wal", "-shm"] { unlink(destination + suffix) }
            }
        }

        let source = try Connection(path: path, mode: .readOnly, busyTimeout: options.busyTimeout)
        let summary = try source.readTransaction { () throws -> BackupSummary in
            // The first read opens the snapshot that every step below copies.
            let pageSize = Int(try source.scalarInt("PRAGMA page_size") ?? 4096)
            _ = try source.scalarInt("SELECT count(*) FROM sqlite_schema")

            let pages = try source.backup(into: destination, pagesPerStep: pagesPerStep, busyTimeout: options.busyTimeout,
                                          onProgress: onProgress)
            return BackupSummary(destination: destination, pages: pages, pageSize: pageSize, bytes: Int64(pages) * Int64(pageSize), seconds: 0)
        }
        chmod(destination, 0o600)
        // Make the new directory entry durable too.
        let directory = open((destination as NSString).deletingLastPathComponent.isEmpty ? "." : (destination as NSString).deletingLastPathComponent,
                             O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 { fsync(directory); close(directory) }
        succeeded = true
        var result = summary
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        return result
    }
}
