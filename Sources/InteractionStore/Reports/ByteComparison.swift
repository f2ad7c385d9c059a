import Foundation

/// Byte equality of a column's bytes and a value held by a fold, for loops over 100,000s of
/// rows: the generic `elementsEqual` walks element by element through a protocol; this
/// compares the lengths, then the memory at once.
enum ByteComparison {
    /// True when `stored` (nil: NULL) holds exactly `bytes`.
    static func same(_ stored: UnsafeBufferPointer<UInt8>?, _ bytes: [UInt8]) -> Bool {
        guard let stored, stored.count == bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { other in
            guard let left = stored.baseAddress, let right = other.baseAddress else { return true }  // both empty
            return memcmp(left, right, stored.count) == 0
        }
    }
}
