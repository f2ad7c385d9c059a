import Testing
@testable import InteractionModel

/// Grouped in a suite so these test names cannot collide with other files' tests in the module.
@Suite struct TimestampTests {
    @Test func parsesEpochAndKnownInstants() {
        #expect(Timestamp.parse("1970-01-01T00:00:00Z") == 0)
        #expect(Timestamp.parse("1970-01-01T00:00:01Z") == 1000)
        #expect(Timestamp.parse("2000-01-01T00:00:00Z") == 946_684_800_000)
        #expect(Timestamp.parse("2026-11-24T09:00:00.250Z") == 1_795_510_800_250)
        #expect(Timestamp.parse("9999-12-31T23:59:59.999Z") == 253_402_300_799_999)
        #expect(Timestamp.parse("1969-12-31T23:59:59.999Z") == -1)
        #expect(Timestamp.parse("0001-01-01T00:00:00Z") == -62_135_596_800_000)
        #expect(Timestamp.parse("0000-01-01T00:00:00Z") == -62_167_219_200_000)
    }

    @Test func scalesAndTruncatesFractions() {
        #expect(Timestamp.parse("1970-01-01T00:00:00.1Z") == 100)
        #expect(Timestamp.parse("1970-01-01T00:00:00.12Z") == 120)
        #expect(Timestamp.parse("1970-01-01T00:00:00.123Z") == 123)
        #expect(Timestamp.parse("1970-01-01T00:00:00.1239Z") == 123)
        #expect(Timestamp.parse("1970-01-01T00:00:00.999999999Z") == 999)
        #expect(Timestamp.parse("1970-01-01T00:00:00.000000001Z") == 0)
        // Truncation also holds before 1970: the fraction is added to the whole second.
        #expect(Timestamp.parse("1969-12-31T23:59:59.9999Z") == -1)
    }

    @Test func rejectsMalformedText() {
        let bad = [
            "", " 2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z ", "2026-01-01t00:00:00Z",
            "2026-01-01T00:00:00z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00",
            "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00.000+01:00", "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00.1234567890Z", "2026-1-01T00:00:00Z", "26-01-01T00:00:00Z",
            "10000-01-01T00:00:00Z", "+2026-01-01T00:00:00Z", "-2026-01-01T00:00:00Z",
            "2026/01/01T00:00:00Z", "2026-01-01T00-00-00Z", "2026-01-01T00:00:00,5Z",
            "1764000000000", "2026-01-01", "2026-01-01T00:00Z", "2026-01-01T0a:00:00Z",
            "2026-01-01T00:00:00.12a4Z", "２０２６-01-01T00:00:00Z",
        ]
        for text in bad {
            #expect(Timestamp.parse(text) == nil, "\(text)")
        }
    }

    @Test func rejectsImpossibleDatesAndTimes() {
        let bad = [
            "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
            "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z", "2026-04-31T00:00:00Z",
            "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z",
            "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
        ]
        for text in bad {
            #expect(Timestamp.parse(text) == nil, "\(text)")
        }
    }

    @Test func acceptsLeapDays() {
        for text in ["2000-02-29T00:00:00Z", "2024-02-29T12:00:00Z", "1600-02-29T00:00:00Z", "0000-02-29T00:00:00Z"] {
            #expect(Timestamp.parse(text) != nil, "\(text)")
        }
        // The leap day is exactly one day after February 28th and before March 1st.
        let day: Int64 = 86_400_000
        if let feb28 = Timestamp.parse("2024-02-28T00:00:00Z"), let feb29 = Timestamp.parse("2024-02-29T00:00:00Z"),
           let mar1 = Timestamp.parse("2024-03-01T00:00:00Z") {
            #expect(feb29 - feb28 == day)
            #expect(mar1 - feb29 == day)
        } else {
            Issue.record("2024 leap day did not parse")
        }
        if let feb28 = Timestamp.parse("1900-02-28T00:00:00Z"), let mar1 = Timestamp.parse("1900-03-01T00:00:00Z") {
            #expect(mar1 - feb28 == day)
        } else {
            Issue.record("1900 dates did not parse")
        }
    }

    @Test func formatsWithMillisecondsAndPaddedYear() {
        #expect(Timestamp.format(0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(1_795_510_800_250) == "2026-11-24T09:00:00.250Z")
        #expect(Timestamp.format(-1) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.format(-62_135_596_800_000) == "0001-01-01T00:00:00.000Z")
        #expect(Timestamp.format(-62_167_219_200_000) == "0000-01-01T00:00:00.000Z")
        #expect(Timestamp.format(253_402_300_799_999) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.format(5) == "1970-01-01T00:00:00.005Z")
    }

    @Test func formatNeverTrapsOutsideTheParsableRange() {
        #expect(Timestamp.format(253_402_300_800_000) == "10000-01-01T00:00:00.000Z")
        #expect(Timestamp.format(-62_167_219_200_001) == "-0001-12-31T23:59:59.999Z")
        #expect(!Timestamp.format(.max).isEmpty)
        #expect(!Timestamp.format(.min).isEmpty)
    }

    @Test func roundTrips() {
        let texts = [
            "1970-01-01T00:00:00.000Z", "2026-11-24T09:00:00.250Z", "2024-02-29T23:59:59.999Z",
            "2000-02-29T00:00:00.001Z", "1969-07-20T20:17:40.000Z", "1900-03-01T00:00:00.000Z",
            "0001-01-01T00:00:00.000Z", "0000-02-29T12:34:56.789Z", "9999-12-31T23:59:59.999Z",
        ]
        for text in texts {
            let milliseconds = Timestamp.parse(text)
            #expect(milliseconds.map(Timestamp.format) == text, "\(text)")
        }
        // Other spellings normalize to the canonical form.
        #expect(Timestamp.parse("2026-11-24T09:00:00Z").map(Timestamp.format) == "2026-11-24T09:00:00.000Z")
        #expect(Timestamp.parse("2026-11-24T09:00:00.25Z").map(Timestamp.format) == "2026-11-24T09:00:00.250Z")
        #expect(Timestamp.parse("2026-11-24T09:00:00.250999Z").map(Timestamp.format) == "2026-11-24T09:00:00.250Z")
    }

    @Test func roundTripsEveryDayAcrossCenturies() {
        // Every day from 1599-12-01 to 2401-03-01 (covers 1600/2000/2400 leap and 1700/1800/1900/2100 not).
        guard let start = Timestamp.parse("1599-12-01T00:00:00Z"), let end = Timestamp.parse("2401-03-01T00:00:00Z") else {
            Issue.record("range bounds did not parse")
            return
        }
        var failures = 0
        var t = start
        while t <= end {
            let probe = t + 45_296_789 // 12:34:56.789 into the day
            if Timestamp.parse(Timestamp.format(probe)) != probe { failures += 1 }
            t += 86_400_000
        }
        #expect(failures == 0)
    }

    @Test func bytesAndStringEntryPointsAgree() {
        let text = "2026-11-24T09:00:00.250Z"
        let fromBytes = Array(text.utf8).withUnsafeBytes { Timestamp.parse(utf8: $0) }
        #expect(fromBytes == Timestamp.parse(text))
        #expect(Array("2026-02-29T00:00:00Z".utf8).withUnsafeBytes { Timestamp.parse(utf8: $0) } == nil)
        #expect([UInt8]().withUnsafeBytes { Timestamp.parse(utf8: $0) } == nil)
    }
}
