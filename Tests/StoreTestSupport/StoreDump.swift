import InteractionStore
import StoreSQLite

/// Every stored row of a store's history tables as text, for comparing two stores that must hold
/// the same rows (two import paths of one log, a cached and an uncached import).
public enum StoreDump {
    /// The tables compared, each in its first column's order.
    static let tables = ["interactions", "connections", "timeline", "requests", "disposition_changes", "agent_states", "events"]

    /// One line per row, `|`-separated values, table after table.
    /// - Throws: what reading the store throws.
    public static func rows(of store: Store) throws -> String {
        try store.read { db in
            var out = ""
            for table in tables {
                // Table names are the constants above, never input.
                let statement = try db.prepare("SELECT * FROM " + table + " ORDER BY 1")
                while try statement.step() {
                    out += (0..<statement.columnCount).map { "\(statement.value($0))" }.joined(separator: "|") + "\n"
                }
            }
            return out
        }
    }
}
