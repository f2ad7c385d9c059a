import InteractionModel
import StoreSQLite

extension Statement {
    /// Column `index` as a value of the store's vocabulary (a kind, a state, an outcome). The
    /// store's policy for a stored value that does not decode: throw, naming the table, the
    /// column and the value, never a default (the schema's CHECK constraints keep such values
    /// out; one can only come from an edit outside the store).
    /// - Throws: `StoreError.undecodableValue`.
    func vocabulary<Value: RawRepresentable>(_ index: Int32, _ type: Value.Type, table: String, column: String)
        throws(StoreError) -> Value where Value.RawValue == String {
        let stored = string(index)
        guard let value = Value(rawValue: stored) else {
            throw StoreError.undecodableValue(table: table, column: column, value: stored)
        }
        return value
    }
}

extension Statement {
    /// `vocabulary(_:_:table:column:)` for a nullable column: nil for NULL.
    /// - Throws: `StoreError.undecodableValue`.
    func optionalVocabulary<Value: RawRepresentable>(_ index: Int32, _ type: Value.Type, table: String, column: String)
        throws(StoreError) -> Value? where Value.RawValue == String {
        isNull(index) ? nil : try vocabulary(index, type, table: table, column: column)
    }
}
