import CSQLite
import Foundation

extension Connection {
    /// Copies this connection's database into the existing, empty file `destination` with
    /// SQLite's online backup API (https://sqlite.org/backup.html), `pagesPerStep` pages a
    /// step, calling `onProgress(copied, total)` after each. Returns the pages copied.
    ///
    /// Call it inside a read transaction so every step reads one snapshot and the copy never
    /// restarts. A step that finds the database busy or locked is retried every 10 ms for at
    /// most `busyTimeout` milliseconds.
    package func backup(into destination: String, pagesPerStep: Int32, busyTimeout: Int32,
                        onProgress: (_ copied: Int, _ total: Int) -> Void) throws(SQLiteError) -> Int {
        var pointer: OpaquePointer?
        let openCode = sqlite3_open_v2(destination, &pointer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, nil)
        guard let target = pointer else { throw SQLiteError(code: .noMemory, message: "out of memory opening \(destination)") }
        defer { sqlite3_close_v2(target) }
        guard openCode == SQLITE_OK else {
            throw SQLiteError(code: ResultCode(rawValue: openCode), message: "\(String(cString: sqlite3_errmsg(target))) (\(destination))")
        }
        guard let backup = sqlite3_backup_init(target, "main", handle, "main") else {
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
                // Not expected while the caller holds the snapshot; wait like a busy handler would, finitely.
                let now = Self.monotonicNanoseconds()
                if now - (busySince ?? now) > UInt64(busyTimeout) * 1_000_000 {
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
        return pages
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
