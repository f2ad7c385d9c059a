import Foundation

/// Wall-clock time in the store's unit (milliseconds since the epoch).
///
/// Used only for bookkeeping (when a migration or export ran), never for event times,
/// which always come from the events themselves.
package enum Clock {
    /// Now, in milliseconds since the epoch.
    package static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
