import InteractionStore
import Testing
@testable import InteractionConsole

@Suite struct ConsoleRangeTests {
    private let day: Int64 = 1_772_409_600_000  // 2026-03-02T00:00:00Z

    @Test func daysAndTimes() throws {
        let days = try ConsoleRange(query: ["from": "2026-03-02", "to": "2026-03-02"])
        #expect(days.from == day && days.to == day + 86_400_000, "a day in `to` is included")
        let times = try ConsoleRange(query: ["from": "2026-03-02T09:00:00Z", "to": "2026-03-02T10:00:00.5Z", "agent": "a1"])
        #expect(times.from == day + 9 * 3_600_000 && times.to == day + 10 * 3_600_000 + 500 && times.agent == "a1")
        let empty = try ConsoleRange(query: ["from": "", "to": "", "agent": ""])
        #expect(empty == .all)
    }

    @Test func badValuesAreNamed() {
        #expect(throws: ConsoleQueryError.invalidTime(field: "from", value: "last week")) { try ConsoleRange(query: ["from": "last week"]) }
        #expect(throws: ConsoleQueryError.invalidTime(field: "to", value: "2026-02-30")) { try ConsoleRange(query: ["to": "2026-02-30"]) }
        #expect(throws: ConsoleQueryError.reversedRange(from: 1_772_409_600_000 + 86_400_000, to: 1_772_409_600_000 + 86_400_000 - 1)) {
            try ConsoleRange(query: ["from": "2026-03-03", "to": "2026-03-02T23:59:59.999Z"])
        }
        #expect(ConsoleQueryError.invalidTime(field: "from", value: "x").description
            == "from=x is not a day like 2026-11-24 or a UTC time like 2026-11-24T09:00:00Z")
    }
}

@Suite struct ConsoleDefaultRangeTests {
    @Test func theLastSevenDaysEndWithTheNewestDay() throws {
        let latest: Int64 = 1_772_442_000_000 + 3_600_000  // 2026-03-02T10:00:00Z
        let range = ConsoleRange.lastDays(endingWith: latest, agent: "a1")
        #expect(range.to == 1_772_409_600_000 + 86_400_000 && range.from == 1_772_409_600_000 - 6 * 86_400_000)
        #expect(range.fromText == "2026-02-24" && range.toText == "2026-03-02" && range.agent == "a1")
        // The form's texts read back as the same range.
        #expect(try ConsoleRange(query: ["from": "2026-02-24", "to": "2026-03-02", "agent": "a1"]) == range)
        #expect(ConsoleRange.asksForAllTime(["span": "all"]) && !ConsoleRange.asksForAllTime([:]))
    }
}
