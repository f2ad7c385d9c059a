import ArgumentParser
import Foundation
import InteractionStore

/// `storectl`: the maintenance CLI of InteractionStore.
@main
struct StoreCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storectl",
        abstract: "Maintain an InteractionStore database: migrate, import, report, audit, export, back up, purge.",
        discussion: "Every command takes --db PATH after its own words (else $STORECTL_DB, else ./interactions.sqlite).",
        subcommands: [
            Migrate.self, Check.self, Import.self, Transcript.self, Audit.self, Report.self, Dispositions.self, Agents.self, Demo.self, Export.self, Verify.self, Backup.self, Purge.self, Serve.self,
        ]
    )

    /// Runs the command, turning every error into one sentence on stderr and a sysexits status.
    static func main() async {
        // A file size limit (ulimit -f) must fail a write with EFBIG — an I/O error we report
        // (exit 74) — not kill the process with SIGXFSZ. A closed pipe likewise gives EPIPE.
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { Terminal.printError(failure.message) }
            Foundation.exit(failure.status.rawValue)
        } catch let error where !(error is ExitCode) && ErrorReport.isDomainError(error) {
            let report = ErrorReport(error)
            Terminal.printError(report.message)
            Foundation.exit(report.status.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}
