import InteractionModel
import EventLog
/// An NDJSON event log held in memory and decoded line by line, ready to be applied.
///
/// Decoding is pure (no database), so a server decodes a request's body on its own thread and
/// hands only the result to the single writer. Line counting is `storectl import`'s: lines end
/// with LF, a CR before it is whitespace, blank and whitespace-only lines count but hold no
/// event, and a last line without LF counts when it is not empty.
package struct DecodedLog: Sendable, Equatable {
    /// One non-blank line: the event it holds, or why it holds none.
    package enum Item: Sendable, Equatable {
        /// A line that decoded to an event (`line` is 1-based).
        case event(line: Int, Event)
        /// A line that is not a valid event.
        case rejected(RejectedLine)
    }

    /// Lines read, blank ones included.
    package var lines: Int
    /// The non-blank lines, in order.
    package var items: [Item]

    /// Creates a decoded log from its parts.
    package init(lines: Int, items: [Item]) {
        self.lines = lines
        self.items = items
    }

    /// Decodes every line of `bytes` (an NDJSON log, exactly what `storectl import -` reads).
    package init(bytes: [UInt8]) {
        var lines = 0
        var items: [Item] = []
        bytes.withUnsafeBytes { raw in
            var start = 0
            let count = raw.count
            while start < count {
                var end = start
                while end < count, raw[end] != 0x0A { end += 1 }
                lines += 1
                let line = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    do throws(EventDecodingError) {
                        items.append(.event(line: lines, try EventDecoder.decode(line)))
                    } catch {
                        items.append(.rejected(RejectedLine(line: lines, eventId: error.eventId, reason: error.reason)))
                    }
                }
                start = end + 1
            }
        }
        self.lines = lines
        self.items = items
    }

    /// The lines that did not decode.
    package var rejected: [RejectedLine] {
        items.compactMap { if case .rejected(let line) = $0 { return line } else { return nil } }
    }
}
