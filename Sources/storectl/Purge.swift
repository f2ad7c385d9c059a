import ArgumentParser
import Foundation
import InteractionStore
import InteractionModel

extension StoreCtl {
    /// `storectl purge --before T [--dry-run]`.
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete chats that ended before T, with their consultations and all their history.",
            discussion: """
                A chat goes when it and all its consultations ended before T; an active interaction never goes. \
                Its timeline, parties, requests and disposition changes go with it, in one transaction, and the \
                purge is recorded (time, cut-off, counts, and each purged interaction's chain head). The events \
                ledger stays, so re-importing an old log changes nothing; agent states stay. Run with --dry-run \
                first: it prints what would go and changes nothing.
                """
        )

        @Option(name: .long, help: ArgumentHelp("Cut-off time, YYYY-MM-DDTHH:MM:SS(.sss)Z: interactions that ended before it go.", valueName: "time"))
        var before: String
        @Flag(name: .customLong("dry-run"), help: "Print what would go; change nothing.") var dryRun = false
        @Flag(help: "Also list each interaction that goes (id, kind, ended_at, entries, chain head).") var list = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if Timestamp.parse(before) == nil {
                throw ValidationError("--before \(before) is not a time like 2026-01-01T00:00:00Z (UTC, uppercase T and Z)")
            }
        }

        func run() throws {
            guard let cutoff = Timestamp.parse(before) else { throw ValidationError("--before needs a time like 2026-01-01T00:00:00Z") }
            let store = try database.openExisting()
            let shown = Timestamp.format(cutoff)
            if !dryRun { Terminal.printError("purging chats (and their consultations) that ended before \(shown)…") }
            // The listing callback cannot throw: a failed stdout is kept, the listing stops, and
            // the command fails with it once the purge (which does not depend on it) is done.
            var listingFailure: CommandFailure?
            let summary = try store.purge(before: cutoff, dryRun: dryRun, onInteraction: list ? { item in
                guard listingFailure == nil else { return }
                do throws(CommandFailure) {
                    try Terminal.print([item.id, item.kind, Timestamp.format(item.endedAt), String(item.entries), item.chainHead ?? "-"].joined(separator: "\t"))
                } catch {
                    listingFailure = error
                }
            } : nil)
            if let listingFailure { throw listingFailure }
            let what = "\(summary.interactions) interactions (\(summary.chats) chats, \(summary.consultations) consultations) that ended before \(shown): \(summary.entries) timeline entries, \(summary.connections) parties, \(summary.requests) requests, \(summary.dispositionChanges) disposition changes"
            if summary.dryRun {
                try Terminal.print("dry run: would purge \(what); nothing was changed")
            } else {
                try Terminal.print("purged \(what)\(summary.purgeId.map { "; recorded as purge #\($0)" } ?? "")")
            }
            if summary.unexportedInteractions > 0 {
                Terminal.printError("warning: \(summary.unexportedInteractions) of these interactions \(summary.dryRun ? "have" : "had") not been exported yet (run storectl export before purging if the warehouse needs them)")
            }
        }
    }
}
