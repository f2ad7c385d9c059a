/// The whole-database check: verifies the database and names every problem.
public struct CheckReport: Sendable {
    /// Each problem found, one sentence each; empty when the database is sound.
    public var problems: [String]
    /// How many timeline chains were verified.
    package var chainsVerified: Int
    /// How many timeline entries were verified.
    package var entriesVerified: Int
}

extension Store {
    /// Runs `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, compares the applied
    /// migrations' checksums with this binary's, and verifies every interaction's hash chain.
    /// - Throws: `SQLiteError` when the database cannot be read at all.
    public func check() throws -> CheckReport { try check(wording: .library) }

    /// `check()`, its problems' remedies worded by `wording` (the CLI names its commands).
    /// - Throws: `SQLiteError` when the database cannot be read at all.
    package func check(wording: RemedyWording) throws -> CheckReport {
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
            problems += status.problems.map { $0.message(wording) }
            if !status.pending.isEmpty {
                problems.append("\(status.pending.count) migration(s) not applied (\(status.pending.map(\.fileName).joined(separator: ", "))); run \(wording.migrate)")
            }
            if status.applied.contains(where: { $0.version == 1 }) {
                if try db.scalarInt("SELECT open FROM purge_gate WHERE id = 1") != 0 {
                    problems.append("the purge gate was left open: history may have been deleted outside \(wording.purge); set purge_gate.open = 0 and compare with a backup")
                }
                try db.forEach("""
                    SELECT id, json_valid(chain_heads), interactions,
                           CASE WHEN json_valid(chain_heads) THEN (SELECT count(*) FROM json_each(purges.chain_heads)) END
                    FROM purges ORDER BY id
                    """) { row in
                    if row.int64(1) != 1 {
                        problems.append("purges row \(row.int64(0)): its chain_heads is not valid JSON; the purge record was damaged")
                    } else if row.int64(3) != row.int64(2) {
                        problems.append("purges row \(row.int64(0)): records \(row.int64(2)) interactions but \(row.int64(3)) chain heads; the purge record was damaged")
                    }
                }
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
