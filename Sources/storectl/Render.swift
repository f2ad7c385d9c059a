import InteractionStore
import InteractionModel

extension Tabular {
    /// The table in `format`.
    func rendered(_ format: OutputFormat) -> String {
        switch format {
        case .table: return table()
        case .json: return json()
        case .csv: return csv()
        }
    }
}
