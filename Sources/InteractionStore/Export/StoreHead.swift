import Crypto

/// The anchor that links export runs into one chain (SPEC section 4, "Anchored history").
///
/// An incremental run's `store_head` is the hex SHA-256 of the ASCII text of the previous
/// incremental run's `store_head` (64 zeros for the first) followed by the hex SHA-256 of the
/// run's `chains.ndjson`; a `--full` run links to nothing and its `store_head` is that file's
/// SHA-256. So the newest `store_head`, published elsewhere, fixes every earlier run's chains:
///
/// ```swift
/// StoreHead.link(previous: StoreHead.origin, chains: "e3b0c442…")  // the first run's head
/// ```
package enum StoreHead {
    /// What the first incremental run links to: 64 zeros.
    package static let origin = String(repeating: "0", count: 64)

    /// The store head of a run whose `chains.ndjson` has SHA-256 `chains` (hex), linked to
    /// `previous` (nil for a full run).
    package static func link(previous: String?, chains: String) -> String {
        guard let previous else { return chains }
        return Array((previous + chains).utf8).sha256.hexString
    }

    /// True for 64 lowercase hex digits.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
