import Crypto

/// The timeline's hash chain: `hash = SHA-256(previous hash ‖ canonical entry)`.
///
/// The canonical entry is a versioned, length-prefixed byte string of every stored field
/// (interaction id included, so an entry cannot be moved to another chain unnoticed):
/// `"ISv1"`, then for each of interaction, seq, time, kind, party, text, visibility, reason,
/// by: a tag byte (0 = null, 1 = text, 2 = integer) and, for text, an 8-byte big-endian byte
/// length and the UTF-8 bytes; for integers, 8 big-endian bytes.
package enum HashChain {
    /// The "previous hash" of an interaction's first entry: 32 zero bytes.
    package static let genesis = [UInt8](repeating: 0, count: 32)

    /// The canonical bytes of `entry`.
    package static func canonical(_ entry: TimelineEntry) -> [UInt8] {
        var bytes: [UInt8] = []
        appendCanonical(entry, to: &bytes)
        return bytes
    }

    /// Appends the canonical bytes of `entry` to `bytes`.
    static func appendCanonical(_ entry: TimelineEntry, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [0x49, 0x53, 0x76, 0x31])  // "ISv1"
        func text(_ value: String?) {
            guard let value else { bytes.append(0); return }
            bytes.append(1)
            integer(Int64(value.utf8.count), tagged: false)
            bytes.append(contentsOf: value.utf8)
        }
        func integer(_ value: Int64, tagged: Bool = true) {
            if tagged { bytes.append(2) }
            withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
        }
        text(entry.interaction)
        integer(entry.seq)
        integer(entry.time)
        text(entry.kind.rawValue)
        text(entry.party)
        text(entry.text)
        text(entry.visibility.rawValue)
        text(entry.reason)
        text(entry.by)
    }

    /// The hash of `entry` chained to `previous`.
    package static func link(previous: [UInt8], entry: TimelineEntry) -> [UInt8] {
        // One buffer, one digest call: the hash is taken for every timeline entry written.
        var bytes = previous
        bytes.reserveCapacity(previous.count + 128 + (entry.text?.utf8.count ?? 0))
        appendCanonical(entry, to: &bytes)
        return bytes.sha256
    }
}

extension Array where Element == UInt8 {
    /// The SHA-256 of the bytes, as 32 bytes (copied out of the digest in one go: iterating
    /// it byte by byte cost as much as the hashing, for every event and entry).
    package var sha256: [UInt8] {
        SHA256.hash(data: self).withUnsafeBytes { Array($0) }
    }
}
