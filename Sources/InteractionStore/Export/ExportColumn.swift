/// One column of an exported entity: its name and how its value is written.
struct ExportColumn: Sendable {
    /// How a stored value becomes output. SQL NULL is JSON `null` and an empty CSV field for
    /// every kind.
    enum Kind: Sendable {
        /// Stored text, written as is (JSON-escaped or CSV-quoted).
        case text
        /// An integer.
        case integer
        /// Milliseconds, written `YYYY-MM-DDTHH:MM:SS.sssZ`.
        case time
        /// 0 or 1, written `false` or `true`.
        case bool
        /// A blob, written as lowercase hex.
        case hex
        /// A contact's name: `Redactor.contactName` under `--redact`.
        case contactName
        /// A message's text: e-mail addresses, phone and card numbers masked under `--redact`.
        case messageText
    }

    /// The column name (JSON key, CSV header), snake_case.
    let name: String
    /// How its value is written.
    let kind: Kind

    init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
