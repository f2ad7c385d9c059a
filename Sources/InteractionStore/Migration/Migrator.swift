import InteractionModel
import Foundation
import StoreSQLite

/// A migration recorded in `schema_migrations`.
package struct AppliedMigration: Sendable, Equatable, Codable {
    /// Version number.
    package var version: Int
    /// Description from the file name.
    package var name: String
    /// Hex SHA-256 of the text that was applied.
    package var checksum: String
    /// When it was applied, in milliseconds since the epoch.
    package var appliedAt: Int64
    /// How long the script ran, in milliseconds.
    package var executionMs: Int64
}

/// Something wrong between the database's migration history and this binary's migrations.
public enum MigrationProblem: Sendable, Equatable, CustomStringConvertible, RemedyWorded {
    /// An applied file was changed after it was applied.
    case modified(version: Int, file: String, applied: String, current: String)
    /// The database has a version this binary does not know: it is newer than the binary.
    case unknownVersion(version: Int, name: String)
    /// A version below the newest applied one was never applied (out of order).
    case outOfOrder(version: Int, file: String)

    /// One sentence with the remedy.
    public var description: String { message(.library) }

    /// One sentence with the remedy, worded by `wording`.
    package func message(_ wording: RemedyWording) -> String {
        switch self {
        case let .modified(version, file, applied, current):
            return "migration \(version) (\(file)) was changed after it was applied: the database recorded checksum \(applied), the file now has \(current); restore the original file and put the change in a new migration"
        case let .unknownVersion(version, name):
            return "the database has migration \(version) (\(name)) that this \(wording.reader) does not know: the database is newer than this binary; use \(wording.newerReader)"
        case let .outOfOrder(version, file):
            return "migration \(version) (\(file)) is older than the newest applied migration but was never applied; the history is out of order — restore the database from a backup or re-create it"
        }
    }
}

/// Why a migration run failed.
public enum MigrationError: CategorizedError, Sendable, CustomStringConvertible, RemedyWorded {
    /// The history and the binary disagree; nothing was applied.
    case invalidHistory([MigrationProblem])
    /// A script failed; the database is exactly as it was before the run.
    case failed(file: String, error: SQLiteError)
    /// A script left foreign keys pointing nowhere; rolled back.
    case foreignKeyViolation(file: String, table: String)

    /// What went wrong and what to do.
    public var description: String { message(.library) }

    /// What went wrong and what to do, worded by `wording`.
    package func message(_ wording: RemedyWording) -> String {
        switch self {
        case .invalidHistory(let problems):
            return problems.map { $0.message(wording) }.joined(separator: "\n")
        case let .failed(file, error):
            return "migration \(file) failed, nothing was changed: \(error.message)" + (error.sql.map { " in statement `\($0)`" } ?? "")
        case let .foreignKeyViolation(file, table):
            return "migration \(file) left rows in table \(table) whose foreign keys point nowhere; nothing was changed"
        }
    }

    /// A history that disagrees with the binary is the database's data; a failed script is internal.
    public var category: ErrorCategory {
        if case .invalidHistory = self { return .data }
        return .internal
    }
}

/// Where a database stands against this binary's migrations.
package struct MigrationStatus: Sendable {
    /// What the database has applied, by version.
    package var applied: [AppliedMigration]
    /// What this binary would apply, by version.
    package var pending: [Migration]
    /// Disagreements that block migrating.
    package var problems: [MigrationProblem]

    /// Creates a status.
    package init(applied: [AppliedMigration], pending: [Migration], problems: [MigrationProblem]) {
        self.applied = applied
        self.pending = pending
        self.problems = problems
    }
}

/// Applies `Migrations/` to a database: forward only, recorded with checksums, all pending
/// migrations in one `BEGIN IMMEDIATE` transaction so a failure leaves the database as it was.
package struct Migrator: Sendable {
    /// The migrations this migrator knows, sorted by version.
    package let migrations: [Migration]

    /// A migrator for `migrations` (default: the ones embedded in the library).
    package init(migrations: [Migration] = EmbeddedMigrations.all) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    static let historyTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version      INTEGER PRIMARY KEY,
            description  TEXT    NOT NULL,
            checksum     TEXT    NOT NULL,
            applied_at   INTEGER NOT NULL,
            execution_ms INTEGER NOT NULL
        ) STRICT
        """

    /// True when the database holds a migration history (`schema_migrations`): the one place that asks.
    /// - Throws: `SQLiteError`.
    package static func hasHistory(_ db: Connection) throws -> Bool {
        try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'") == 1
    }

    /// Reads the history and compares it with the known migrations.
    /// - Throws: `SQLiteError` when the history cannot be read.
    package func status(_ db: Connection) throws -> MigrationStatus {
        let applied: [AppliedMigration] = try !Self.hasHistory(db) ? [] : db.query(
            "SELECT version, description, checksum, applied_at, execution_ms FROM schema_migrations ORDER BY version") {
            AppliedMigration(version: Int($0.int64(0)), name: $0.string(1), checksum: $0.string(2), appliedAt: $0.int64(3), executionMs: $0.int64(4))
        }
        var problems: [MigrationProblem] = []
        let known = Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for record in applied {
            if let migration = known[record.version] {
                if migration.checksum != record.checksum {
                    problems.append(.modified(version: record.version, file: migration.fileName, applied: record.checksum, current: migration.checksum))
                }
            } else {
                problems.append(.unknownVersion(version: record.version, name: record.name))
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        let newest = applied.map(\.version).max() ?? 0
        var pending: [Migration] = []
        for migration in migrations where !appliedVersions.contains(migration.version) {
            if migration.version < newest {
                problems.append(.outOfOrder(version: migration.version, file: migration.fileName))
            } else {
                pending.append(migration)
            }
        }
        return MigrationStatus(applied: applied, pending: pending, problems: problems)
    }

    /// Applies every pending migration in one transaction and returns what it applied.
    ///
    /// Concurrent migrators: `BEGIN IMMEDIATE` takes the write lock first and the history is
    /// re-read inside it, so the second process waits, then finds nothing to do.
    /// - Parameter dryRun: only report what would be applied.
    /// - Throws: `MigrationError` (history problems, failed script), `SQLiteError` (busy, I/O).
    @discardableResult
    package func migrate(_ db: Connection, dryRun: Bool = false) throws -> [Migration] {
        if dryRun {
            let status = try status(db)
            guard status.problems.isEmpty else { throw MigrationError.invalidHistory(status.problems) }
            return status.pending
        }
        // Foreign keys can only be switched outside a transaction; a migration may rebuild
        // tables, so they are checked once at the end with foreign_key_check instead.
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = ON") }
        return try db.transaction {
            try db.execute(Self.historyTableSQL)
            let status = try status(db)
            guard status.problems.isEmpty else { throw MigrationError.invalidHistory(status.problems) }
            for migration in status.pending {
                let started = DispatchTime.now().uptimeNanoseconds
                do {
                    try db.execute(migration.sql)
                } catch let error as SQLiteError {
                    throw MigrationError.failed(file: migration.fileName, error: error)
                }
                let violations = try db.query("PRAGMA foreign_key_check") { $0.string(0) }
                if let table = violations.first {
                    throw MigrationError.foreignKeyViolation(file: migration.fileName, table: table)
                }
                let elapsed = Int64((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
                try db.run("INSERT INTO schema_migrations (version, description, checksum, applied_at, execution_ms) VALUES (?, ?, ?, ?, ?)",
                           [migration.version, migration.name, migration.checksum, Clock.nowMilliseconds(), elapsed])
            }
            return status.pending
        }
    }
}
