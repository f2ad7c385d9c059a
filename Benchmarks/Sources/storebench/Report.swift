import CBaseline
import Foundation

/// The run's output: the figures table with ratios, then the targets, met or not.
struct Report {
    let bench: Bench
    let elapsed: Double

    private func value(_ samples: Samples, _ unit: String) -> String {
        func one(_ v: Double) -> String {
            switch unit {
            case "ms": return v >= 100 ? String(format: "%.0f", v) : String(format: "%.1f", v)
            case "seconds", "ratio": return String(format: "%.2f", v)
            case "size": return String(format: "%.1f", v)
            default: return v.short
            }
        }
        guard !samples.isEmpty else { return "–" }
        if samples.values.count == 1 { return one(samples.median) }
        return "\(one(samples.median)) [\(one(samples.min))–\(one(samples.max))]"
    }

    private var machine: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let version = baseline_sqlite_version()
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), SQLite \(version / 1_000_000).\(version / 1000 % 1000).\(version % 1000)"
    }

    var text: String {
        let options = bench.options
        var lines: [String] = []
        lines.append("")
        let serveOnly = options.only == ["serve"]
        if serveOnly {
            // The serve workload runs each figure once (client and server on the same 2 cores).
            lines.append("## storebench --serve: storectl serve against storectl import, a null route and raw C")
            lines.append("")
            lines.append("\(machine); seed \(options.seed); one run per figure; whole run \(String(format: "%.0f", elapsed)) s.")
        } else {
            lines.append("## storebench: InteractionStore vs raw SQLite\(options.quick ? " (--quick)" : "")")
            lines.append("")
            lines.append("\(machine); seed \(options.seed); \(options.repeats) repeats, shown as median [min–max]; whole run \(String(format: "%.0f", elapsed)) s.")
        }
        for line in bench.dataLines { lines.append("- \(line)") }
        lines.append("")
        lines.append("| workload | figure | store | baseline | baseline value | store / baseline |")
        lines.append("| --- | --- | ---: | --- | ---: | ---: |")
        for figure in bench.figures {
            let ratio = figure.ratio.map { String(format: "%.2f", $0) } ?? "–"
            lines.append("| \(figure.workload) | \(figure.metric) | \(value(figure.store, figure.unit)) | \(figure.baselineName) | \(figure.baseline.map { value($0, figure.unit) } ?? "–") | \(ratio) |")
        }
        lines.append("")
        lines.append("Rates: higher is better, so a ratio below 1 means the store is slower; times (ms, s): lower is better.")
        lines.append("")
        lines.append("| target (issue \(serveOnly ? "12" : "6")) | measured | result |")
        lines.append("| --- | ---: | --- |")
        for target in bench.targets {
            lines.append("| \(target.target) | \(target.measured) | \(target.met ? "met" : "NOT MET") |")
        }
        let met = bench.targets.filter(\.met).count
        lines.append("")
        lines.append("\(met) of \(bench.targets.count) targets met.")
        for note in bench.notes { lines.append("- \(note)") }
        return lines.joined(separator: "\n")
    }

    var json: String {
        struct Output: Encodable {
            var elapsedSeconds: Double
            var data: [String]
            var figures: [Figure]
            var targets: [TargetCheck]
            var notes: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let output = Output(elapsedSeconds: elapsed, data: bench.dataLines, figures: bench.figures, targets: bench.targets, notes: bench.notes)
        return (try? encoder.encode(output)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
