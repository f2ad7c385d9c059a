import ArgumentParser
import Foundation
import InteractionDemo
import InteractionStore
import InteractionModel

extension StoreCtl {
    /// `storectl demo`.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a realistic, reproducible event log, import it, and print the summary reports.",
            discussion: """
                The log exercises every workflow (conferences accepted, declined and timed out, queue targets, \
                consultation to conference, automatic transfers, removals, transfers, notes, dispositions, agent \
                states and after-call work). Ids include the seed, so logs of several seeds import into one store. \
                With --emit the log is only written to FILE (- for stdout).
                """
        )

        @Option(help: "How many chats to generate.") var interactions = 500
        @Option(help: "The seed: the same seed gives the same log.") var seed: UInt64 = 1
        @Option(help: "Only write the log to this file (- for stdout); import nothing.") var emit: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func validate() throws {
            guard interactions >= 1 else { throw ValidationError("--interactions needs a positive count") }
        }

        func run() throws {
            let generator = DemoGenerator(interactions: interactions, seed: seed)
            if let emit {
                let count = try write(generator, to: emit == "-" ? nil : emit)
                if emit != "-" { Terminal.printError("wrote \(count) events (\(interactions) chats, seed \(seed)) to \(emit)") }
                return
            }
            // The events go to the store as they are generated: no log is written and re-read.
            let store = try database.open()
            let summary = try store.importEvents(generator)
            guard summary.committed, summary.rejected.isEmpty else {
                for rejected in summary.rejected.prefix(20) { Terminal.printError(rejected.description) }
                throw CommandFailure(status: .software, message: "the demo log was rejected (\(summary.rejected.count) lines): this is a bug in the generator")
            }
            Terminal.printError(String(format: "demo: %d events (%d chats, seed %llu) → %@: %d stored, %d already there, in %.2f s (%.0f events/s)",
                                       summary.lines, interactions, seed, database.path, summary.stored, summary.duplicates,
                                       summary.elapsedSeconds, summary.eventsPerSecond))
            let conferences = try store.conferenceSummary(from: nil, to: nil, agent: nil)
            let dispositions = try store.dispositionReport(from: nil, to: nil)
            switch output.resolved {
            case .json:
                let counts = Tabular(reportRows: dispositions).json().trimmingCharacters(in: .whitespacesAndNewlines)
                try Terminal.write("{\"conferences\":\(conferences.json),\n\"dispositions\":\(counts)}\n")
            case .csv:
                try Terminal.write(conferences.tabular.csv() + "\r\n" + Tabular(reportRows: dispositions).csv())
            case .table:
                try Terminal.write("Conference outcomes\n" + conferences.tabular.table() + "\nDispositions\n" + Tabular(reportRows: dispositions).table())
                try Terminal.write("\nNext: storectl report conferences --db \(database.path), or storectl transcript ID --db \(database.path)\n")
            }
        }

        /// Writes the log through the one event encoder, one line per event, in 1 MiB writes;
        /// the defaulted `channel` and `visibility` are left out, so the bytes are those the
        /// demo has always written. Returns the number of events.
        private func write(_ generator: DemoGenerator, to path: String?) throws -> Int {
            let file = try path.map { try OutputFile(path: $0) }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20 + 4096)
            var count = 0
            func flush() throws {
                if let file { try file.write(buffer) } else { try Terminal.write(buffer) }
                buffer.removeAll(keepingCapacity: true)
            }
            for event in generator {
                EventEncoder.append(event, to: &buffer, defaults: .omitted)
                buffer.append(0x0A)
                count += 1
                if buffer.count >= 1 << 20 { try flush() }
            }
            try flush()
            try file?.close()
            return count
        }
    }
}
