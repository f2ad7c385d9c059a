import Testing
@testable import InteractionConsole

@Suite struct ConsoleFormatTests {
    @Test func percentagesAsPeopleReadThem() {
        #expect(ConsoleFormat.percent(0.649_35) == "64.9 %")
        #expect(ConsoleFormat.percent(1) == "100.0 %")
        #expect(ConsoleFormat.percent(0) == "0.0 %")
        #expect(ConsoleFormat.percent(0.000_49) == "0.0 %")
        #expect(ConsoleFormat.percent(0.999_5) == "100.0 %")
        #expect(ConsoleFormat.percent(nil) == "—")
    }

    @Test func durationsInTheirLargestUnits() {
        #expect(ConsoleFormat.duration(72_000) == "1 min 12 s")
        #expect(ConsoleFormat.duration(72_999) == "1 min 12 s")
        #expect(ConsoleFormat.duration(120_000) == "2 min")
        #expect(ConsoleFormat.duration(850) == "850 ms")
        #expect(ConsoleFormat.duration(0) == "0 ms")
        #expect(ConsoleFormat.duration(12_400) == "12 s")
        #expect(ConsoleFormat.duration(3_900_000) == "1 h 5 min")
        #expect(ConsoleFormat.duration(97_200_000) == "1 d 3 h")
        #expect(ConsoleFormat.duration(nil) == "—")
    }

    @Test func timesInUTCWithTheZone() {
        #expect(ConsoleFormat.time(1_772_442_000_250) == "2026-03-02 09:00:00 UTC")
        #expect(ConsoleFormat.day(1_772_442_000_250) == "2026-03-02")
        #expect(ConsoleFormat.timeElement(1_772_442_000_250).markup == "<time datetime=\"2026-03-02T09:00:00.250Z\">2026-03-02 09:00:00 UTC</time>")
        #expect(ConsoleFormat.count(1_234_567) == "1,234,567")
        #expect(ConsoleFormat.count(999) == "999")
    }
}
