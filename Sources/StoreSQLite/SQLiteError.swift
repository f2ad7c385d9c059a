/// An error reported by SQLite: the result code, SQLite's message and the SQL that failed.
///
/// Bound values are never part of the error: they can hold personal data (transcripts).
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code.
    package let code: ResultCode
    /// SQLite's own message (`sqlite3_errmsg`).
    public let message: String
    /// The SQL text being prepared or run, when there was one.
    package let sql: String?

    /// Creates an error from its parts.
    package init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The extended result code's number (https://sqlite.org/rescode.html), e.g. 5 for SQLITE_BUSY.
    public var resultCode: Int32 { code.rawValue }

    /// "SQLite error 19 (constraint failed): UNIQUE constraint failed: t.id — in `INSERT …`".
    public var description: String {
        var text = "SQLite error \(code.rawValue) (\(message))"
        if let sql {
            let oneLine = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            text += " in `\(oneLine.count > 300 ? String(oneLine.prefix(300)) + "…" : oneLine)`"
        }
        return text
    }
}

import Foundation
