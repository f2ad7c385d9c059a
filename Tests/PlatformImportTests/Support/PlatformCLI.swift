import Foundation
@testable import InteractionStore
import StoreTestSupport

/// Running `storectl` and reading what it stored, for the platform-import CLI tests.
enum PlatformCLI {
    static func run(_ arguments: [String], timeout: Double = 120) throws -> StoreCtlResult {
        try StoreCtlRunner.run(arguments, timeout: timeout)
    }

    /// A count from the database (0 rows when the file does not exist).
    static func rows(_ db: String, _ sql: String = "SELECT count(*) FROM events") throws -> Int64 {
        guard FileManager.default.fileExists(atPath: db) else { return 0 }
        let store = try Store(path: db)
        return try store.read { try $0.scalarInt(sql) ?? -1 }
    }

    /// `storectl transcript ID --format json` (stdout), failing loudly on a non-zero exit.
    static func transcript(_ db: String, _ interaction: String, as view: String = "agent") throws -> String {
        let result = try run(["transcript", interaction, "--as", view, "--format", "json", "--db", db])
        guard result.status == 0 else { throw CLIError(result: result) }
        return result.stdout
    }

    struct CLIError: Error, CustomStringConvertible {
        var result: StoreCtlResult
        var description: String { result.description }
    }

    /// Writes `text` to `path`.
    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The JSON array's objects (a transcript).
    static func entries(_ json: String) throws -> [[String: Any]] {
        (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]) ?? []
    }
}
