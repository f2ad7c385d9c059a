/// The simulation's calendar: the log starts on Monday 2026-03-02 (UTC) and every day has the
/// same layout, in milliseconds after midnight UTC.
enum DemoDay {
    static let msPerDay: Int64 = 86_400_000
    static let hour: Int64 = 3_600_000
    static let minute: Int64 = 60_000
    /// 2026-03-02T00:00:00.000Z in epoch milliseconds (`DemoGeneratorTests` checks it).
    static let first: Int64 = 20_514 * msPerDay
    static let loginAt = 8 * hour
    static let firstArrivalAt = 8 * hour + 5 * minute
    static let lastArrivalAt = 17 * hour
    static let shiftEndAt = 17 * hour + 30 * minute

    /// Midnight of day `day` (0 is the first).
    static func start(_ day: Int) -> Int64 { first + Int64(day) * msPerDay }
}
