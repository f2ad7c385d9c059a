import CSQLite
import Foundation

/// What `Store.backup` copied.
public struct BackupSummary: Sendable, Equatable {
    /// The new database file.
    public var destination: String
    /// Pages copied.
    public var pages: Int
    /// The database page size in bytes.
    public var pageSize: Int
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
    /// - Throws: `StoreError.cannotCreateOutput` when `destination` exists or cannot be created
    ///   (exit 73), `SQLiteError` when the copy fails.
    public func backup(to destination: String, pagesPerStep: Int32 = 256,
                       onProgress: (_ copied: Int, _ total: Int) -> Void = { _, _ in }) throws -> BackupSummary {
        let began = DispatchTime.now().uptimeNanoseconds
        var status = stat()
        if lstat(destination, &status) == 0 {
            throw StoreError.cannotCreateOutput("\(destination) already exists; a backup never overwrites a file — choose a new path")
        }
        let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError.cannotCreateOutput(errno == EEXIST
                ? "\(destination) already exists; a backup never overwrites a file — choose a new path"
                : "cannot create \(destination): \(reason); check that its directory exists and is writable")
        }
        fchmod(fd, 0o600)  // whatever the umask: the copy holds personal data
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

            var pointer: OpaquePointer?
            let openCode = sqlite3_open_v2(destination, &pointer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, nil)
            guard let target = pointer else { throw SQLiteError(code: .noMemory, message: "out of memory opening \(destination)") }
            defer { sqlite3_close_v2(target) }
            guard openCode == SQLITE_OK else {
                throw SQLiteError(code: ResultCode(rawValue: openCode), message: "\(String(cString: sqlite3_errmsg(target))) (\(destination))")
            }
            guard let backup = sqlite3_backup_init(target, "main", source.handle, "main") else {
                throw SQLiteError(code: ResultCode(rawValue: sqlite3_extended_errcode(target)), message: String(cString: sqlite3_errmsg(target)),
                                  sql: "sqlite3_backup_init")
            }
            var pages = 0
            var busySince: UInt64?
            while true {
                let code = sqlite3_backup_step(backup, pagesPerStep)
                let total = Int(sqlite3_backup_pagecount(backup))
                pages = total
                onProgress(total - Int(sqlite3_backup_remaining(backup)), total)
                if code == SQLITE_DONE { break }
                if code == SQLITE_OK { busySince = nil; continue }
                if code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED {
                    // Not expected while we hold the snapshot; wait like a busy handler would, finitely.
                    let now = DispatchTime.now().uptimeNanoseconds
                    if now - (busySince ?? now) > UInt64(options.busyTimeout) * 1_000_000 {
                        sqlite3_backup_finish(backup)
                        throw SQLiteError(code: ResultCode(rawValue: code), message: "the database stayed locked during the backup", sql: "sqlite3_backup_step")
                    }
                    busySince = busySince ?? now
                    sqlite3_sleep(10)
                    continue
                }
                sqlite3_backup_finish(backup)
                throw SQLiteError(code: ResultCode(rawValue: code), message: String(cString: sqlite3_errstr(code)), sql: "sqlite3_backup_step")
            }
            let finish = sqlite3_backup_finish(backup)
            guard finish == SQLITE_OK else {
                throw SQLiteError(code: ResultCode(rawValue: finish), message: String(cString: sqlite3_errmsg(target)), sql: "sqlite3_backup_finish")
            }
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
