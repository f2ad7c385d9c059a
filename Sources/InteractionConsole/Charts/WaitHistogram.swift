/// The waits of accepted conference requests counted in equal buckets of a round width
/// (100 ms … 1 h), at most twelve buckets, the first starting at 0.
struct WaitHistogram: Sendable, Equatable {
    /// The bucket width in ms.
    let width: Int64
    /// How many waits fall in `[i × width, (i + 1) × width)`, for each bucket i.
    let counts: [Int]

    private static let widths: [Int64] = [
        100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
        900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
    ]

    /// Buckets for `waits` (negative waits cannot occur: an answer never precedes its request).
    init(waits: [Int64], maxBuckets: Int = 12) {
        let largest = max(0, waits.max() ?? 0)
        let chosen = Self.widths.first { largest / $0 < Int64(maxBuckets) } ?? max(1, (largest / Int64(maxBuckets)) + 1)
        var counts = Array(repeating: 0, count: waits.isEmpty ? 0 : Int(largest / chosen) + 1)
        for wait in waits { counts[Int(max(0, wait) / chosen)] += 1 }
        width = chosen
        self.counts = counts
    }

    /// The label of bucket `index` in one unit: `10–20 s`, `2–4 min`, `100–200 ms`.
    func label(_ index: Int) -> String {
        let lower = Int64(index) * width
        let upper = lower + width
        let (unit, name): (Int64, String) = width >= 3_600_000 && width % 3_600_000 == 0 ? (3_600_000, "h")
            : width >= 60_000 && width % 60_000 == 0 ? (60_000, "min")
            : width >= 1_000 && width % 1_000 == 0 ? (1_000, "s") : (1, "ms")
        return "\(lower / unit)–\(upper / unit) \(name)"
    }
}
