import StoreSQLite

/// Decodes a column holding one of the store's vocabularies from its bytes, without making a
/// `String` per row: the reports that fold many rows (agent states, conference figures) read a
/// value per row, and matching a handful of raw values byte by byte is cheaper than decoding
/// text and switching over it.
struct VocabularyTable<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
    private let entries: [(value: Value, bytes: [UInt8])]

    init() {
        entries = Value.allCases.map { ($0, Array($0.rawValue.utf8)) }
    }

    /// Column `index` of the current row as a `Value`.
    /// - Throws: `SQLiteError` (`corrupt`) for a value outside the vocabulary, as `Statement.vocabulary`.
    func decode(_ row: Statement, _ index: Int32) throws(SQLiteError) -> Value {
        // The vocabulary columns are TEXT in STRICT tables: their bytes are their text.
        let stored = row.textBytes(index)
        for entry in entries where ByteComparison.same(stored, entry.bytes) { return entry.value }
        return try row.vocabulary(Value.self, index)
    }
}
