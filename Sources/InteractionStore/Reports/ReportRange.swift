import StoreSQLite
/// A report's time range `from <= t < to`, with open ends as the widest bounds.
///
/// Binding the bounds as plain integers (instead of `? IS NULL OR t >= ?`) keeps every
/// ranged query a single index range scan.
struct ReportRange {
    /// The inclusive lower bound (`Int64.min` when open).
    let lower: Int64
    /// The exclusive upper bound (`Int64.max` when open).
    let upper: Int64

    init(from: Int64?, to: Int64?) {
        lower = from ?? .min
        upper = to ?? .max
    }
}

extension Statement {
    /// Column `index` as one of the store's vocabularies.
    /// - Throws: `SQLiteError` (`corrupt`) when the text is not a known value: the schema's
    ///   CHECK constraints make that impossible unless the file was changed outside the store.
    func vocabulary<Value: RawRepresentable>(_ type: Value.Type, _ index: Int32) throws(SQLiteError) -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: string(index)) else {
            throw SQLiteError(code: .corrupt, message: "column \(columnName(index)) holds a value that is not a known \(Value.self)", sql: sql)
        }
        return value
    }

    /// Column `index` as one of the store's vocabularies, nil for NULL.
    /// - Throws: `SQLiteError` (`corrupt`) for an unknown value, as `vocabulary(_:_:)`.
    func optionalVocabulary<Value: RawRepresentable>(_ type: Value.Type, _ index: Int32) throws(SQLiteError) -> Value? where Value.RawValue == String {
        isNull(index) ? nil : try vocabulary(type, index)
    }
}
