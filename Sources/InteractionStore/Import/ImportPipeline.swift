import Foundation
import EventLog
import InteractionModel

/// The reading half of `importEvents(fd:)`: a `Thread` that reads the log, splits it into
/// lines, decodes each line (JSON, fields, defaults) and takes its hashes (`EventDigest`), and hands
/// batches of the results to the writer through a `BoundedQueue`. The writer thread meanwhile
/// checks the rules and writes, so the two halves of an import use two cores.
///
/// Not Swift concurrency: the work is CPU-bound and blocking (a `read` on a pipe may wait), and
/// the writer is a synchronous caller holding the store's writer lock.
///
/// Memory is bounded: at most `depth` batches wait in the queue (plus the one the reader fills
/// and the one the writer applies), each of at most `batchSize` lines and — unless one line
/// alone is longer — `batchBytes` bytes. Line numbers are counted on the reading thread exactly
/// as `LineReader` counts them. The owner must call `finish()` (also on errors): it stops the
/// thread and waits for it, so the file descriptor is no longer read once the import returns.
final class ImportPipeline {
    /// Lines per batch: large enough that the queue's lock is taken rarely, small enough that
    /// the writer starts at once.
    static let batchSize = 256
    /// Bytes of line text after which a batch is handed over even if it has fewer lines.
    static let batchBytes = 256 * 1024
    /// Batches that may wait decoded; the reader stays at most this far ahead of the writer.
    static let depth = 16

    /// Between the reading thread and the writer (internal: tests look at its bound).
    let queue: BoundedQueue<DecodedBatch>
    /// Signalled once when the reading thread has returned.
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    /// Starts reading `fd` (whose first bytes the caller already read into `alreadyRead`).
    init(fd: Int32, alreadyRead: [UInt8], batchSize: Int = ImportPipeline.batchSize,
         batchBytes: Int = ImportPipeline.batchBytes, depth: Int = ImportPipeline.depth) {
        let queue = BoundedQueue<DecodedBatch>(capacity: depth)
        self.queue = queue
        let done = self.done
        let limits = (lines: Swift.max(1, batchSize), bytes: Swift.max(1, batchBytes))
        let thread = Thread {
            Self.read(fd: fd, alreadyRead: alreadyRead, limits: limits, into: queue)
            done.signal()
        }
        thread.name = "InteractionStore import reader"
        thread.start()
    }

    /// The next batch, waiting for the reader; nil after the last one (whose `end` is set).
    func next() -> DecodedBatch? {
        queue.pop()
    }

    /// Batches decoded and waiting for the writer.
    var queuedBatches: Int { queue.count }

    /// Stops the reader (if it is still reading) and waits until its thread has returned.
    /// A second call returns at once.
    func finish() {
        guard !finished else { return }
        finished = true
        queue.close()
        done.wait()
    }

    /// The reading thread's whole work.
    private static func read(fd: Int32, alreadyRead: [UInt8], limits: (lines: Int, bytes: Int),
                             into queue: BoundedQueue<DecodedBatch>) {
        var reader = LineReader(fd: fd, alreadyRead: alreadyRead, shouldStop: { queue.isClosed })
        var batch = Self.emptyBatch(limits)
        var lineNumber = 0
        do {
            try reader.forEachLine { line in
                lineNumber += 1
                if !isBlank(line) {
                    let bytes = batch.text.count ..< batch.text.count + line.count
                    batch.text.append(contentsOf: line)
                    batch.lines.append(decode(line, number: lineNumber, bytes: bytes))
                }
                if batch.lines.count >= limits.lines || batch.text.count >= limits.bytes {
                    batch.linesRead = lineNumber
                    guard queue.push(batch) else { throw LineReader.Stopped() }
                    batch = Self.emptyBatch(limits)
                }
            }
            batch.end = .endOfInput
        } catch let error as LogReadError {
            batch.end = .readFailed(errno: error.errno)
        } catch {
            return  // LineReader.Stopped (the only other error): the writer is gone, nobody reads on
        }
        batch.linesRead = lineNumber
        _ = queue.push(batch)
        queue.close()  // nothing follows the last batch: the writer's next `pop` returns nil
    }

    private static func emptyBatch(_ limits: (lines: Int, bytes: Int)) -> DecodedBatch {
        var batch = DecodedBatch()
        batch.lines.reserveCapacity(limits.lines)
        batch.text.reserveCapacity(Swift.min(limits.bytes, limits.lines * 256))
        return batch
    }

    /// Blank and whitespace-only lines count but hold no event (SPEC section 2).
    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Decodes one non-blank line, whose bytes are at `bytes` in its batch's text.
    static func decode(_ line: UnsafeRawBufferPointer, number: Int, bytes: Range<Int>) -> DecodedBatch.Line {
        do throws(EventDecodingError) {
            let event = try EventDecoder.decode(line)
            return .event(line: number, event, EventDigest(event), bytes: bytes)
        } catch {
            return .rejected(RejectedLine(line: number, eventId: error.eventId, reason: error.reason), bytes: bytes)
        }
    }
}
