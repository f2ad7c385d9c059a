import Foundation
import Testing
@testable import InteractionStore
@testable import StoreSQLite

/// The migrator: applying, recording, validating history, failing atomically, concurrency,
/// and the embedded migrations matching the files in `Migrations/`.
@Suite struct MigrationTests {
    /// SHA-256("abc"), FIPS 180-2 test vector.
    private static let sha256OfABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    private static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // InteractionStoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("Migrations", isDirectory: true)
    }

    private func tableNames(_ db: Connection) throws -> [String] {
        try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") { $0.string(0) }
    }

    private func history(_ db: Connection) throws -> [AppliedMigration] {
        try Migrator().status(db).applied
    }

    private func migrationError(_ body: () throws -> Void) -> MigrationError? {
        do {
            try body()
            Issue.record("expected a MigrationError, nothing was thrown")
            return nil
        } catch let error as MigrationError {
            return error
        } catch {
            Issue.record("expected a MigrationError, got \(type(of: error)): \(error)")
            return nil
        }
    }

    // MARK: Applying

    @Test func freshMigrateAppliesV0001AndRecordsIt() throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            let before = Int64(Date().timeIntervalSince1970 * 1000)
            let applied = try Migrator().migrate(db)
            let after = Int64(Date().timeIntervalSince1970 * 1000)

            #expect(applied.map(\.fileName) == ["V0001__initial_schema.sql", "V0002__export_store_head.sql", "V0003__check_without_in_lists.sql", "V0004__console_indexes.sql"])
            let records = try history(db)
            try #require(records.count == 4)
            #expect(records[3].version == 4)
            #expect(records[3].name == "console_indexes")
            #expect(records[3].checksum == EmbeddedMigrations.all[3].checksum)
            #expect(records[2].version == 3)
            #expect(records[2].name == "check_without_in_lists")
            #expect(records[2].checksum == EmbeddedMigrations.all[2].checksum)
            #expect(records[1].version == 2)
            #expect(records[1].name == "export_store_head")
            #expect(records[1].checksum == EmbeddedMigrations.all[1].checksum)
            #expect(records[2].version == 3)
            #expect(records[2].name == "check_without_in_lists")
            #expect(records[2].checksum == EmbeddedMigrations.all[2].checksum)
            let record = records[0]
            #expect(record.version == 1)
            #expect(record.name == "initial_schema")
            #expect(record.checksum == EmbeddedMigrations.all[0].checksum)
            #expect(record.checksum.count == 64)
            #expect(record.checksum.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(record.appliedAt >= before && record.appliedAt <= after + 1)
            #expect(record.executionMs >= 0 && record.executionMs <= after - before + 1)

            #expect(try tableNames(db) == [
                "agent_states", "connections", "disposition_changes", "disposition_codes", "events",
                "export_runs", "export_watermark", "interactions", "purge_gate", "purges",
                "requests", "schema_migrations", "timeline",
            ])
            #expect(try db.scalarInt("SELECT open FROM purge_gate WHERE id = 1") == 0)
            #expect(try db.scalarInt("SELECT seq FROM export_watermark WHERE id = 1") == 0)
            // Foreign keys are back on after the migration switched them off.
            #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
            #expect(db.isInTransaction == false)
            #expect(try db.query("PRAGMA foreign_key_check") { $0.string(0) } == [])
            #expect(try Migrator().status(db).pending == [])
            #expect(try Migrator().status(db).problems == [])
        }
    }

    @Test func schemaMigrationsTableIsStrict() throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            try Migrator().migrate(db)
            let strict = try db.queryOne("SELECT strict FROM pragma_table_list WHERE name = 'schema_migrations'") { $0.int64(0) }
            #expect(strict == 1)
        }
    }

    @Test func secondMigrateIsANoOp() throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            try Migrator().migrate(db)
            let first = try history(db)
            let applied = try Migrator().migrate(db)
            #expect(applied == [])
            #expect(try history(db) == first)
            #expect(try Migrator().migrate(db, dryRun: true) == [])
            // A Store opened later (which migrates on open) changes nothing either.
            let store = try Store(path: dir.databasePath)
            #expect(try store.withWriter { try history($0) } == first)
        }
    }

    @Test func dryRunListsPendingWithoutApplying() throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            let pending = try Migrator().migrate(db, dryRun: true)
            #expect(pending.map(\.fileName) == ["V0001__initial_schema.sql", "V0002__export_store_head.sql", "V0003__check_without_in_lists.sql", "V0004__console_indexes.sql"])
            #expect(try tableNames(db) == [])
        }
    }

    // MARK: Checksums

    @Test func checksumIsSHA256OfTheText() {
        #expect(Migration(version: 1, name: "x", sql: "abc").checksum == Self.sha256OfABC)
        #expect(Migration(version: 1, name: "x", sql: "").checksum == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func checksumIgnoresLineEndingsAndBOM() {
        let lf = Migration(version: 1, name: "x", sql: "CREATE TABLE a (x INTEGER);\nCREATE TABLE b (y INTEGER);\n")
        let crlf = Migration(version: 1, name: "x", sql: "CREATE TABLE a (x INTEGER);\r\nCREATE TABLE b (y INTEGER);\r\n")
        let bomLF = Migration(version: 1, name: "x", sql: "\u{FEFF}CREATE TABLE a (x INTEGER);\nCREATE TABLE b (y INTEGER);\n")
        let bomCRLF = Migration(version: 1, name: "x", sql: "\u{FEFF}CREATE TABLE a (x INTEGER);\r\nCREATE TABLE b (y INTEGER);\r\n")
        let mixed = Migration(version: 1, name: "x", sql: "CREATE TABLE a (x INTEGER);\r\nCREATE TABLE b (y INTEGER);\n")
        #expect(crlf.checksum == lf.checksum)
        #expect(bomLF.checksum == lf.checksum)
        #expect(bomCRLF.checksum == lf.checksum)
        #expect(mixed.checksum == lf.checksum)
        #expect(crlf.sql == lf.sql)
        #expect(bomCRLF.sql == lf.sql)
        #expect(Migration(version: 1, name: "x", sql: "\u{FEFF}abc").checksum == Self.sha256OfABC)

        // Any other change does alter it.
        let edited = Migration(version: 1, name: "x", sql: "CREATE TABLE a (x INTEGER);\nCREATE TABLE b (z INTEGER);\n")
        let lone = Migration(version: 1, name: "x", sql: "CREATE TABLE a (x INTEGER);\rCREATE TABLE b (y INTEGER);\r")
        #expect(edited.checksum != lf.checksum)
        #expect(lone.checksum != lf.checksum)
    }

    @Test func fileNamesParseAndFormat() {
        #expect(Migration.parseFileName("V0001__initial_schema.sql")! == (1, "initial_schema"))
        #expect(Migration.parseFileName("V0012__add__thing.sql")! == (12, "add__thing"))
        #expect(Migration.parseFileName("V0000__zero.sql") == nil)
        #expect(Migration.parseFileName("V__x.sql") == nil)
        #expect(Migration.parseFileName("V0001__.sql") == nil)
        #expect(Migration.parseFileName("V0001_x.sql") == nil)
        #expect(Migration.parseFileName("v0001__x.sql") == nil)
        #expect(Migration.parseFileName("V0001__x.txt") == nil)
        #expect(Migration(version: 7, name: "add_index", sql: "").fileName == "V0007__add_index.sql")
        #expect(Migration(version: 12345, name: "big", sql: "").fileName == "V12345__big.sql")
    }

    // MARK: History validation

    @Test func editedAppliedMigrationIsRefusedAndNothingApplied() throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            try Migrator(migrations: [EmbeddedMigrations.all[0]]).migrate(db)  // V0001 only: `next` below is a version 2
            let original = EmbeddedMigrations.all[0]
            let edited = Migration(version: 1, name: "initial_schema", sql: original.sql + "\nCREATE TABLE sneaky (a INTEGER) STRICT;\n")
            let next = Migration(version: 2, name: "next", sql: "CREATE TABLE next_table (a INTEGER) STRICT;")
            let migrator = Migrator(migrations: [next, edited])

            let error = migrationError { try migrator.migrate(db) }
            guard case .invalidHistory(let problems) = error else {
                Issue.record("expected invalidHistory, got \(String(describing: error))")
                return
            }
            #expect(problems == [.modified(version: 1, file: "V0001__initial_schema.sql", applied: original.checksum, current: edited.checksum)])
            #expect(problems[0].description.contains("new migration"))
            #expect(!(try tableNames(db).contains("next_table")))
            #expect(!(try tableNames(db).contains("sneaky")))
            #expect(try history(db).map(\.version) == [1])
            #expect(try migrator.status(db).problems == problems)
            // A dry run reports the same problems.
            guard case .invalidHistory(let dryProblems) = migrationError({ try migrator.migrate(db, dryRun: true) }) else {
                Issue.record("dry run did not report the history problem")
                return
            }
            #expect(dryProblems == problems)
            // Opening a Store with that migrator is refused too.
            #expect(throws: MigrationError.self) {
                _ = try Store(path: dir.databasePath, options: .init(migrate: true, busyTimeout: 5_000, migrator: migrator))
            }
        }
    }

    @Test func databaseNewerThanTheBinaryIsRefused() throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            try Migrator().migrate(db)
            try db.run("INSERT INTO schema_migrations (version, description, checksum, applied_at, execution_ms) VALUES (?, ?, ?, ?, ?)",
                       [99, "from_the_future", String(repeating: "0", count: 64), Int64(0), Int64(0)])
            let error = migrationError { try Migrator().migrate(db) }
            guard case .invalidHistory(let problems) = error else {
                Issue.record("expected invalidHistory, got \(String(describing: error))")
                return
            }
            #expect(problems == [.unknownVersion(version: 99, name: "from_the_future")])
            #expect(problems[0].description.contains("newer"))
            #expect(try history(db).map(\.version) == EmbeddedMigrations.all.map(\.version) + [99])
        }
    }

    @Test func missingOlderMigrationIsReportedOutOfOrder() throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            let one = Migration(version: 1, name: "one", sql: "CREATE TABLE one (a INTEGER) STRICT;")
            let two = Migration(version: 2, name: "two", sql: "CREATE TABLE two (a INTEGER) STRICT;")
            let three = Migration(version: 3, name: "three", sql: "CREATE TABLE three (a INTEGER) STRICT;")
            try Migrator(migrations: [one, three]).migrate(db)
            let error = migrationError { try Migrator(migrations: [one, two, three]).migrate(db) }
            guard case .invalidHistory(let problems) = error else {
                Issue.record("expected invalidHistory, got \(String(describing: error))")
                return
            }
            #expect(problems == [.outOfOrder(version: 2, file: "V0002__two.sql")])
            #expect(!(try tableNames(db).contains("two")))
        }
    }

    // MARK: Failing migrations

    @Test(arguments: [
        ("syntax", "CREATE TABLE b (x INTEGER) STRICT;\nCREATE TABLEX broken (y);\n", "CREATE TABLEX broken (y);"),
        ("insert", "CREATE TABLE b (x INTEGER NOT NULL) STRICT;\nINSERT INTO b (x) VALUES (NULL);\n", "INSERT INTO b (x) VALUES (NULL);"),
    ])
    func failedMigrationLeavesTheDatabaseExactlyAsItWas(kind: String, secondSQL: String, failingStatement: String) throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            let first = Migration(version: 1, name: "create_a", sql: "CREATE TABLE a (x INTEGER) STRICT;\nINSERT INTO a (x) VALUES (1);\n")
            let second = Migration(version: 2, name: "create_b_then_fail", sql: secondSQL)
            let migrator = Migrator(migrations: [first, second])

            let error = migrationError { try migrator.migrate(db) }
            guard case let .failed(file, sqliteError) = error else {
                Issue.record("expected .failed, got \(String(describing: error))")
                return
            }
            #expect(file == "V0002__create_b_then_fail.sql")
            #expect(error?.description.contains("V0002__create_b_then_fail.sql") == true)
            if kind == "syntax" {
                #expect(sqliteError.code == .error)
                #expect(sqliteError.message == #"near "TABLEX": syntax error"#)
                #expect(sqliteError.sql?.hasPrefix("CREATE TABLEX") == true)
                // Connection.execute reports a statement that does not compile only up to the
                // bad token ("CREATE TABLEX"), see the report.
                                    #expect(sqliteError.sql == failingStatement)
                    #expect(error?.description.contains("broken") == true)
            } else {
                #expect(sqliteError.code.rawValue == 1299)  // SQLITE_CONSTRAINT_NOTNULL
                #expect(sqliteError.message == "NOT NULL constraint failed: b.x")
                #expect(sqliteError.sql == failingStatement)
                #expect(error?.description.contains(failingStatement) == true)
            }

            #expect(try tableNames(db) == [])
            #expect(try db.scalarInt("SELECT count(*) FROM sqlite_schema") == 0)
            #expect(db.isInTransaction == false)
            #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
            // Fixing the failing file lets the same database migrate.
            let fixed = Migration(version: 2, name: "create_b", sql: "CREATE TABLE b (x INTEGER) STRICT;")
            #expect(try Migrator(migrations: [first, fixed]).migrate(db).map(\.version) == [1, 2])
            #expect(try tableNames(db) == ["a", "b", "schema_migrations"])
        }
    }

    @Test func failedMigrationOnAMigratedDatabaseKeepsItsHistory() throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            try Migrator().migrate(db)
            let before = try history(db)
            let tablesBefore = try tableNames(db)
            let next = (EmbeddedMigrations.all.map(\.version).max() ?? 0) + 1
            let broken = Migration(version: next, name: "broken", sql: "CREATE TABLE extra (a INTEGER) STRICT;\nINSERT INTO nowhere VALUES (1);")
            let error = migrationError { try Migrator(migrations: EmbeddedMigrations.all + [broken]).migrate(db) }
            guard case let .failed(file, sqliteError) = error else {
                Issue.record("expected .failed, got \(String(describing: error))")
                return
            }
            #expect(file == broken.fileName)
            #expect(sqliteError.sql == "INSERT INTO nowhere VALUES (1);")
            #expect(try history(db) == before)
            #expect(try tableNames(db) == tablesBefore)
        }
    }

    @Test func foreignKeyViolationLeftByAMigrationIsRolledBack() throws {
        try withTempDirectory(prefix: "migrate") { dir in
            let db = try Connection(path: dir.databasePath)
            let bad = Migration(version: 1, name: "dangling", sql: """
                CREATE TABLE p (id INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE c (p INTEGER REFERENCES p (id)) STRICT;
                INSERT INTO c (p) VALUES (42);
                """)
            let error = migrationError { try Migrator(migrations: [bad]).migrate(db) }
            guard case let .foreignKeyViolation(file, table) = error else {
                Issue.record("expected .foreignKeyViolation, got \(String(describing: error))")
                return
            }
            #expect(file == "V0001__dangling.sql")
            #expect(table == "c")
            #expect(try tableNames(db) == [])
            #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
        }
    }

    // MARK: Concurrency

    @Test func concurrentMigratorsOnANewFileBothSucceedAndApplyOnce() throws {
        final class Outcomes: @unchecked Sendable {
            private let lock = NSLock()
            private var errors: [String] = []
            func record(_ error: any Error) { lock.lock(); errors.append("\(error)"); lock.unlock() }
            var all: [String] { lock.lock(); defer { lock.unlock() }; return errors }
        }
        for round in 0..<10 {
            try withTempDirectory(prefix: "migrate-race") { dir in
                let path = dir.databasePath
                let outcomes = Outcomes()
                let group = DispatchGroup()
                let start = DispatchSemaphore(value: 0)
                for _ in 0..<2 {
                    group.enter()
                    Thread.detachNewThread {
                        defer { group.leave() }
                        start.wait()
                        do {
                            _ = try Store(path: path)
                        } catch {
                            outcomes.record(error)
                        }
                    }
                }
                start.signal()
                start.signal()
                #expect(group.wait(timeout: .now() + 20) == .success, "round \(round): migrators did not finish")
                let errors = outcomes.all
                #expect(errors.filter { !$0.contains("PRAGMA journal_mode = WAL") } == [], "round \(round)")
                // Known bug (see the report): two first opens of a new file race on
                // `PRAGMA journal_mode = WAL`, for which SQLite does not run the busy handler,
                // so the loser fails at once with SQLITE_BUSY instead of waiting.
                                    #expect(errors == [], "round \(round)")
                let db = try Connection(path: path)
                #expect(try db.query("SELECT version, count(*) FROM schema_migrations GROUP BY version") { "\($0.int64(0)):\($0.int64(1))" } == EmbeddedMigrations.all.map { "\($0.version):1" })
                #expect(try db.scalarInt("SELECT count(*) FROM purge_gate") == 1)
                #expect(try db.scalarInt("SELECT count(*) FROM export_watermark") == 1)
            }
        }
    }

    // MARK: Embedded migrations

    @Test func everyMigrationFileIsEmbeddedWithTheSameText() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.migrationsDirectory.path)
            .filter { $0.hasPrefix("V") && $0.hasSuffix(".sql") }
            .sorted()
        try #require(!files.isEmpty, "no V*.sql in \(Self.migrationsDirectory.path)")
        #expect(files.contains("V0001__initial_schema.sql"))
        #expect(EmbeddedMigrations.all.map(\.fileName).sorted() == files)
        for file in files {
            let parts = try #require(Migration.parseFileName(file), "\(file) is not a valid migration file name")
            let text = try String(contentsOf: Self.migrationsDirectory.appendingPathComponent(file), encoding: .utf8)
            let fromDisk = Migration(version: parts.version, name: parts.name, sql: text)
            let embedded = EmbeddedMigrations.all.first { $0.version == parts.version }
            #expect(embedded?.fileName == file)
            #expect(embedded?.checksum == fromDisk.checksum, "\(file): the embedded copy differs from the file")
        }
        // Versions are unique and without gaps.
        let versions = EmbeddedMigrations.all.map(\.version).sorted()
        #expect(versions == Array(1...versions.count))
    }
}
