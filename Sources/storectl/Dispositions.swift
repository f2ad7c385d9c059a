import ArgumentParser
import InteractionStore
import InteractionModel

extension StoreCtl {
    /// `storectl dispositions list|add|retire`.
    struct Dispositions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the disposition code catalog.",
            subcommands: [List.self, Add.self, Retire.self]
        )

        /// `storectl dispositions list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the catalog (active and retired codes).")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: FormatOptions

            func run() throws {
                let codes = try database.read { try $0.dispositionCodes() }
                try Terminal.write(Tabular(columns: DispositionCode.columns, rows: codes.map(\.cells)).rendered(output.resolved))
            }
        }

        /// `storectl dispositions add CODE --label TEXT`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a code (the same code and label again is a no-op; another label exits 65).")
            @Argument(help: "The code.") var code: String
            @Option(help: "Its label.") var label: String
            @OptionGroup var database: DatabaseOptions

            func run() throws {
                guard !code.isEmpty else { throw ValidationError("CODE must not be empty") }
                do {
                    let added = try database.open().defineDisposition(code: code, label: label)
                    Terminal.printError(added ? "added \(code)" : "\(code) already defined with that label; nothing changed")
                } catch let violation as RuleViolation {
                    throw CommandFailure(status: .dataError, message: violation.reason)
                }
            }
        }

        /// `storectl dispositions retire CODE`.
        struct Retire: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Retire a code: it can no longer be set; history keeps it.")
            @Argument(help: "The code.") var code: String
            @OptionGroup var database: DatabaseOptions

            func run() throws {
                do {
                    let retired = try database.open().retireDisposition(code: code)
                    Terminal.printError(retired ? "retired \(code)" : "\(code) was already retired; nothing changed")
                } catch let violation as RuleViolation {
                    throw CommandFailure(status: .dataError, message: violation.reason)
                }
            }
        }
    }
}
