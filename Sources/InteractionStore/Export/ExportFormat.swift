/// The file format of an export: one entity per file, one row per line or record.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// Newline-delimited JSON: one object per line (snake_case keys, null for missing values,
    /// times as `YYYY-MM-DDTHH:MM:SS.sssZ`), each line ending with LF.
    case ndjson
    /// RFC 4180 CSV: a header line, then one record per row, CRLF line ends, fields quoted when
    /// they hold a comma, a quote, CR or LF. A missing value is an empty field (use NDJSON when
    /// an empty string must be told from null).
    case csv

    /// The file name extension, without the dot.
    package var fileExtension: String { rawValue }
}
