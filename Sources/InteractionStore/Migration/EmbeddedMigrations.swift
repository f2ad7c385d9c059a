/// The migrations compiled into this library from `Migrations/` (SwiftPM `.embedInCode`), so any
/// binary can migrate any database from any working directory.
package enum EmbeddedMigrations {
    /// Every migration this binary knows, by version.
    ///
    /// SwiftPM names each embedded file by its file name; a test checks that every file in
    /// `Migrations/` is listed here.
    package static let all: [Migration] = [
        migration("V0001__initial_schema.sql", PackageResources.V0001__initial_schema_sql),
        migration("V0002__export_store_head.sql", PackageResources.V0002__export_store_head_sql),
        migration("V0003__check_without_in_lists.sql", PackageResources.V0003__check_without_in_lists_sql),
        migration("V0004__console_indexes.sql", PackageResources.V0004__console_indexes_sql),
    ]

    private static func migration(_ fileName: String, _ bytes: [UInt8]) -> Migration {
        // File names are fixed at build time and checked by tests; an unparsable one is a build error in spirit.
        let parts = Migration.parseFileName(fileName) ?? (version: 0, name: fileName)
        return Migration(version: parts.version, name: parts.name, sql: String(decoding: bytes, as: UTF8.self))
    }
}
