/// Event times: milliseconds since 1970-01-01T00:00:00Z.
///
/// Implemented with Howard Hinnant's civil-date algorithms instead of Foundation's
/// `DateFormatter`/`Calendar`: those are slow on a million-event import, depend on
/// locale and time-zone settings, and accept more spellings than the log format allows.
/// The proleptic Gregorian calendar is used throughout, so every year 0000...9999 works.
package enum Timestamp {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// Parses `YYYY-MM-DDTHH:MM:SS(.d{1,9})?Z` exactly; nil for anything else (Docs/EventFormat.md#times).
    ///
    /// Uppercase `T` and `Z` only, no other offsets, 1 to 9 fraction digits, digits below
    /// the millisecond truncated (not rounded, so a time never moves into the next
    /// millisecond), impossible dates and times rejected, year 0000...9999.
    package static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Same as `parse(_:)`, on UTF-8 bytes, so the importer can avoid building a String.
    package static func parse(utf8 bytes: UnsafeRawBufferPointer) -> Int64? {
        let length = bytes.count
        // 20 bytes without a fraction; with one: '.', 1 to 9 digits, so 22...30.
        guard length == 20 || (22...30).contains(length) else { return nil }

        @inline(__always)
        func digit(_ offset: Int) -> Int64? {
            let value = bytes[offset] &- 0x30
            return value < 10 ? Int64(value) : nil
        }
        @inline(__always)
        func number(_ offset: Int, _ width: Int) -> Int64? {
            var result: Int64 = 0
            for k in 0..<width {
                guard let d = digit(offset + k) else { return nil }
                result = result * 10 + d
            }
            return result
        }

        guard bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54,   // - - T
              bytes[13] == 0x3A, bytes[16] == 0x3A,                      // : :
              bytes[length - 1] == 0x5A,                                 // Z
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }

        var fraction: Int64 = 0
        if length > 20 {
            guard bytes[19] == 0x2E else { return nil }               // .
            let digits = length - 21
            for k in 0..<digits {
                guard let d = digit(20 + k) else { return nil }
                if k < 3 { fraction = fraction * 10 + d }
            }
            // Scale "1" to 100 ms and "12" to 120 ms.
            for _ in min(digits, 3)..<3 { fraction *= 10 }
        }

        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
              hour < 24, minute < 60, second < 60
        else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        return days * millisecondsPerDay + ((hour * 60 + minute) * 60 + second) * 1000 + fraction
    }

    /// Formats as `YYYY-MM-DDTHH:MM:SS.sssZ` (always 3 fraction digits, 4-digit zero-padded year).
    ///
    /// Values outside years 0000...9999 (which `parse` never produces) still format
    /// without trapping, with a sign and as many year digits as needed.
    package static func format(_ milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the `format` text of `milliseconds` to `bytes` (export writes times this way,
    /// without a `String` per value).
    package static func append(_ milliseconds: Int64, to bytes: inout [UInt8]) {
        // Floor division so times before 1970 land on the right day.
        var days = milliseconds / millisecondsPerDay
        var rest = milliseconds % millisecondsPerDay
        if rest < 0 {
            rest += millisecondsPerDay
            days -= 1
        }
        let (year, month, day) = civilFromDays(days)
        let millis = rest % 1000
        let totalSeconds = rest / 1000
        let second = totalSeconds % 60
        let minute = totalSeconds / 60 % 60
        let hour = totalSeconds / 3600

        func put(_ value: Int64, width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var remaining = value
            while divisor > 0 {
                bytes.append(UInt8(truncatingIfNeeded: remaining / divisor) &+ 0x30)
                remaining %= divisor
                divisor /= 10
            }
        }
        if (0...9999).contains(year) {
            put(year, width: 4)
        } else {
            let digits = String(year.magnitude)
            if year < 0 { bytes.append(0x2D) }
            bytes.append(contentsOf: repeatElement(0x30, count: max(0, 4 - digits.utf8.count)))
            bytes.append(contentsOf: digits.utf8)
        }
        bytes.append(0x2D); put(month, width: 2)
        bytes.append(0x2D); put(day, width: 2)
        bytes.append(0x54); put(hour, width: 2)
        bytes.append(0x3A); put(minute, width: 2)
        bytes.append(0x3A); put(second, width: 2)
        bytes.append(0x2E); put(millis, width: 3)
        bytes.append(0x5A)
    }

    // MARK: Calendar arithmetic (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms")

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    package static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        // Counting years from March puts the leap day at the end of the year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    package static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
