/// A query parameter of a console page that cannot be used (the router answers 400).
package enum ConsoleQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `field` is neither a day (`2026-11-24`) nor a time (`2026-11-24T09:00:00Z`).
    case invalidTime(field: String, value: String)
    /// `field` is not one of `allowed`.
    case invalidValue(field: String, value: String, allowed: [String])
    /// `from` lies after `to`: the range would be empty.
    case reversedRange(from: Int64, to: Int64)

    /// What is wrong and how to fix it.
    package var description: String {
        switch self {
        case let .invalidTime(field, value):
            return "\(field)=\(value) is not a day like 2026-11-24 or a UTC time like 2026-11-24T09:00:00Z"
        case let .invalidValue(field, value, allowed):
            return "\(field)=\(value) is not one of \(allowed.joined(separator: ", "))"
        case let .reversedRange(from, to):
            return "from \(ConsoleFormat.time(from)) is after to \(ConsoleFormat.time(to)); the range would be empty"
        }
    }
}

extension ConsoleQueryError {
    /// The contact never sees a consultation, so its contact view cannot be shown (the router
    /// answers 422, as the transcript API does).
    package static func contactViewOfConsultation(_ interaction: String) -> ConsoleQueryError {
        .invalidValue(field: "as", value: "contact", allowed: ["agent (\(interaction) is a consultation, which the contact never sees)"])
    }
}
