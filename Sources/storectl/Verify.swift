import ArgumentParser
import Foundation
import InteractionStore

extension StoreCtl {
    /// `storectl verify DIR… [--public-key P] [--db PATH]`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that export runs are unchanged: files, linked store heads, every chain against the store, signatures.",
            discussion: """
                For each DIR (an export run's directory): every file the manifest lists against its rows, bytes and \
                SHA-256; store_head against previous_head and chains.ndjson; for consecutive incremental runs given \
                in the order written, each previous_head against the store_head of the run before; and every row of \
                chains.ndjson against the store: the interaction's stored entries up to seq, hashed again from their \
                content, must end in the exported head (so an entry rewritten, deleted or added is found even when \
                every later hash was recomputed). An interaction purged since passes when the purge recorded the same \
                head; it is listed on stdout. With --public-key (the PEM `openssl pkey -pubout` writes), \
                manifest.json.sig must verify.

                Each problem is one line on stderr: the directory, the file or interaction, what differs. Exit 0 when \
                everything holds, 65 when anything does not, 66 when a DIR, its manifest.json, the key or the database \
                does not exist.
                """
        )

        @Argument(help: ArgumentHelp("Export run directories; consecutive incremental runs in the order written.", valueName: "dir"))
        var directories: [String] = []
        @Option(name: .customLong("public-key"), help: ArgumentHelp("Check each manifest.json.sig with this Ed25519 public key (PEM).", valueName: "file"))
        var publicKey: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if directories.isEmpty { throw ValidationError("give at least one export run directory: storectl verify DIR… [--public-key P]") }
        }

        func run() throws {
            let key: ExportPublicKey?
            do { key = try publicKey.map(ExportPublicKey.init(contentsOf:)) } catch { throw CommandFailure(error) }
            let store = try database.openExisting(migrating: false, remedy: "give the store the runs were exported from with --db")
            let result = try store.verifyExports(directories, publicKey: key)
            for purged in result.purged { try Terminal.print(purged.description) }
            for problem in result.problems { Terminal.printError(problem.message(.storectl)) }
            let runs = result.runs == 1 ? "1 export run" : "\(result.runs) export runs"
            guard result.problems.isEmpty else {
                throw CommandFailure(status: .dataError, message: "verify failed: \(result.problems.count) problem(s) in \(runs)")
            }
            let purged = result.purged.isEmpty ? "" : " (\(result.purged.count) purged, with matching heads)"
            try Terminal.print("ok: \(runs) verified: \(result.files) files, \(result.chains) chains\(purged) against \(result.entries) stored entries\(key == nil ? "" : ", signatures valid")")
        }
    }
}
