import ArgumentParser
import Foundation
import InteractionStore

extension StoreCtl {
    /// `storectl backup DEST`.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database to a new file while writers run (SQLite online backup API).",
            discussion: """
                The copy is one consistent snapshot, taken without stopping imports; it is created with mode 0600 \
                and passes storectl check. DEST must not exist (exit 73): a backup never overwrites a file.
                """
        )

        @Argument(help: ArgumentHelp("The new database file.", valueName: "dest")) var destination: String
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "No progress or summary.") var quiet = false

        func run() throws {
            let store = try database.openExisting(migrating: false)
            let showProgress = !quiet && Terminal.stderrIsTerminal
            let summary = try store.backup(to: destination) { copied, total in
                if showProgress, total > 0 {
                    Terminal.writeError("\r\u{1B}[Kbackup: \(copied * 100 / total)% (\(copied) of \(total) pages)…")
                }
            }
            if showProgress { Terminal.writeError("\r\u{1B}[K") }
            guard !quiet else { return }
            let megabytes = String(format: "%.1f", Double(summary.bytes) / 1_048_576)
            try Terminal.print("backup: \(summary.destination): \(summary.pages) pages of \(summary.pageSize) bytes (\(summary.bytes) bytes, \(megabytes) MiB) in \(String(format: "%.2f", summary.seconds)) s")
        }
    }
}
