import Foundation
import Logging
import StoreSQLite

/// The InteractionStore: one SQLite database with one writer connection and reader connections.
///
/// Writes are serialised on the single writer connection (SQLite allows one writer at a time
/// anyway); reads run on their own connections so reports and exports see a consistent WAL
/// snapshot while imports write.
///
/// ```swift
/// let store = try Store(path: "interactions.sqlite")
/// let summary = try store.importEvents(from: lines)
/// ```
public final class Store: @unchecked Sendable {
    // @unchecked: the connections are guarded by `writerLock` / `readerLock`; nothing else is mutable.

    /// How the store is opened.
    public struct Options: Sendable {
        /// Apply pending migrations when opening (default true).
        public var migrate: Bool
        /// Milliseconds a connection waits for a lock before failing with busy.
        public var busyTimeout: Int32
        /// The migrations to apply (those embedded in the library; tests give others).
        package var migrator: Migrator

        /// Options with the defaults: migrate on open, 5 s busy timeout.
        public init(migrate: Bool = true, busyTimeout: Int32 = 5_000) {
            self.init(migrate: migrate, busyTimeout: busyTimeout, migrator: Migrator())
        }

        /// Options with other migrations than the embedded ones.
        package init(migrate: Bool, busyTimeout: Int32, migrator: Migrator) {
            self.migrate = migrate
            self.busyTimeout = busyTimeout
            self.migrator = migrator
        }
    }

    /// The database file's path.
    package let path: String
    /// The options the store was opened with.
    package let options: Options
    let logger: Logger

    /// The library's logger when the caller gives none: warnings and worse only, so a CLI
    /// stays quiet on success.
    package static var defaultLogger: Logger {
        var logger = Logger(label: "InteractionStore")
        logger.logLevel = .warning
        return logger
    }

    private let writerLock = NSLock()
    private let writer: Connection
    /// The writer's event applier with its rules cache, kept between `apply` calls (guarded by
    /// `writerLock`); nil after any other write through the writer, which it cannot follow.
    private var retainedApplier: EventApplier?
    private let readerLock = NSLock()
    private var idleReaders: [Connection] = []

    /// Opens (creating when missing) the database at `path` and, unless told not to, migrates it.
    /// - Throws: `SQLiteError` (cannot open, busy), `MigrationError` (history problems, failed script).
    public init(path: String, options: Options = Options(), logger: Logger? = nil) throws {
        self.path = path
        self.options = options
        self.logger = logger ?? Store.defaultLogger
        self.writer = try Connection(path: path, mode: .readWrite, busyTimeout: options.busyTimeout)
        // Only a database that needs migrating takes the write lock: a read command must not
        // wait behind a long import just to find the schema up to date.
        if options.migrate {
            let status = try options.migrator.status(writer)
            // Only a database that needs migrating takes the write lock: a read command must
            // not wait behind a long import just to find the schema up to date.
            if try !status.pending.isEmpty || !Migrator.hasHistory(writer) {
                for migration in try options.migrator.migrate(writer) {
                    self.logger.info("applied migration \(migration.fileName)")
                }
            } else if !status.problems.isEmpty {
                throw MigrationError.invalidHistory(status.problems)
            }
        }
    }

    deinit {
        // Readers close first: when the last connection to close is the writer, SQLite
        // checkpoints the WAL and removes it, leaving one self-contained database file.
        idleReaders.removeAll()
    }

    /// Runs `body` with the writer connection, without opening a transaction
    /// (for migrations and maintenance that manage their own).
    /// - Throws: what `body` throws.
    package func withWriter<T>(_ body: (Connection) throws -> T) throws -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        retainedApplier = nil  // this write may change what its cache holds
        return try body(writer)
    }

    /// Runs `body` with the writer's event applier, whose cache survives the call when `body`
    /// succeeds (the next live event finds its chat cached); `caching: false` gives a fresh
    /// applier that reads everything afresh for each event.
    func withApplier<T>(caching: Bool = true, _ body: (EventApplier) throws -> T) throws -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        let applier = caching ? (retainedApplier ?? EventApplier(db: writer)) : EventApplier(db: writer, caching: false)
        retainedApplier = nil  // kept again only if `body` succeeds
        let result = try body(applier)
        if caching { retainedApplier = applier }
        return result
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`) on the writer connection.
    /// - Throws: what `body` throws; the transaction is rolled back.
    package func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try withWriter { db in try db.transaction { try body(db) } }
    }

    /// Runs `body` on a reader connection inside one read transaction (one snapshot).
    /// - Throws: what `body` throws.
    package func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try checkoutReader()
        defer { checkin(connection) }
        return try connection.readTransaction { try body(connection) }
    }

    private func checkoutReader() throws -> Connection {
        readerLock.lock()
        if let connection = idleReaders.popLast() {
            readerLock.unlock()
            return connection
        }
        readerLock.unlock()
        let connection = try Connection(path: path, mode: .readOnly, busyTimeout: options.busyTimeout)
        // Readers map the database (up to 1 GiB) instead of copying each page through read():
        // the console's all-time overview reads about 27 MB of indexes per request, which the
        // 2 MB page cache cannot hold; mapped, the pages come straight from the OS page cache,
        // shared by every reader (on 100,000 chats: 220-230 -> 180-190 ms for the page, load 1.5-2).
        try connection.execute("PRAGMA mmap_size = 1073741824")
        return connection
    }

    private func checkin(_ connection: Connection) {
        readerLock.lock()
        defer { readerLock.unlock() }
        if idleReaders.count < 4 { idleReaders.append(connection) }
    }
}
