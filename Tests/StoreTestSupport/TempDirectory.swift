import Foundation

/// A unique directory under the system temporary directory, removed when released.
///
/// Prefer `withTempDirectory { dir in … }`: it keeps the directory alive for the whole body.
/// When holding a `TempDirectory` directly, keep it alive until the last use of its paths
/// (`withExtendedLifetime(dir) { … }`, or call `remove()` at the end): ARC may release an
/// object after its last use, before the end of the scope.
public final class TempDirectory: @unchecked Sendable {
    // @unchecked: `url` is immutable; removal is idempotent.

    /// The directory itself.
    public let url: URL

    /// Creates `<tmp>/InteractionStoreTests-<prefix>-<UUID>/`.
    /// - Throws: when the directory cannot be created.
    public init(prefix: String = "test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("InteractionStoreTests-\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// The directory's path.
    public var path: String { url.path }

    /// The path of `name` inside the directory (nothing is created).
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The URL of `name` inside the directory (nothing is created).
    public func url(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// A database file path inside the directory (the file is not created).
    public var databasePath: String { path("store.sqlite") }

    /// Removes the directory and everything in it; safe to call more than once.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a fresh temporary directory, removed afterwards whatever happens.
public func withTempDirectory<T>(prefix: String = "test", _ body: (TempDirectory) throws -> T) throws -> T {
    let directory = try TempDirectory(prefix: prefix)
    defer { directory.remove() }
    return try withExtendedLifetime(directory) { try body(directory) }
}

/// Runs `body` with a fresh temporary directory, removed afterwards whatever happens.
public func withTempDirectory<T>(prefix: String = "test", _ body: (TempDirectory) async throws -> T) async throws -> T {
    let directory = try TempDirectory(prefix: prefix)
    defer { directory.remove() }
    let result = try await body(directory)
    withExtendedLifetime(directory) {}
    return result
}
