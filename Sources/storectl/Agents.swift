import ArgumentParser
import InteractionStore
import InteractionModel

extension StoreCtl {
    /// `storectl agents`.
    struct Agents: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each agent's current state per channel.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let states = try database.read { try $0.currentAgentStates() }
            try Terminal.write(Tabular(columns: CurrentAgentState.columns, rows: states.map(\.cells)).rendered(output.resolved))
        }
    }
}
