import ArgumentParser
import InteractionStore
import RecordOutput

extension StoreCtl {
    /// `storectl audit INTERACTION`.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an interaction's whole history and verify its hash chain (exit 65 when it is broken)."
        )

        @Argument(help: "The interaction id.") var interaction: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let audit = try database.read { try $0.audit(interaction) }
            switch output.resolved {
            case .json: try Terminal.write(audit.json())
            case .csv: try Terminal.write(audit.csv())
            case .table: try Terminal.write(audit.table())
            }
            if !audit.verified {
                throw CommandFailure(status: .dataError, message: audit.chain.problems.joined(separator: "\n"))
            }
        }
    }
}

import Foundation
