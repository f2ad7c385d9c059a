import CSQLite

/// An SQLite result code, primary or extended (https://sqlite.org/rescode.html).
///
/// A primary code pattern-matches every extended code built on it, so
/// `catch let error as SQLiteError where error.code ~= .constraint` catches
/// `SQLITE_CONSTRAINT_UNIQUE` as well.
package struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The raw (possibly extended) code.
    package let rawValue: Int32

    /// Wraps a raw SQLite result code.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code: the low 8 bits of an extended code.
    package var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// SQLite's English name of the code, e.g. "constraint failed".
    package var description: String {
        String(cString: sqlite3_errstr(rawValue)) + " (code \(rawValue))"
    }

    /// True when the codes are equal, or one side is a primary code and the other an extended
    /// code built on it — in either order, so both `case .constraint:` and
    /// `error.code ~= .constraint` match `SQLITE_CONSTRAINT_UNIQUE`.
    package static func ~= (lhs: ResultCode, rhs: ResultCode) -> Bool {
        if lhs == rhs { return true }
        if lhs.rawValue == lhs.primary.rawValue { return lhs == rhs.primary }
        if rhs.rawValue == rhs.primary.rawValue { return rhs == lhs.primary }
        return false
    }

    /// `SQLITE_OK`.
    package static let ok = ResultCode(rawValue: SQLITE_OK)
    /// `SQLITE_ERROR`: generic error, e.g. an SQL syntax error.
    package static let error = ResultCode(rawValue: SQLITE_ERROR)
    /// `SQLITE_ABORT`: an operation was aborted (e.g. a rollback during a pending read).
    package static let abort = ResultCode(rawValue: SQLITE_ABORT)
    /// `SQLITE_BUSY`: another connection holds the lock past the busy timeout.
    package static let busy = ResultCode(rawValue: SQLITE_BUSY)
    /// `SQLITE_LOCKED`: a conflict inside one shared-cache or connection.
    package static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    /// `SQLITE_NOMEM`.
    package static let noMemory = ResultCode(rawValue: SQLITE_NOMEM)
    /// `SQLITE_READONLY`.
    package static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    /// `SQLITE_IOERR`.
    package static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    /// `SQLITE_CORRUPT`.
    package static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    /// `SQLITE_FULL`: the disk or `max_page_count` is full.
    package static let full = ResultCode(rawValue: SQLITE_FULL)
    /// `SQLITE_CANTOPEN`.
    package static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    /// `SQLITE_CONSTRAINT`: a UNIQUE, CHECK, FOREIGN KEY or NOT NULL constraint failed.
    /// `RAISE(ABORT, …)` in our append-only triggers reports `SQLITE_CONSTRAINT_TRIGGER` (1811).
    package static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    /// `SQLITE_MISMATCH`.
    package static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    /// `SQLITE_MISUSE`.
    package static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    /// `SQLITE_NOTADB`: the file is not a database.
    package static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
    /// `SQLITE_ROW`: a step produced a row.
    package static let row = ResultCode(rawValue: SQLITE_ROW)
    /// `SQLITE_DONE`: a step finished.
    package static let done = ResultCode(rawValue: SQLITE_DONE)
}
