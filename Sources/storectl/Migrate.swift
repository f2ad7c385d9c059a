import ArgumentParser
import Foundation
import InteractionStore
import InteractionModel

extension StoreCtl {
    /// `storectl migrate [--dry-run]` and `storectl migrate status`.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the pending schema migrations (all in one transaction).",
            subcommands: [Status.self]
        )

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Only list the migrations that would be applied.") var dryRun = false

        func run() throws {
            let applied: [Migration]
            if dryRun, !FileManager.default.fileExists(atPath: database.path) {
                applied = Migrator().migrations  // a dry run leaves no trace, not even an empty file
            } else {
                let store = try database.openUnmigrated()
                applied = try store.withWriter { try store.options.migrator.migrate($0, dryRun: dryRun) }
            }
            if applied.isEmpty {
                Terminal.printError("\(database.path): up to date, nothing to apply")
            }
            for migration in applied {
                try Terminal.print("\(dryRun ? "would apply" : "applied") \(migration.fileName) \(migration.checksum)")
            }
        }

        /// `storectl migrate status`.
        struct Status: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List applied and pending migrations with their checksums.")

            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: FormatOptions

            func run() throws {
                let status: MigrationStatus
                if FileManager.default.fileExists(atPath: database.path) {
                    let store = try database.openUnmigrated()
                    status = try store.withWriter { try store.options.migrator.status($0) }
                } else {
                    status = MigrationStatus(applied: [], pending: Migrator().migrations, problems: [])
                }
                var table = Tabular(columns: ["version", "name", "status", "checksum", "applied_at", "execution_ms"])
                for record in status.applied {
                    table.rows.append([.integer(Int64(record.version)), .text(record.name), .text("applied"), .text(record.checksum), .time(record.appliedAt), .integer(record.executionMs)])
                }
                for migration in status.pending {
                    table.rows.append([.integer(Int64(migration.version)), .text(migration.name), .text("pending"), .text(migration.checksum), .null, .null])
                }
                try Terminal.write(table.rendered(output.resolved))
                for problem in status.problems { Terminal.printError(problem.message(.storectl)) }
                if !status.problems.isEmpty { throw CommandFailure(status: .dataError, message: "") }
            }
        }
    }
}
