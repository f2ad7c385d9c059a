import ArgumentParser
import InteractionStore

extension StoreCtl {
    /// `storectl check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the database: integrity, foreign keys, migration checksums and every hash chain."
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.openExisting(migrating: false, remedy: "check the path or run storectl migrate")
            let report = try store.check(wording: .storectl)
            for problem in report.problems { Terminal.printError(problem) }
            guard report.problems.isEmpty else {
                throw CommandFailure(status: .dataError, message: "check failed: \(report.problems.count) problem(s) in \(database.path)")
            }
            try Terminal.print("ok: integrity, foreign keys, migrations and \(report.chainsVerified) hash chains (\(report.entriesVerified) entries) verified")
        }
    }
}

import Foundation
