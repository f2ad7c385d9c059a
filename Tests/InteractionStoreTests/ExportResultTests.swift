import Foundation
import Testing
@testable import InteractionStore

/// What an embedder's nightly job reads back from `Store.export`: the rows written and the
/// run's `store_head` to publish, equal to what the manifest holds.
@Suite struct ExportResultTests {
    @Test func rowsAndStoreHeadAreTheManifests() throws {
        try withTempDirectory(prefix: "export-result") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            let result = try store.export(ExportOptions(directory: dir.path("run1")))
            let manifest = try ExportFiles.manifest(dir.path("run1"))
            #expect(result.storeHead == manifest["store_head"] as? String)
            #expect(result.storeHead.count == 64)
            let files = try #require(manifest["files"] as? [[String: Any]])
            #expect(result.rows == files.compactMap { $0["rows"] as? Int }.reduce(0, +))
            #expect(result.rows == manifest["rows"] as? Int)
            #expect(result.rows > 0)
        }
    }
}
