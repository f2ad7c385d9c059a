/// How a message names the operation that fixes what it reports. The library's messages name
/// operations in words ("run the migrations"); a tool passes its own commands instead
/// (`storectl` passes "run storectl migrate"), so the library's modules hold no command line's
/// wording and the CLI's messages keep theirs.
package struct RemedyWording: Sendable {
    /// Who reads the store and its exports: "storectl", or "InteractionStore".
    package var reader: String
    /// A newer version of that reader.
    package var newerReader: String
    /// Applying the pending migrations.
    package var migrate: String
    /// The store's retention purge.
    package var purge: String
    /// The next export run.
    package var export: String
    /// The store's whole-database check.
    package var check: String
    /// A full export run, as opposed to an incremental one.
    package var fullRun: String
    /// What verifying a signature needs from the export.
    package var signatureNeeded: String

    /// The library's own words.
    package static let library = RemedyWording(
        reader: "InteractionStore", newerReader: "a newer InteractionStore",
        migrate: "the migrations", purge: "a purge", export: "export", check: "the store's check",
        fullRun: "a full run", signatureNeeded: "verifying a signature needs a signed export")

    /// Creates a wording.
    package init(reader: String, newerReader: String, migrate: String, purge: String, export: String, check: String,
                 fullRun: String, signatureNeeded: String) {
        self.reader = reader
        self.newerReader = newerReader
        self.migrate = migrate
        self.purge = purge
        self.export = export
        self.check = check
        self.fullRun = fullRun
        self.signatureNeeded = signatureNeeded
    }
}

/// An error whose message names a remedy, worded by whoever shows it.
package protocol RemedyWorded {
    /// The message with its remedies in `wording`.
    func message(_ wording: RemedyWording) -> String
}
