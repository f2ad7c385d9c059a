import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite

/// `storectl migrate`, `migrate status` and `check`, run as the real binary; exit statuses as
/// SPEC section 5.
@Suite struct CLIFoundationTests {
    private static let v1 = EmbeddedMigrations.all[0]
    private static let v2 = EmbeddedMigrations.all[1]
    private static let v3 = EmbeddedMigrations.all[2]
    private static let v4 = EmbeddedMigrations.all[3]

    private func run(_ arguments: [String], environment: [String: String?] = [:], in directory: URL? = nil) throws -> StoreCtlResult {
        try StoreCtlRunner.run(arguments, environment: environment, workingDirectory: directory)
    }

    private func history(_ path: String) throws -> [String] {
        let db = try Connection(path: path, mode: .readOnly)
        return try db.query("SELECT version, description, checksum FROM schema_migrations ORDER BY version") {
            "\($0.int64(0)) \($0.string(1)) \($0.string(2))"
        }
    }

    // MARK: migrate

    @Test func migrateCreatesAndMigratesTheDatabase() throws {
        try withTempDirectory(prefix: "cli") { dir in
            let result = try run(["migrate", "--db", dir.databasePath])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == "applied V0001__initial_schema.sql \(Self.v1.checksum)\napplied V0002__export_store_head.sql \(Self.v2.checksum)\napplied V0003__check_without_in_lists.sql \(Self.v3.checksum)\napplied V0004__console_indexes.sql \(Self.v4.checksum)\n")
            #expect(result.stdout.contains("applied V0001__initial_schema.sql"))
            #expect(FileManager.default.fileExists(atPath: dir.databasePath))
            #expect(try history(dir.databasePath) == ["1 initial_schema \(Self.v1.checksum)", "2 export_store_head \(Self.v2.checksum)", "3 check_without_in_lists \(Self.v3.checksum)", "4 console_indexes \(Self.v4.checksum)"])
            let db = try Connection(path: dir.databasePath)
            #expect(try db.scalarString("PRAGMA journal_mode") == "wal")
            #expect(try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'timeline'") == 1)
            #expect(try db.query("PRAGMA integrity_check") { $0.string(0) } == ["ok"])
        }
    }

    /// A command leaves one self-contained file: the writer closes last, so SQLite folds the
    /// WAL back into the database and removes it (a user copying the file copies everything).
    @Test func commandsLeaveNoWriteAheadLogBehind() throws {
        try withTempDirectory(prefix: "cli") { dir in
            for arguments in [["demo", "--interactions", "5"], ["report", "conferences", "--summary"], ["transcript", "nope"]] {
                _ = try run(arguments + ["--db", dir.databasePath])
                #expect(!FileManager.default.fileExists(atPath: dir.databasePath + "-wal"), "after storectl \(arguments[0])")
                #expect(FileManager.default.fileExists(atPath: dir.databasePath))
            }
        }
    }

    @Test func migrateAgainIsANoOp() throws {
        try withTempDirectory(prefix: "cli") { dir in
            let first = try run(["migrate", "--db", dir.databasePath])
            try #require(first.status == 0, "\(first)")
            let before = try history(dir.databasePath)
            let second = try run(["migrate", "--db", dir.databasePath])
            #expect(second.status == 0, "\(second)")
            #expect(second.stdout == "")
            #expect(second.stderr.contains("up to date"))
            #expect(try history(dir.databasePath) == before)
        }
    }

    @Test func migrateDryRunListsWithoutApplying() throws {
        try withTempDirectory(prefix: "cli") { dir in
            let path = dir.databasePath
            let result = try run(["migrate", "--dry-run", "--db", path])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == "would apply V0001__initial_schema.sql \(Self.v1.checksum)\nwould apply V0002__export_store_head.sql \(Self.v2.checksum)\nwould apply V0003__check_without_in_lists.sql \(Self.v3.checksum)\nwould apply V0004__console_indexes.sql \(Self.v4.checksum)\n")
            if FileManager.default.fileExists(atPath: path) {
                let db = try Connection(path: path, mode: .readOnly)
                #expect(try db.scalarInt("SELECT count(*) FROM sqlite_schema") == 0)
            }
            // A dry run should leave no trace; today it creates an empty database (see the report).
                            #expect(!FileManager.default.fileExists(atPath: path))
            // A real migrate afterwards still applies V0001.
            let real = try run(["migrate", "--db", path])
            #expect(real.status == 0, "\(real)")
            #expect(real.stdout.contains("applied V0001__initial_schema.sql"))
        }
    }

    @Test func migrateDryRunOnAMigratedDatabaseListsNothing() throws {
        try withTempDirectory(prefix: "cli") { dir in
            try #require(try run(["migrate", "--db", dir.databasePath]).status == 0)
            let result = try run(["migrate", "--dry-run", "--db", dir.databasePath])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == "")
        }
    }

    @Test func migrateRefusesADatabaseNewerThanTheBinary() throws {
        try withTempDirectory(prefix: "cli") { dir in
            try #require(try run(["migrate", "--db", dir.databasePath]).status == 0)
            do {
                let db = try Connection(path: dir.databasePath)
                try db.run("INSERT INTO schema_migrations (version, description, checksum, applied_at, execution_ms) VALUES (99, 'future', 'x', 0, 0)")
            }
            let result = try run(["migrate", "--db", dir.databasePath])
            #expect(result.status == 65, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr.contains("migration 99 (future)"))
            #expect(result.stderr.contains("newer"))
        }
    }

    @Test func twoConcurrentMigrateProcessesApplyOnce() throws {
        try withTempDirectory(prefix: "cli") { dir in
            let path = dir.databasePath
            let group = DispatchGroup()
            final class Results: @unchecked Sendable {
                let lock = NSLock()
                var items: [Result<StoreCtlResult, any Error>] = []
                func add(_ item: Result<StoreCtlResult, any Error>) { lock.lock(); items.append(item); lock.unlock() }
            }
            let results = Results()
            for _ in 0..<2 {
                group.enter()
                DispatchQueue.global().async {
                    results.add(Result { try StoreCtlRunner.run(["migrate", "--db", path]) })
                    group.leave()
                }
            }
            #expect(group.wait(timeout: .now() + 60) == .success)
            let outcomes = try results.items.map { try $0.get() }
            try #require(outcomes.count == 2)
            // Exactly one process applied V0001; the other found it applied (or, see the known
            // issue, lost the race on journal_mode).
            #expect(outcomes.filter { $0.stdout.contains("applied V0001__initial_schema.sql") }.count == 1, "\(outcomes)")
            #expect(outcomes.allSatisfy { $0.status == 0 || ($0.status == 75 && $0.stderr.contains("busy")) }, "\(outcomes)")
                            #expect(outcomes.map(\.status) == [0, 0], "\(outcomes)")
            #expect(try history(path) == ["1 initial_schema \(Self.v1.checksum)", "2 export_store_head \(Self.v2.checksum)", "3 check_without_in_lists \(Self.v3.checksum)", "4 console_indexes \(Self.v4.checksum)"])
        }
    }

    // MARK: migrate status

    @Test func migrateStatusAsJSON() throws {
        try withTempDirectory(prefix: "cli") { dir in
            try #require(try run(["migrate", "--db", dir.databasePath]).status == 0)
            let result = try run(["migrate", "status", "--db", dir.databasePath, "--format", "json"])
            #expect(result.status == 0, "\(result)")
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let rows = try #require(json as? [[String: Any]], "not an array of objects: \(result.stdout)")
            try #require(rows.count == 4)
            #expect(rows[3]["name"] as? String == "console_indexes")
            #expect(rows[3]["checksum"] as? String == Self.v4.checksum)
            #expect(rows[1]["name"] as? String == "export_store_head")
            #expect(rows[1]["checksum"] as? String == Self.v2.checksum)
            #expect(rows[2]["name"] as? String == "check_without_in_lists")
            #expect(rows[2]["checksum"] as? String == Self.v3.checksum)
            let row = rows[0]
            #expect(Set(row.keys) == ["version", "name", "status", "checksum", "applied_at", "execution_ms"])
            #expect((row["version"] as? NSNumber)?.intValue == 1)
            #expect(row["name"] as? String == "initial_schema")
            #expect(row["status"] as? String == "applied")
            #expect(row["checksum"] as? String == Self.v1.checksum)
            let appliedAt = try #require(row["applied_at"] as? String)
            #expect(appliedAt.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#, options: .regularExpression) != nil, "\(appliedAt)")
            #expect(row["execution_ms"] is NSNumber)
        }
    }

    @Test func migrateStatusListsPendingOnAnEmptyDatabase() throws {
        try withTempDirectory(prefix: "cli") { dir in
            _ = try Connection(path: dir.databasePath)  // an empty database
            let result = try run(["migrate", "status", "--db", dir.databasePath, "--format", "json"])
            #expect(result.status == 0, "\(result)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            try #require(rows.count == 4)
            #expect(rows.map { $0["status"] as? String } == ["pending", "pending", "pending", "pending"])
            #expect(rows[3]["checksum"] as? String == Self.v4.checksum)
            #expect(rows[1]["checksum"] as? String == Self.v2.checksum)
            #expect(rows[2]["checksum"] as? String == Self.v3.checksum)
            #expect(rows[0]["status"] as? String == "pending")
            #expect(rows[0]["checksum"] as? String == Self.v1.checksum)
            #expect(rows[0]["applied_at"] is NSNull)
            #expect(rows[0]["execution_ms"] is NSNull)
        }
    }

    // MARK: check

    @Test func checkOnAFreshlyMigratedDatabaseIsOK() throws {
        try withTempDirectory(prefix: "cli") { dir in
            try #require(try run(["migrate", "--db", dir.databasePath]).status == 0)
            let result = try run(["check", "--db", dir.databasePath])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix("ok"))
            #expect(result.stdout == "ok: integrity, foreign keys, migrations and 0 hash chains (0 entries) verified\n")
            #expect(result.stderr == "")
        }
    }

    @Test func checkReportsATamperedChecksum() throws {
        try withTempDirectory(prefix: "cli") { dir in
            try #require(try run(["migrate", "--db", dir.databasePath]).status == 0)
            do {
                let db = try Connection(path: dir.databasePath)
                try db.run("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1")
                #expect(db.changes == 1)
            }
            let result = try run(["check", "--db", dir.databasePath])
            #expect(result.status == 65, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr.contains("migration 1 (V0001__initial_schema.sql) was changed"))
            #expect(result.stderr.contains("tampered"))
            #expect(result.stderr.contains("check failed: 1 problem(s)"))
        }
    }

    @Test func checkOnAMissingFileExits66AndCreatesNothing() throws {
        try withTempDirectory(prefix: "cli") { dir in
            let path = dir.path("missing.sqlite")
            let result = try run(["check", "--db", path])
            #expect(result.status == 66, "\(result)")
            #expect(result.stderr.contains(path))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func checkOnAFileThatIsNotADatabaseExits65() throws {
        try withTempDirectory(prefix: "cli") { dir in
            let path = dir.path("notes.txt")
            try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
            let result = try run(["check", "--db", path])
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("not a database"))
        }
    }

    @Test func checkOnAnUnmigratedDatabaseNamesThePendingMigration() throws {
        try withTempDirectory(prefix: "cli") { dir in
            _ = try Connection(path: dir.databasePath)
            let result = try run(["check", "--db", dir.databasePath])
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("V0001__initial_schema.sql"))
            #expect(result.stderr.contains("storectl migrate"))
        }
    }

    // MARK: Database path resolution

    @Test func storectlDBEnvironmentVariableIsUsedWithoutDB() throws {
        try withTempDirectory(prefix: "cli") { dir in
            let path = dir.path("from-env.sqlite")
            let cwd = try TempDirectory(prefix: "cli-cwd")
            defer { cwd.remove() }
            let result = try run(["migrate"], environment: ["STORECTL_DB": path], in: cwd.url)
            #expect(result.status == 0, "\(result)")
            #expect(try history(path).count == EmbeddedMigrations.all.count)
            #expect(!FileManager.default.fileExists(atPath: cwd.path("interactions.sqlite")))
            let check = try run(["check"], environment: ["STORECTL_DB": path], in: cwd.url)
            #expect(check.status == 0, "\(check)")
        }
    }

    @Test func dbOptionWinsOverTheEnvironment() throws {
        try withTempDirectory(prefix: "cli") { dir in
            let explicit = dir.path("explicit.sqlite")
            let fromEnv = dir.path("env.sqlite")
            let result = try run(["migrate", "--db", explicit], environment: ["STORECTL_DB": fromEnv])
            #expect(result.status == 0, "\(result)")
            #expect(FileManager.default.fileExists(atPath: explicit))
            #expect(!FileManager.default.fileExists(atPath: fromEnv))
        }
    }

    @Test func defaultDatabaseIsInteractionsSqliteInTheWorkingDirectory() throws {
        try withTempDirectory(prefix: "cli") { dir in
            let result = try run(["migrate"], in: dir.url)
            #expect(result.status == 0, "\(result)")
            #expect(try history(dir.path("interactions.sqlite")).count == EmbeddedMigrations.all.count)
        }
    }

    // MARK: Usage

    @Test(arguments: [["--help"], ["migrate", "--help"], ["migrate", "status", "--help"], ["check", "--help"]])
    func helpExitsZero(_ arguments: [String]) throws {
        try withTempDirectory(prefix: "cli") { dir in
            let result = try run(arguments, in: dir.url)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("USAGE: storectl"))
            #expect(result.stdout.contains("--db") || arguments == ["--help"])
            // Help writes nothing to disk.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
        }
    }

    @Test(arguments: [["--bogus"], ["migrate", "--bogus"], ["check", "--db"], ["nosuchcommand"], ["migrate", "status", "--format", "xml"]])
    func usageErrorsExit64(_ arguments: [String]) throws {
        try withTempDirectory(prefix: "cli") { dir in
            let result = try run(arguments, in: dir.url)
            #expect(result.status == 64, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr.contains("Error:"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
        }
    }
}
