import Foundation

/// A linear value axis from 0 to a "nice" top, with ticks at round steps (1, 2 or 5 × 10ⁿ).
struct ChartScale: Sendable, Equatable {
    /// The value at the end of the axis (at least the largest value drawn).
    let top: Double
    /// The tick values from 0 to `top`.
    let ticks: [Double]

    /// A scale for values up to `maximum`, aiming at about `targetTicks` steps.
    /// With `whole`, steps are at least 1 (counts cannot be fractional).
    init(maximum: Double, targetTicks: Int = 5, whole: Bool = false) {
        guard maximum > 0, maximum.isFinite else {
            top = 1
            ticks = [0, 1]
            return
        }
        let raw = maximum / Double(max(1, targetTicks))
        let magnitude = pow(10, floor(log10(raw)))
        let residual = raw / magnitude
        var step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
        if whole { step = max(1, step.rounded(.up)) }
        // The tolerance keeps 0.8 / 0.2 = 4.000…01 from adding an empty step.
        let count = max(1, Int((maximum / step - 1e-9).rounded(.up)))
        top = Double(count) * step
        ticks = (0...count).map { Double($0) * step }
    }

    /// Where `value` lies along an axis of `length` (0 at the start).
    func position(_ value: Double, length: Double) -> Double {
        top > 0 ? min(max(value, 0), top) / top * length : 0
    }

    /// A tick's label: whole numbers without a fraction, others with up to two decimals.
    static func label(_ value: Double) -> String {
        if value == value.rounded() { return ConsoleFormat.count(Int(value)) }
        let hundredths = Int((value * 100).rounded())
        let text = "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
        return text.hasSuffix("0") ? String(text.dropLast()) : text
    }
}
