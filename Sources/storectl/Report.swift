import ArgumentParser
import Foundation
import InteractionStore
import InteractionModel

extension StoreCtl {
    /// `storectl report conferences|agents|dispositions`.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reports: conference outcomes, agent state time and after-call work, dispositions.",
            discussion: "--from T and --to T select T_from <= t < T_to; T is a UTC time like 2026-11-24T09:00:00.250Z.",
            subcommands: [Conferences.self, Agents.self, Dispositions.self]
        )
    }
}

/// A report bound: an event-format time (`YYYY-MM-DDTHH:MM:SS(.d{1,9})?Z`), in ms.
/// Anything else is a usage error (exit 64) naming the option.
struct ReportTime: ExpressibleByArgument {
    var milliseconds: Int64

    init?(argument: String) {
        guard let milliseconds = Timestamp.parse(argument) else { return nil }
        self.milliseconds = milliseconds
    }
}

/// `--from T --to T`, shared by the reports.
struct RangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only what happened at or after this UTC time, e.g. 2026-03-02T09:00:00Z.", valueName: "time"))
    var from: ReportTime?
    @Option(help: ArgumentHelp("Only what happened before this UTC time.", valueName: "time"))
    var to: ReportTime?

    /// `--from` in ms, nil when not given.
    var lower: Int64? { from?.milliseconds }
    /// `--to` in ms, nil when not given.
    var upper: Int64? { to?.milliseconds }

    /// A reversed range is a usage error rather than a silently empty report.
    func validate() throws {
        if let lower, let upper, lower > upper {
            throw ValidationError("--from \(Timestamp.format(lower)) is after --to \(Timestamp.format(upper)); the range would be empty")
        }
    }
}

extension StoreCtl.Report {
    /// `storectl report conferences [--from T] [--to T] [--agent A] [--summary]`.
    struct Conferences: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One row per conference request by requested_at, or with --summary one object of totals.",
            discussion: """
                Columns: request, interaction, requested_at, from_agent, target_kind, target, mode, outcome, answered_at, \
                wait_ms, joined_agent, left_at, duration_ms, end_reason, became_owner. Transfers and consultations are not rows. \
                --summary: requested, accepted, declined, timeout, cancelled, pending, accept_rate, median_wait_ms, \
                auto_transfers, removed.
                """
        )

        @OptionGroup var range: RangeOptions
        @Option(help: ArgumentHelp("Only requests this agent sent or joined through.", valueName: "agent"))
        var agent: String?
        @Flag(help: "Print the totals (one JSON object in json format) instead of the rows.") var summary = false
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            if summary {
                let totals = try database.read { try $0.conferenceSummary(from: range.lower, to: range.upper, agent: agent) }
                let format = output.resolved
                try Terminal.write(format == .json ? totals.json + "\n" : totals.tabular.rendered(format))
            } else {
                let rows = try database.read { try $0.conferenceReport(from: range.lower, to: range.upper, agent: agent) }
                try Terminal.write(Tabular(reportRows: rows).rendered(output.resolved))
            }
        }
    }

    /// `storectl report agents [--from T] [--to T] [--by-reason] [--acw]`.
    struct Agents: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time per agent, channel and state; with --acw, after-call work per ended chat connection.",
            discussion: """
                Columns: agent, channel, state, total_ms, count (with --by-reason, reason after state). Periods are clipped \
                to the range; the open last period runs to --to, default now. With --acw: interaction, agent, left_at, acw_ms, \
                by left_at in the range.
                """
        )

        @OptionGroup var range: RangeOptions
        @Flag(name: .customLong("by-reason"), help: "Split not_ready by reason and add the reason column.") var byReason = false
        @Flag(help: "After-call work per ended agent connection to a chat instead of state time.") var acw = false
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func validate() throws {
            if acw, byReason { throw ValidationError("--by-reason applies to the state report, not to --acw") }
        }

        func run() throws {
            let table: Tabular
            if acw {
                table = Tabular(reportRows: try database.read { try $0.afterCallWorkReport(from: range.lower, to: range.upper) })
            } else {
                let now = Clock.nowMilliseconds()
                let rows = try database.read { try $0.agentStateReport(from: range.lower, to: range.upper, now: now, byReason: byReason) }
                table = AgentStateRow.tabular(rows, byReason: byReason)
            }
            try Terminal.write(table.rendered(output.resolved))
        }
    }

    /// `storectl report dispositions [--from T] [--to T]`.
    struct Dispositions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disposition codes that stand (latest per agent and interaction), over interactions started in the range.",
            discussion: "Columns: code, label, count; highest count first, then code. Retired codes still count."
        )

        @OptionGroup var range: RangeOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let rows = try database.read { try $0.dispositionReport(from: range.lower, to: range.upper) }
            try Terminal.write(Tabular(reportRows: rows).rendered(output.resolved))
        }
    }
}
