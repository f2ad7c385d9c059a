import ArgumentParser
import InteractionStore

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
            let record = audit.interaction
            let summary = Tabular(columns: ["interaction", "kind", "parent", "contact", "owner", "status", "started_at", "ended_at"], rows: [[
                .text(record.id), .text(record.kind.rawValue), .text(record.parent), .text(record.contact), .text(record.owner),
                .text(record.status), .time(record.startedAt), .time(record.endedAt)]])
            let timeline = Tabular(columns: TimelineEntry.columns, rows: audit.timeline.map(\.cells))
            let verified = audit.chain.problems.isEmpty
            let chain = Tabular(columns: ["verified", "entries", "head", "problems"], rows: [[
                .bool(verified), .integer(Int64(audit.chain.entries)), .text(audit.chain.head), .text(audit.chain.problems.joined(separator: "; "))]])
            let sections: [(String, Tabular)] = [("interaction", summary), ("timeline", timeline), ("requests", audit.requests),
                                                 ("dispositions", audit.dispositions), ("linked", audit.linked), ("chain", chain)]
            switch output.resolved {
            case .json:
                // One object: each section an array of row objects; the chain one object.
                var parts = sections.dropLast().map { name, table in
                    JSONWriter.quote(name) + ":" + table.json().trimmingCharacters(in: .whitespacesAndNewlines)
                }
                parts.append(JSONWriter.quote("chain") + ":" + JSONWriter.object([
                    ("verified", .bool(verified)), ("entries", .integer(Int64(audit.chain.entries))), ("head", .text(audit.chain.head)),
                    ("problems", .text(audit.chain.problems.isEmpty ? nil : audit.chain.problems.joined(separator: "\n")))]))
                try Terminal.write("{" + parts.joined(separator: ",\n") + "}\n")
            case .csv:
                for (name, table) in sections { try Terminal.write("# \(name)\r\n" + table.csv()) }
            case .table:
                for (name, table) in sections { try Terminal.write("== \(name) ==\n" + table.table() + "\n") }
                try Terminal.write(verified
                    ? "chain verified, \(audit.chain.entries) entries, head \(audit.chain.head ?? "none")\n"
                    : "chain BROKEN:\n" + audit.chain.problems.map { "  " + $0 }.joined(separator: "\n") + "\n")
            }
            if !verified {
                throw CommandFailure(status: .dataError, message: audit.chain.problems.joined(separator: "\n"))
            }
        }
    }
}

import Foundation
