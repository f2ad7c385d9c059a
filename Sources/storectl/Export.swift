import ArgumentParser
import Foundation
import InteractionStore

extension StoreCtl {
    /// `storectl export --out DIR [--format ndjson|csv] [--full] [--redact] [--sign-key F]` and `storectl export history`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export every final row exactly once: one file per entity plus manifest.json.",
            discussion: """
                Writes interactions, parties, timeline, requests, disposition_changes and agent_states \
                (.ndjson or .csv) and, last, manifest.json (format, window from_seq/to_seq, and per file its \
                rows and SHA-256) into DIR, which is created (mode 0700) when missing. Each run needs a directory \
                of its own: a DIR that already holds a manifest.json is refused (exit 73).

                Incremental by default: the run holds what became final since the previous run (an interaction \
                with its parties, timeline and requests once it — and, for a chat, its consultations — has ended; \
                disposition changes and agent states once stored), then moves the watermark. Writers may run \
                meanwhile: what they commit during the run goes to the next one. --full writes everything final \
                without moving the watermark. A run that fails leaves no manifest and does not move the watermark.

                --redact masks e-mail addresses, phone numbers and Luhn-valid card numbers in message text \
                ([email], [phone], [card]) and replaces contact names with [redacted].

                Every run is anchored: chains.ndjson (always NDJSON) holds each exported interaction's last entry \
                seq and hash, and the manifest's store_head links the run to the incremental run before it \
                (previous_head). Before writing anything, the run verifies the hash chain of every interaction it \
                exports; a broken one stops it (exit 65, naming the interaction and entry). --sign-key F (an Ed25519 \
                private key in PKCS#8 PEM, as `openssl genpkey -algorithm ed25519` writes it, readable by its owner \
                only) writes manifest.json.sig, the raw signature of manifest.json, last. Check runs with \
                `storectl verify`.
                """,
            subcommands: [History.self]
        )

        @Option(name: .long, help: ArgumentHelp("The run's directory (a new one for each run).", valueName: "dir"))
        var out: String?
        @Option(name: .long, help: "File format: ndjson (default) or csv. For `export history`: table, json or csv.")
        var format: FormatChoice?
        @Flag(help: "Everything final up to now, without moving the watermark.") var full = false
        @Flag(help: "Mask e-mail addresses, phone and card numbers in message text, and contact names.") var redact = false
        @Option(name: .customLong("sign-key"), help: ArgumentHelp("Sign manifest.json with this Ed25519 private key (PKCS#8 PEM, mode 0600): writes manifest.json.sig.", valueName: "file"))
        var signKey: String?
        @Flag(help: "No progress or summary.") var quiet = false
        @OptionGroup var database: DatabaseOptions

        /// The values `--format` takes: the export's file formats and, for `export history`
        /// (which shares the option, as the parent parses it), the read formats.
        enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
            case ndjson, csv, json, table

            init?(argument: String) {
                if argument == "text" { self = .table; return }
                self.init(rawValue: argument)
            }
        }

        func run() throws {
            guard let out, !out.isEmpty else {
                throw ValidationError("give the run's directory with --out DIR (or see `storectl export history`)")
            }
            let fileFormat: ExportFormat
            switch format ?? .ndjson {
            case .ndjson: fileFormat = .ndjson
            case .csv: fileFormat = .csv
            case .json, .table: throw ValidationError("export writes ndjson or csv files; json and table are formats of `storectl export history`")
            }
            let signingKey: ExportSigningKey?
            do { signingKey = try signKey.map(ExportSigningKey.init(contentsOf:)) } catch { throw CommandFailure(error) }
            let store = try database.openExisting()
            let showProgress = !quiet && Terminal.stderrIsTerminal
            let result: ExportResult
            do {
                result = try store.export(
                    ExportOptions(directory: out, format: fileFormat, full: full, redact: redact, signingKey: signingKey),
                    onProgress: { progress in
                        if showProgress {
                            Terminal.writeError("\r\u{1B}[K\(progress.entity): \(progress.rows) rows…")
                        }
                    })
            } catch let error as ExportError {
                if showProgress { Terminal.writeError("\r\u{1B}[K") }
                throw CommandFailure(status: ExitStatus(error.category), message: error.message(.storectl))
            }
            if showProgress { Terminal.writeError("\r\u{1B}[K") }
            if let recovered = result.recoveredDirectory {
                Terminal.printError("note: the previous run was recorded but interrupted before its manifest was in place; put \(recovered)/manifest.json in place")
            }
            guard !quiet else { return }
            let manifest = result.manifest
            let counts = manifest.files.map { "\($0.rows) \($0.entity)" }.joined(separator: ", ")
            let kind = (manifest.full ? "full" : "incremental") + (signingKey == nil ? "" : ", signed")
            let bytes = manifest.files.reduce(0) { $0 + $1.bytes }
            let seconds = Swift.max(result.elapsedSeconds, 1e-6)
            let throughput = String(format: "%.0f rows/s, %.1f MB/s", Double(manifest.rows) / seconds, Double(bytes) / 1e6 / seconds)
            try Terminal.print("export #\(result.runId) (\(kind)\(manifest.redacted ? ", redacted" : "")): \(manifest.rows) rows (\(counts)), window (\(manifest.fromSeq), \(manifest.toSeq)], store_head \(manifest.storeHead), \(result.chainsVerified) chains (\(result.entriesVerified) entries) verified in \(String(format: "%.2f", result.verificationSeconds)) s, in \(result.directory) in \(String(format: "%.2f", result.elapsedSeconds)) s (\(throughput))")
        }

        /// `storectl export history`.
        struct History: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the recorded export runs: when, window, format, and row counts per entity.",
                discussion: "Takes --format table|json|csv (default: table on a terminal, else json) and --db PATH, like every read."
            )

            @ParentCommand var export: Export

            func run() throws {
                if export.out != nil || export.full || export.redact || export.signKey != nil {
                    throw ValidationError("--out, --full, --redact and --sign-key belong to `storectl export`, not `storectl export history`")
                }
                let format: OutputFormat
                switch export.format {
                case nil: format = Terminal.stdoutIsTerminal ? .table : .json
                case .table?: format = .table
                case .json?: format = .json
                case .csv?: format = .csv
                case .ndjson?: throw ValidationError("export history prints table, json or csv")
                }
                guard FileManager.default.fileExists(atPath: export.database.path) else {
                    throw CommandFailure(status: .noInput, message: "\(export.database.path): no such database; check the path")
                }
                let store = try export.database.open()
                try Terminal.write(ExportRun.table(try store.exportHistory()).rendered(format))
            }
        }
    }
}
