import ArgumentParser
import InteractionStore
import InteractionModel

extension Audience: ExpressibleByArgument {}

extension StoreCtl {
    /// `storectl transcript INTERACTION`.
    struct Transcript: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an interaction's ordered timeline (messages and party events).",
            discussion: "--as contact drops agents-only notes (numbers keep their gaps) and is refused for consultations."
        )

        @Argument(help: "The interaction id.") var interaction: String
        @Option(name: .customLong("as"), help: "Whose view: agent (default) or contact.") var audience: Audience = .agent
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let entries = try database.read { try $0.transcript(of: interaction, as: audience) }
            try Terminal.write(Tabular(columns: TimelineEntry.columns, rows: entries.map(\.cells)).rendered(output.resolved))
        }
    }
}
