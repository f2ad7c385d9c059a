/// The demo's one source of randomness: xoshiro256** seeded through SplitMix64. Fast, good
/// quality, and fully under our control (the standard library's generator is randomly seeded
/// per process), so a seed gives the same log in every process and on every platform.
struct DemoRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var state = seed
        s0 = DemoRandom.splitMix(&state)
        s1 = DemoRandom.splitMix(&state)
        s2 = DemoRandom.splitMix(&state)
        s3 = DemoRandom.splitMix(&state)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    mutating func next() -> UInt64 {
        let result = DemoRandom.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = DemoRandom.rotl(s3, 45)
        return result
    }

    /// A value in `0..<n` (0 when n <= 1), by the multiply-high method (no modulo bias worth noting).
    mutating func below(_ n: Int) -> Int {
        guard n > 1 else { return 0 }
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A value in `low...high` (`low` when the range is empty).
    mutating func within(_ low: Int, _ high: Int) -> Int {
        high <= low ? low : low + below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// One of `items`, which must not be empty (every pool the demo picks from is fixed and
    /// non-empty; `DemoCorpusTests` holds the corpus to that).
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
