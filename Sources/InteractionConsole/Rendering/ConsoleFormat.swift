import InteractionStore
import InteractionModel

/// How the console writes figures for people: `64.9 %`, `1 min 12 s`, `2026-11-24 09:00:00 UTC`.
///
/// Every figure on a page goes through here, and the tests compare each figure with this
/// function applied to the matching JSON report's value.
package enum ConsoleFormat {
    /// A share in [0, 1] as a percentage with one decimal: `0.6494` → `64.9 %`; nil → `—`.
    package static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "—" }
        let tenths = Int64((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10) %"
    }

    /// A duration in ms as people say it, truncated to the unit shown: `850 ms`, `12 s`,
    /// `1 min 12 s`, `2 min`, `1 h 5 min`, `3 d 4 h`; nil → `—`.
    package static func duration(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "—" }
        if milliseconds < 0 { return "−" + duration(-milliseconds) }
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        let seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return pair(seconds / 60, "min", seconds % 60, "s") }
        if seconds < 86_400 { return pair(seconds / 3600, "h", seconds % 3600 / 60, "min") }
        return pair(seconds / 86_400, "d", seconds % 86_400 / 3600, "h")
    }

    private static func pair(_ major: Int64, _ majorUnit: String, _ minor: Int64, _ minorUnit: String) -> String {
        minor == 0 ? "\(major) \(majorUnit)" : "\(major) \(majorUnit) \(minor) \(minorUnit)"
    }

    /// A count with thousands separated by commas: `12345` → `12,345`.
    package static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "−" + out : out
    }

    /// A time in UTC with the zone shown, to the second: `2026-11-24 09:00:00 UTC`.
    package static func time(_ milliseconds: Int64) -> String {
        let iso = Timestamp.format(milliseconds)  // YYYY-MM-DDTHH:MM:SS.sssZ
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8)) + " UTC"
    }

    /// A time of day in UTC: `09:00:00`.
    package static func clock(_ milliseconds: Int64) -> String {
        String(Timestamp.format(milliseconds).dropFirst(11).prefix(8))
    }

    /// The UTC day of a time: `2026-11-24`.
    package static func day(_ milliseconds: Int64) -> String {
        String(Timestamp.format(milliseconds).prefix(10))
    }

    /// A `<time>` element: the full stored time as its `datetime`, the readable UTC time as text.
    package static func timeElement(_ milliseconds: Int64?) -> HTML {
        guard let milliseconds else { return "—" }
        return "<time datetime=\"\(Timestamp.format(milliseconds))\">\(time(milliseconds))</time>"
    }
}
