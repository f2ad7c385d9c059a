import Crypto
import Foundation
import StoreSQLite

/// Recomputes timeline hashes straight from a query's columns: the canonical bytes of
/// `HashChain` written from SQLite's own bytes into one reused buffer, so verifying a million
/// entries allocates no `String`, entry or array per entry (the export verifies every chain it
/// writes, and must stay a small part of the export's time).
///
/// The bytes are exactly `HashChain.canonical` of the same stored values (a test pins it).
struct ChainHasher {
    /// Where the entry's columns are in the query's row.
    struct Columns {
        var interaction: Int32
        var seq: Int32
        var at: Int32
        var kind: Int32
        var party: Int32
        var text: Int32
        var visibility: Int32
        var reason: Int32
        var by: Int32
    }

    let columns: Columns
    private var buffer: [UInt8] = []

    init(columns: Columns) {
        self.columns = columns
        buffer.reserveCapacity(1024)
    }

    /// `SHA-256(previous ‖ canonical entry)` of the row's entry, into `hash` (32 bytes).
    mutating func link(previous: [UInt8], row: Statement, into hash: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: previous)
        buffer.append(contentsOf: [0x49, 0x53, 0x76, 0x31])  // "ISv1"
        text(row, columns.interaction)
        integer(row.int64(columns.seq))
        integer(row.int64(columns.at))
        text(row, columns.kind)
        text(row, columns.party)
        text(row, columns.text)
        text(row, columns.visibility)
        text(row, columns.reason)
        text(row, columns.by)
        // `update(bufferPointer:)`: the direct path (the generic `hash(data:)` cost more than the digest).
        var hasher = SHA256()
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.finalize().withUnsafeBytes { raw in
            hash.withUnsafeMutableBytes { out in out.copyMemory(from: raw) }
        }
    }

    private mutating func text(_ row: Statement, _ index: Int32) {
        let appended: Void? = row.withBytes(index) { bytes in
            buffer.append(1)
            appendBigEndian(Int64(bytes.count))
            buffer.append(contentsOf: bytes)
        }
        if appended == nil { buffer.append(0) }
    }

    private mutating func integer(_ value: Int64) {
        buffer.append(2)
        appendBigEndian(value)
    }

    private mutating func appendBigEndian(_ value: Int64) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }
}

extension Statement {
    /// True when column `index` (a blob or text) holds exactly `bytes` (one `memcmp`).
    func blobEquals(_ index: Int32, _ bytes: [UInt8]) -> Bool {
        withBytes(index) { stored in
            guard stored.count == bytes.count else { return false }
            guard let base = stored.baseAddress else { return true }
            return bytes.withUnsafeBufferPointer { other in other.baseAddress.map { memcmp(base, $0, stored.count) == 0 } ?? false }
        } ?? false
    }
}
