/// The event ids an applier stored into a ledger that was empty when it started: a Bloom
/// filter, so "certainly not stored" is answered in memory and only "maybe" asks the database.
///
/// A first import into a new store would otherwise probe the `events` index once per event for
/// ids that cannot be there. False positives only cost that probe; there are no false negatives
/// for ids passed to `insert`, which is why the filter may only be used while it has seen every
/// id the ledger holds (the applier drops it whenever another writer could have added one).
struct LedgerFilter {
    /// 2^26 bits (8 MiB): under 0.01 % false positives at a million ids, a few percent at ten.
    private static let bitCount = 1 << 26
    private static let probes = 4
    private var words: [UInt64] = []

    /// True when `id` may have been inserted; false when it certainly was not.
    func mayContain(_ id: String) -> Bool {
        guard !words.isEmpty else { return false }
        let (first, second) = Self.hashes(of: id)
        for probe in 0 ..< Self.probes {
            let bit = Self.bit(probe, first, second)
            if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    /// Records `id` as stored.
    mutating func insert(_ id: String) {
        if words.isEmpty { words = [UInt64](repeating: 0, count: Self.bitCount / 64) }
        let (first, second) = Self.hashes(of: id)
        for probe in 0 ..< Self.probes {
            let bit = Self.bit(probe, first, second)
            words[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// Two 32-bit hashes of the id's bytes (Swift's seeded hasher, one pass).
    private static func hashes(of id: String) -> (UInt64, UInt64) {
        var hasher = Hasher()
        hasher.combine(ExactID(id))
        let hash = UInt64(bitPattern: Int64(hasher.finalize()))
        return (hash & 0xFFFF_FFFF, (hash >> 32) | 1)
    }

    /// The `probe`th bit position, by double hashing (Kirsch–Mitzenmacher).
    private static func bit(_ probe: Int, _ first: UInt64, _ second: UInt64) -> Int {
        Int((first &+ UInt64(probe) &* second) & UInt64(bitCount - 1))
    }
}
