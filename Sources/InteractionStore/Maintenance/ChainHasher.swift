import Crypto
import Foundation
import StoreSQLite

/// Recomputes timeline hashes straight from a query's columns: the canonical bytes of
/// `HashChain` written from SQLite's own bytes into one reused buffer with plain stores, so verifying a million
/// entries allocates no `String`, entry or array per entry (the export verifies every chain it
/// writes, and must stay a small part of the export's time).
///
/// The bytes are exactly `HashChain.canonical` of the same stored values (a test pins it).
final class ChainHasher {
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
    // A raw buffer, not an `[UInt8]`: appending to an array checks uniqueness and capacity per
    // call, and those checks were a third of the export's chain check.
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int

    init(columns: Columns) {
        self.columns = columns
        capacity = 4096
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// `SHA-256(previous ‖ canonical entry)` of the row's entry, into `hash` (32 bytes).
    func link(previous: [UInt8], row: Statement, into hash: inout [UInt8]) {
        // The text columns' bytes stay valid while other columns are read (SQLite invalidates a
        // column's pointer only when that column is converted or the row moves on).
        let interaction = row.textBytes(columns.interaction), kind = row.textBytes(columns.kind)
        let party = row.textBytes(columns.party), text = row.textBytes(columns.text)
        let visibility = row.textBytes(columns.visibility), reason = row.textBytes(columns.reason)
        let by = row.textBytes(columns.by)
        let length = previous.count + 4 + 2 * 9 + Self.size(interaction) + Self.size(kind) + Self.size(party)
            + Self.size(text) + Self.size(visibility) + Self.size(reason) + Self.size(by)
        if length > capacity { grow(to: length) }

        var cursor = buffer
        previous.withUnsafeBytes { if let base = $0.baseAddress { cursor.copyMemory(from: base, byteCount: $0.count) } }
        cursor += previous.count
        for byte: UInt8 in [0x49, 0x53, 0x76, 0x31] {  // "ISv1" (a literal loop: unrolled, no array)
            cursor.storeBytes(of: byte, as: UInt8.self)
            cursor += 1
        }
        Self.put(interaction, at: &cursor)
        Self.put(row.int64(columns.seq), at: &cursor)
        Self.put(row.int64(columns.at), at: &cursor)
        Self.put(kind, at: &cursor)
        Self.put(party, at: &cursor)
        Self.put(text, at: &cursor)
        Self.put(visibility, at: &cursor)
        Self.put(reason, at: &cursor)
        Self.put(by, at: &cursor)

        // `update(bufferPointer:)`: the direct path (the generic `hash(data:)` cost more than the digest).
        var hasher = SHA256()
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: length))
        hasher.finalize().withUnsafeBytes { raw in
            hash.withUnsafeMutableBytes { out in out.copyMemory(from: raw) }
        }
    }

    /// Bytes a text field takes: a tag, and for a value its length and bytes.
    private static func size(_ field: UnsafeBufferPointer<UInt8>?) -> Int {
        field.map { 1 + 8 + $0.count } ?? 1
    }

    /// A text field: 0 for NULL, else 1, the length as 8 bytes big-endian, the UTF-8 bytes.
    private static func put(_ field: UnsafeBufferPointer<UInt8>?, at cursor: inout UnsafeMutableRawPointer) {
        guard let field else {
            cursor.storeBytes(of: 0 as UInt8, as: UInt8.self)
            cursor += 1
            return
        }
        cursor.storeBytes(of: 1 as UInt8, as: UInt8.self)
        cursor.storeBytes(of: Int64(field.count).bigEndian, toByteOffset: 1, as: Int64.self)
        cursor += 9
        if let base = field.baseAddress { cursor.copyMemory(from: base, byteCount: field.count) }
        cursor += field.count
    }

    /// An integer field: 2, then the value as 8 bytes big-endian.
    private static func put(_ value: Int64, at cursor: inout UnsafeMutableRawPointer) {
        cursor.storeBytes(of: 2 as UInt8, as: UInt8.self)
        cursor.storeBytes(of: value.bigEndian, toByteOffset: 1, as: Int64.self)
        cursor += 9
    }

    private func grow(to length: Int) {
        buffer.deallocate()
        capacity = max(length, capacity * 2)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    }
}
