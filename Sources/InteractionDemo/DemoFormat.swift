/// Decimal text for the demo's ids (`d1-chat-000042`), without Foundation's formatters.
enum DemoFormat {
    /// `n` (>= 0) in decimal, left-padded with zeros to at least `width` digits.
    static func padded(_ n: Int, width: Int) -> String {
        var digits = 0
        var v = n
        repeat {
            digits += 1
            v /= 10
        } while v > 0
        let length = max(width, digits)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var rest = n
            var index = length
            while index > 0 {
                index -= 1
                buffer[index] = UInt8(48 + rest % 10)
                rest /= 10
            }
            return length
        }
    }
}
