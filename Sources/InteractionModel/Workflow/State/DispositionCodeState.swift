/// A disposition code in the catalog.
package struct DispositionCodeState: Sendable, Equatable {
    /// Its label.
    package var label: String
    /// True once retired.
    package var retired: Bool

    /// Creates a catalog entry.
    package init(label: String, retired: Bool) {
        self.label = label
        self.retired = retired
    }
}
