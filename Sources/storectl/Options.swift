import ArgumentParser
import Foundation
import InteractionStore

/// `--db PATH`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $STORECTL_DB, else ./interactions.sqlite).", valueName: "path"))
    var db: String?

    /// The path to use: the option, else `$STORECTL_DB`, else `./interactions.sqlite`.
    var path: String {
        if let db, !db.isEmpty { return db }
        if let env = ProcessInfo.processInfo.environment["STORECTL_DB"], !env.isEmpty { return env }
        return "interactions.sqlite"
    }

    /// Store options: the busy timeout can be set with `$STORECTL_BUSY_TIMEOUT_MS` (default 5000).
    var storeOptions: Store.Options {
        var options = Store.Options()
        if let text = ProcessInfo.processInfo.environment["STORECTL_BUSY_TIMEOUT_MS"], let value = Int32(text), value >= 0 {
            options.busyTimeout = value
        }
        return options
    }

    /// Opens the store without migrating it (maintenance that inspects the schema as it is).
    func openUnmigrated() throws -> Store {
        var options = storeOptions
        options.migrate = false
        return try Store(path: path, options: options)
    }

    /// Opens the store at `path`, which must exist (migrating it unless `migrating` is false):
    /// a missing file fails with `noInput`, naming `remedy`.
    func openExisting(migrating: Bool = true, remedy: String = "check the path") throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(status: .noInput, message: "\(path): no such database; \(remedy)")
        }
        return migrating ? try open() : try openUnmigrated()
    }

    /// Opens the store for writing, creating and migrating it when needed.
    func open() throws -> Store {
        try Store(path: path, options: storeOptions)
    }

    /// Runs a read against the store. A database file that does not exist reads as an empty,
    /// freshly migrated store (no interactions, empty reports) without being created: the read
    /// runs on a throwaway store in a private temporary directory, removed afterwards.
    /// - Throws: what opening the store or `body` throws.
    func read<T>(_ body: (Store) throws -> T) throws -> T {
        guard !FileManager.default.fileExists(atPath: path) else {
            return try body(try Store(path: path, options: storeOptions))
        }
        let directory = try ScratchDirectory(purpose: "read")
        defer { directory.remove() }
        let result: T
        do {
            // Scoped so the store (its connections) goes before the directory does.
            let store = try Store(path: directory.path("empty.sqlite"), options: storeOptions)
            result = try body(store)
        }
        return result
    }
}

/// The output format of a read command.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    init?(argument: String) {
        if argument == "text" { self = .table; return }  // `text` is another name for `table`
        self.init(rawValue: argument)
    }
}

/// `--format table|json|csv`, shared by every read command.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json or csv (default: table on a terminal, else json).")
    var format: OutputFormat?

    /// The chosen format, or the default for where stdout goes.
    var resolved: OutputFormat { format ?? (Terminal.stdoutIsTerminal ? .table : .json) }
}
