import Crypto

/// One schema migration: a plain SQL file `V0001__name.sql` from `Migrations/`.
package struct Migration: Sendable, Equatable {
    /// The version number from the file name (`V0001` → 1).
    package let version: Int
    /// The description from the file name (`initial_schema`).
    package let name: String
    /// The SQL text, with a BOM stripped and CRLF turned into LF.
    package let sql: String
    /// Hex SHA-256 of `sql`: line endings and a BOM do not change it.
    package let checksum: String

    /// The file name this migration comes from.
    package var fileName: String { "V\(String.zeroPadded(version, width: 4))__\(name).sql" }

    /// Creates a migration from its file name parts and text.
    package init(version: Int, name: String, sql: String) {
        var text = sql
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.replacingCRLF()
        self.version = version
        self.name = name
        self.sql = text
        self.checksum = SHA256.hash(data: Array(text.utf8)).hexString
    }

    /// Parses `V0001__initial_schema.sql` into (1, "initial_schema").
    package static func parseFileName(_ fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasPrefix("V"), fileName.hasSuffix(".sql"),
              let separator = fileName.range(of: "__") else { return nil }
        let digits = fileName[fileName.index(after: fileName.startIndex)..<separator.lowerBound]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let version = Int(digits), version > 0 else { return nil }
        let name = fileName[separator.upperBound..<fileName.index(fileName.endIndex, offsetBy: -4)]
        guard !name.isEmpty else { return nil }
        return (version, String(name))
    }
}

extension String {
    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = "\(value)"
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }

    func replacingCRLF() -> String {
        guard contains("\r\n") else { return self }
        return split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
    }
}
