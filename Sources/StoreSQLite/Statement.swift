import CSQLite
import Foundation

/// A prepared statement (https://sqlite.org/c3ref/stmt.html).
///
/// Statements belong to one connection and are used only inside its `read`/`write`
/// closures; they are finalized when released. Not `Sendable` on purpose.
package final class Statement {
    let handle: OpaquePointer
    /// The SQL text the statement was prepared from.
    package let sql: String
    private unowned let connection: Connection
    /// Where `bind(_:)` copies text and blob values: SQLite reads them from here (bound
    /// `SQLITE_STATIC`) instead of allocating a copy of every value on every run. Owned by the
    /// statement, so it outlives every binding; rewritten only by the next `bind(_:)`, which
    /// replaces all bindings before the statement runs again.
    private var arena: UnsafeMutableRawPointer?
    private var arenaCapacity = 0
    private var retiredArenas: [UnsafeMutableRawPointer] = []

    init(handle: OpaquePointer, sql: String, connection: Connection) {
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)  // first: nothing may point into the arenas afterwards
        arena?.deallocate()
        releaseRetiredArenas()
    }

    /// Resets the statement so it can be run again. Bindings stay until the next `bind`, which
    /// replaces them all (clearing them on every run cost as much as a small insert).
    package func reset() {
        sqlite3_reset(handle)
    }

    /// Sets every parameter to NULL.
    package func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Binds `values` to parameters 1…n; parameters beyond them are NULL, never a previous run's values.
    /// - Throws: `SQLiteError` when a value cannot be bound (e.g. too many values).
    package func bind(_ values: [any SQLBindable]) throws(SQLiteError) {
        try startBinding(count: values.count)
        var used = 0
        for (offset, value) in values.enumerated() {
            try bind(value.sqlValue, at: Int32(offset + 1), arenaUsed: &used)
        }
    }

    /// Binds `values` to parameters 1…n, as `bind(_: [any SQLBindable])` does, with each
    /// value's type known to the compiler: no array and no boxing per value (the import's
    /// hot statements bind this way).
    /// - Throws: `SQLiteError` when a value cannot be bound (e.g. too many values).
    package func bind<each Value: SQLBindable>(_ values: repeat each Value) throws(SQLiteError) {
        var count = 0
        for _ in repeat each values { count += 1 }
        try startBinding(count: count)
        var used = 0
        var index: Int32 = 0
        for value in repeat each values {
            index += 1
            try bind(value.sqlValue, at: index, arenaUsed: &used)
        }
    }

    /// Readies the statement for `count` new values: refused while it runs (it may still read
    /// the arena), parameters beyond `count` set to NULL, arenas of earlier binds released.
    private func startBinding(count: Int) throws(SQLiteError) {
        guard sqlite3_stmt_busy(handle) == 0 else {
            throw SQLiteError(code: .misuse, message: "cannot bind a statement that is still running; reset it first", sql: sql)
        }
        if Int(sqlite3_bind_parameter_count(handle)) > count { clearBindings() }
        releaseRetiredArenas()
    }

    /// Binds one value; text and blobs are copied into the arena after its first `arenaUsed` bytes.
    private func bind(_ value: SQLValue, at index: Int32, arenaUsed used: inout Int) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .text(var text):
            code = text.withUTF8 { buffer in
                let start = arenaSpace(from: &used, for: buffer.count)
                if let base = buffer.baseAddress { start.copyMemory(from: base, byteCount: buffer.count) }
                // An explicit byte length keeps NUL characters inside the text; the pointer
                // is never NULL (that would bind SQL NULL), so "" stays an empty string.
                return sqlite3_bind_text64(handle, index, start.assumingMemoryBound(to: CChar.self), sqlite3_uint64(buffer.count),
                                           nil, UInt8(SQLITE_UTF8))
            }
        case .blob(let blob) where !blob.isEmpty:
            code = blob.withUnsafeBytes { buffer in
                let start = arenaSpace(from: &used, for: buffer.count)
                if let base = buffer.baseAddress { start.copyMemory(from: base, byteCount: buffer.count) }
                return sqlite3_bind_blob64(handle, index, start, sqlite3_uint64(buffer.count), nil)
            }
        case let other:
            try bind(other, at: index)
            return
        }
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// `count` bytes of the arena after the `used` ones (at least one byte, so "" gets a real
    /// pointer). When they do not fit, a larger arena takes over; the old one stays allocated
    /// until the next `bind`, since values bound earlier in this call still point into it.
    private func arenaSpace(from used: inout Int, for count: Int) -> UnsafeMutableRawPointer {
        let wanted = used + Swift.max(count, 1)
        if let arena, wanted <= arenaCapacity {
            defer { used += count }
            return arena + used
        }
        if let arena { retiredArenas.append(arena) }
        let capacity = Swift.max(wanted, arenaCapacity * 2, 256)
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        arena = fresh
        arenaCapacity = capacity
        used = count
        return fresh
    }

    /// Frees arenas replaced during an earlier `bind` (every binding into them is being replaced).
    private func releaseRetiredArenas() {
        guard !retiredArenas.isEmpty else { return }
        for old in retiredArenas { old.deallocate() }
        retiredArenas.removeAll()
    }

    /// Binds one value to the 1-based parameter `index`.
    /// - Throws: `SQLiteError` from `sqlite3_bind_*`.
    package func bind(_ value: SQLValue, at index: Int32) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let int):
            code = sqlite3_bind_int64(handle, index, int)
        case .real(let double):
            code = sqlite3_bind_double(handle, index, double)
        case .text(let string):
            var copy = string
            code = copy.withUTF8 { buffer in
                // An explicit byte length keeps NUL characters inside the text; a NULL
                // pointer would bind SQL NULL, so the empty string gets a real one.
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    return sqlite3_bind_text64(handle, index, "", 0, csqlite_transient(), UInt8(SQLITE_UTF8))
                }
                return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(buffer.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    return sqlite3_bind_zeroblob(handle, index, 0)  // an empty blob, not NULL
                }
                return sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(buffer.count), csqlite_transient())
            }
        }
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// Advances to the next row: true when a row is available, false when done.
    /// - Throws: `SQLiteError` with the statement's SQL.
    package func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(code, sql: sql)
        }
    }

    /// Number of result columns.
    package var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The name of result column `index` (0-based).
    package func columnName(_ index: Int32) -> String {
        sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
    }

    /// True when column `index` of the current row is NULL.
    package func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// Column `index` as an integer (0 for NULL).
    package func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// Column `index` as an integer, nil for NULL.
    package func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }

    /// Column `index` as a double (0 for NULL).
    package func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }

    /// Column `index` as text ("" for NULL); NUL characters are kept.
    package func string(_ index: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `index` as text, nil for NULL.
    package func optionalString(_ index: Int32) -> String? { isNull(index) ? nil : string(index) }

    /// Column `index` as bytes (empty for NULL).
    package func blob(_ index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with the bytes of column `index` (its UTF-8 text, or a blob's bytes), valid
    /// only during the call; nil for NULL. Lets a writer copy a value without a `String`.
    package func withBytes<R>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL:
            return nil
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            let pointer = sqlite3_column_blob(handle, index)?.assumingMemoryBound(to: UInt8.self)
            return try body(UnsafeBufferPointer(start: count > 0 ? pointer : nil, count: count))
        default:
            let pointer = sqlite3_column_text(handle, index)
            let count = Int(sqlite3_column_bytes(handle, index))
            return try body(UnsafeBufferPointer(start: count > 0 ? pointer : nil, count: count))
        }
    }

    /// The bytes of column `index` (its UTF-8 text, or a blob's bytes), nil for NULL: valid until
    /// the next `step`, `reset` or other read of that column. Not generic, so a hot loop in another
    /// module calls it directly (a generic closure call across modules is not specialized).
    package func bytes(_ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        let pointer: UnsafePointer<UInt8>?
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL: return nil
        case SQLITE_BLOB: pointer = sqlite3_column_blob(handle, index)?.assumingMemoryBound(to: UInt8.self)
        default: pointer = sqlite3_column_text(handle, index)
        }
        let count = Int(sqlite3_column_bytes(handle, index))
        return UnsafeBufferPointer(start: count > 0 ? pointer : nil, count: count)
    }

    /// The UTF-8 bytes of column `index` read as text, nil for NULL: `bytes(_:)` for a column known
    /// to hold text, in two calls into SQLite instead of three (the export's chain check reads
    /// seven of them per entry). Valid until the next `step`, `reset` or other read of that column.
    package func textBytes(_ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        // NULL is the only value whose text is a null pointer (barring out-of-memory, read as NULL too).
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, index)))
    }

    /// True when column `index` (a blob or text) holds exactly `bytes` (false for NULL).
    package func bytesEqual(_ index: Int32, _ bytes: [UInt8]) -> Bool {
        guard let stored = self.bytes(index), stored.count == bytes.count else { return false }
        guard let base = stored.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { other in other.baseAddress.map { memcmp(base, $0, stored.count) == 0 } ?? false }
    }

    /// Column `index` as an `SQLValue` of its storage class.
    package func value(_ index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_BLOB: return .blob(blob(index))
        default: return .text(string(index))
        }
    }
}
