import InteractionModel

extension RemedyWording {
    /// `storectl`'s commands and flags as the remedies its messages name.
    static let storectl = RemedyWording(
        reader: "storectl", newerReader: "a newer storectl", migrate: "storectl migrate", purge: "storectl purge",
        export: "storectl export", check: "storectl check", fullRun: "a --full run",
        signatureNeeded: "--public-key needs a signed export (export --sign-key)")
}
