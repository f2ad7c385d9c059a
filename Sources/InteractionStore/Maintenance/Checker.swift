/// `storectl check`: verifies the whole database and names every problem.
public struct CheckReport: Sendable {
    /// Each problem found, one sentence each; empty when the database is sound.
    public var problems: [String]
    /// How many timeline chains were verified.
    public var chainsVerified: Int
    /// How many timeline entries were verified.
    public var entriesVerified: Int
}

extension Store {
    /// Runs `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, compares the applied
    /// migrations' checksums with this binary's, and verifies every interaction's hash chain.
    /// - Throws: `SQLiteError` when the database cannot be read at all.
    public func check() throws -> CheckReport {
        try withWriter { db in
            var problems: [String] = []
            let integrity = try db.query("PRAGMA integrity_check") { $0.string(0) }
            if integrity != ["ok"] {
                problems += integrity.map { "integrity_check: \($0)" }
            }
            try db.forEach("PRAGMA foreign_key_check") { row in
                problems.append("foreign_key_check: table \(row.string(0)) row \(row.optionalInt64(1).map(String.init) ?? "?") refers to a missing row in \(row.string(2)); restore from a backup")
            }
            let status = try options.migrator.status(db)
            problems += status.problems.map(\.description)
            if !status.pending.isEmpty {
                problems.append("\(status.pending.count) migration(s) not applied (\(status.pending.map(\.fileName).joined(separator: ", "))); run storectl migrate")
            }
            var chains = 0
            var entries = 0
            if status.applied.contains(where: { $0.version == 1 }) {
                let verification = try ChainVerifier.verifyAll(db)
                chains = verification.chains
                entries = verification.entries
                problems += verification.problems
            }
            return CheckReport(problems: problems, chainsVerified: chains, entriesVerified: entries)
        }
    }
}
