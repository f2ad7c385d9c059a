import Foundation
import InteractionModel
import InteractionStore

/// The audit's rendering, shared by `storectl audit` and `GET /v1/interactions/{id}/audit` so
/// that both print the same bytes.
extension AuditRecord {
    /// True when the hash chain verified.
    package var verified: Bool { chain.problems.isEmpty }

    /// The named sections in order: interaction, timeline, requests, dispositions, linked, chain.
    package var sections: [(name: String, table: Tabular)] {
        let record = interaction
        let summary = Tabular(columns: ["interaction", "kind", "parent", "contact", "owner", "status", "started_at", "ended_at"], rows: [[
            .text(record.id), .text(record.kind.rawValue), .text(record.parent), .text(record.contact), .text(record.owner),
            .text(record.status), .time(record.startedAt), .time(record.endedAt)]])
        let timelineTable = Tabular(columns: TimelineEntry.columns, rows: timeline.map(\.cells))
        let chainTable = Tabular(columns: ["verified", "entries", "head", "problems"], rows: [[
            .bool(verified), .integer(Int64(chain.entries)), .text(chain.head), .text(chain.problems.joined(separator: "; "))]])
        return [("interaction", summary), ("timeline", timelineTable), ("requests", requestsTable),
                ("dispositions", dispositionsTable), ("linked", linkedTable), ("chain", chainTable)]
    }

    /// The requests section.
    package var requestsTable: Tabular {
        Tabular(columns: ["request", "kind", "interaction", "consultation", "from_agent", "target_kind", "target", "mode",
                          "requested_at", "outcome", "answered_at", "accepted_by"],
                rows: requests.map { request in
                    [.text(request.id), .text(request.kind), .text(request.interaction), .text(request.consultation),
                     .text(request.fromAgent), .text(request.targetKind), .text(request.target), .text(request.mode),
                     .time(request.requestedAt), .text(request.outcome), .time(request.answeredAt), .text(request.acceptedBy)]
                })
    }

    /// The disposition changes section.
    package var dispositionsTable: Tabular {
        Tabular(columns: ["time", "agent", "code", "label"],
                rows: dispositions.map { [.time($0.time), .text($0.agent), .text($0.code), .text($0.label)] })
    }

    /// The linked interactions section.
    package var linkedTable: Tabular {
        Tabular(columns: ["interaction", "kind", "relation", "status", "started_at", "ended_at"],
                rows: linked.map { [.text($0.id), .text($0.kind), .text($0.relation), .text($0.status), .time($0.startedAt), .time($0.endedAt)] })
    }

    /// One JSON object: each section an array of row objects, the chain one object; ends with a newline.
    package func json() -> String {
        var parts = sections.dropLast().map { section in
            JSONWriter.quote(section.name) + ":" + section.table.json().trimmingCharacters(in: .whitespacesAndNewlines)
        }
        parts.append(JSONWriter.quote("chain") + ":" + JSONWriter.object([
            ("verified", .bool(verified)), ("entries", .integer(Int64(chain.entries))), ("head", .text(chain.head)),
            ("problems", .text(chain.problems.isEmpty ? nil : chain.problems.joined(separator: "\n")))]))
        return "{" + parts.joined(separator: ",\n") + "}\n"
    }

    /// Each section as CSV after a `# NAME` line.
    package func csv() -> String {
        sections.map { "# \($0.name)\r\n" + $0.table.csv() }.joined()
    }

    /// Each section as an aligned table, then the chain's verdict in a sentence.
    package func table() -> String {
        sections.map { "== \($0.name) ==\n" + $0.table.table() + "\n" }.joined()
            + (verified
                ? "chain verified, \(chain.entries) entries, head \(chain.head ?? "none")\n"
                : "chain BROKEN:\n" + chain.problems.map { "  " + $0 }.joined(separator: "\n") + "\n")
    }
}
