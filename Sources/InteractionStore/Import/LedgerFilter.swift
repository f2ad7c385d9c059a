import InteractionModel
/// The event ids an applier stored into a ledger that was empty when it started: a Bloom
/// filter, so "certainly not stored" is answered in memory and only "maybe" asks the database.
///
/// A first import into a new store would otherwise probe the `events` index once per event for
/// ids that cannot be there. False positives only cost that probe; there are no false negatives
/// for ids passed to `insert`, which is why the filter may only be used while it has seen every
/// id the ledger holds (the applier drops it whenever another writer could have added one).
struct LedgerFilter {
    /// 2^26 bits (8 MiB): under 0.01 % false positives at a million ids, a few percent at ten.
    fileprivate static let bitCount = 1 << 26
    private static let probes = 4
    private var words: [UInt64] = []

    /// Where an id's bits are: computed once per event, for `mayContain` and then `insert`.
    struct Key: Sendable, Equatable {
        fileprivate let first: UInt64
        fileprivate let second: UInt64

        /// Two 32-bit hashes of the id's bytes (Swift's seeded hasher, one pass).
        init(_ id: String) {
            var hasher = Hasher()
            hasher.combine(ExactID(id))
            let hash = UInt64(bitPattern: Int64(hasher.finalize()))
            first = hash & 0xFFFF_FFFF
            second = (hash >> 32) | 1
        }

        /// The `probe`th bit position, by double hashing (Kirsch–Mitzenmacher).
        fileprivate func bit(_ probe: Int) -> Int {
            Int((first &+ UInt64(probe) &* second) & UInt64(LedgerFilter.bitCount - 1))
        }
    }

    /// True when the id of `key` may have been inserted; false when it certainly was not.
    func mayContain(_ key: Key) -> Bool {
        guard !words.isEmpty else { return false }
        for probe in 0 ..< Self.probes {
            let bit = key.bit(probe)
            if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    /// Records the id of `key` as stored.
    mutating func insert(_ key: Key) {
        if words.isEmpty { words = [UInt64](repeating: 0, count: Self.bitCount / 64) }
        for probe in 0 ..< Self.probes {
            let bit = key.bit(probe)
            words[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }
}
