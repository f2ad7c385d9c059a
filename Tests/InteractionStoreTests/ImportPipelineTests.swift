import Foundation
import Testing
@testable import InteractionStore
import InteractionDemo
import InteractionModel
@testable import EventLog

private let L = Log.line

/// The import pipeline (issue 15): a reading thread decodes and hashes lines while the writer
/// applies them. Line numbers, reasons, reject-file bytes, progress, all-or-nothing, batched
/// commits and errors on either side behave as the line-by-line import did; the queue between
/// the two stays bounded and the reading thread never outlives the import.
@Suite struct ImportPipelineTests {
    // MARK: The queue

    @Test func queueIsFirstInFirstOutAndEndsWhenClosedAndDrained() {
        let queue = BoundedQueue<Int>(capacity: 3)
        #expect(queue.push(1) && queue.push(2) && queue.push(3))
        #expect(queue.pop() == 1)
        #expect(queue.push(4))
        queue.close()
        #expect(queue.push(5) == false, "a closed queue accepted an element")
        #expect([queue.pop(), queue.pop(), queue.pop(), queue.pop()] == [2, 3, 4, nil])
        #expect(queue.isClosed)
    }

    @Test func aFullQueueHoldsTheProducerUntilTheConsumerTakesOne() {
        let queue = BoundedQueue<Int>(capacity: 2)
        let pushed = Counter()
        let thread = Thread {
            for value in 0..<5 {
                guard queue.push(value) else { return }
                pushed.increment()
            }
        }
        thread.start()
        #expect(pushed.wait(for: 2, seconds: 10))
        Thread.sleep(forTimeInterval: 0.2)
        #expect(pushed.value == 2, "the producer ran past the capacity")
        #expect(queue.pop() == 0)
        #expect(pushed.wait(for: 3, seconds: 10))
        Thread.sleep(forTimeInterval: 0.1)
        #expect(pushed.value == 3)
        queue.close()  // wakes the producer blocked on the full queue: its push returns false
        Thread.sleep(forTimeInterval: 0.1)
        #expect(pushed.value == 3)
    }

    @Test func closingWakesAWaitingConsumer() {
        let queue = BoundedQueue<Int>(capacity: 1)
        let popped = Counter()
        let thread = Thread {
            if queue.pop() == nil { popped.increment() }
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.1)
        queue.close()
        #expect(popped.wait(for: 1, seconds: 10))
    }

    // MARK: The reading thread

    /// All batches of `text` through a pipeline with small batches.
    private func batches(_ text: String, batchSize: Int = 2, batchBytes: Int = ImportPipeline.batchBytes) throws -> [DecodedBatch] {
        var result: [DecodedBatch] = []
        try withPipe { ends in
            let bytes = Array(text.utf8)
            let written = bytes.withUnsafeBytes { write(ends.writeEnd, $0.baseAddress, $0.count) }
            try #require(written == bytes.count)
            ends.closeWriteEnd()
            let pipeline = ImportPipeline(fd: ends.readEnd, alreadyRead: [], batchSize: batchSize, batchBytes: batchBytes, depth: 1)
            defer { pipeline.finish() }
            while let batch = pipeline.next() { result.append(batch) }
        }
        return result
    }

    @Test func linesAreNumberedAsTheLineReaderCountsThem() throws {
        let good = L("c1", "chat.started", 10, #""interaction":"c1","contact":{"id":"cust"}"#)
        // Blank, whitespace-only and CR-ended lines count; a last line without LF counts.
        let text = "\n\(good)\r\n  \t\n{broken\n\n" + L("m1", "message", 12, #""interaction":"c1","party":"cust","text":"hi""#)
        let all = try batches(text)
        let lines = all.flatMap(\.lines)
        #expect(lines.map(\.number) == [2, 4, 6])
        #expect(all.last?.linesRead == 6)
        guard case .endOfInput? = all.last?.end else {
            Issue.record("the last batch does not say the input ended: \(String(describing: all.last?.end))")
            return
        }
        #expect(all.dropLast().allSatisfy { $0.end == nil })
        #expect(all.allSatisfy { $0.lines.count <= 2 }, "a batch is larger than its size")
        guard case let .event(_, event, digest, _) = lines[0] else {
            Issue.record("line 2 did not decode: \(lines[0])")
            return
        }
        #expect(event.id == "c1")
        #expect(digest.contentHash == EventApplier.contentHash(event))
        #expect(digest.ledgerKey == LedgerFilter.Key(event.id))
        guard case let .rejected(rejected, _) = lines[1] else {
            Issue.record("line 4 was not rejected: \(lines[1])")
            return
        }
        #expect(rejected.line == 4)
        #expect(rejected.reason.hasPrefix("malformed JSON"), "\(rejected.reason)")
    }

    @Test func eachLineKeepsItsExactBytesInItsBatch() throws {
        let first = L("c1", "chat.started", 10, #""interaction":"c1","contact":{"id":"cust"}"#)
        let all = try batches("\(first)\r\n{\"id\": \"é\" \n  \n{not json}", batchSize: 8)
        try #require(all.count == 1)
        let batch = all[0]
        let texts = batch.lines.map { String(decoding: batch.text[$0.bytes], as: UTF8.self) }
        // The CR stays with its line: a reject file gets the line exactly as it was read.
        #expect(texts == ["\(first)\r", "{\"id\": \"é\" ", "{not json}"])
    }

    @Test func aReadErrorEndsTheLastBatchWithTheError() throws {
        try withTempDirectory(prefix: "pipeline") { dir in
            // read(2) on a directory fails with EISDIR: a read error after the bytes already read.
            let fd = open(dir.url.path, O_RDONLY | O_DIRECTORY)
            try #require(fd >= 0)
            defer { close(fd) }
            let good = L("c1", "chat.started", 10, #""interaction":"c1","contact":{"id":"cust"}"#)
            let pipeline = ImportPipeline(fd: fd, alreadyRead: Array("\(good)\n".utf8))
            defer { pipeline.finish() }
            var all: [DecodedBatch] = []
            while let batch = pipeline.next() { all.append(batch) }
            #expect(all.flatMap(\.lines).map(\.number) == [1])
            #expect(all.last?.end == .readFailed(errno: EISDIR))
            #expect(all.dropLast().allSatisfy { $0.end == nil })
        }
    }

    @Test func finishStopsAReaderWaitingOnAPipeThatStaysOpen() throws {
        try withPipe { ends in
            let line = Array((L("c1", "chat.started", 10, #""interaction":"c1","contact":{"id":"cust"}"#) + "\n").utf8)
            _ = line.withUnsafeBytes { write(ends.writeEnd, $0.baseAddress, $0.count) }
            let pipeline = ImportPipeline(fd: ends.readEnd, alreadyRead: [], batchSize: 1, depth: 1)
            #expect(pipeline.next()?.lines.count == 1)
            // The writer end stays open: the reader waits for more input until told to stop.
            let started = Date()
            pipeline.finish()
            #expect(Date().timeIntervalSince(started) < 5, "finish waited for input that never came")
            pipeline.finish()  // a second finish returns at once
        }
    }

    @Test func finishStopsAReaderWaitingOnAFullQueue() throws {
        try withTempDirectory(prefix: "pipeline") { dir in
            let text = Self.demoLog(interactions: 20, seed: 3)
            let fd = try openLog(text, in: dir)
            defer { close(fd) }
            let pipeline = ImportPipeline(fd: fd, alreadyRead: [], batchSize: 4, depth: 2)
            let batch = try #require(pipeline.next())
            #expect(batch.lines.count == 4)
            let started = Date()
            pipeline.finish()
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    /// The reader stops at the queue's bound: with nobody taking batches it holds `depth` batches
    /// in the queue and one more it could not hand over, however long the log.
    @Test func theReaderStaysWithinTheQueuesBoundUntilTheWriterTakesBatches() throws {
        try withTempDirectory(prefix: "pipeline") { dir in
            let text = Self.demoLog(interactions: 40, seed: 4)
            let total = text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            try #require(total > 200)
            let fd = try openLog(text, in: dir)
            defer { close(fd) }
            let pipeline = ImportPipeline(fd: fd, alreadyRead: [], batchSize: 5, depth: 3)
            defer { pipeline.finish() }
            let deadline = Date().addingTimeInterval(10)
            while pipeline.queuedBatches < 3, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            Thread.sleep(forTimeInterval: 0.3)  // time to run past the bound, if it could
            #expect(pipeline.queuedBatches == 3)
            #expect(pipeline.queue.capacity == 3)
            // Taking the batches lets it read on, to the end, every line exactly once and in order.
            var numbers: [Int] = []
            while let batch = pipeline.next() {
                #expect(batch.lines.count <= 5)
                numbers += batch.lines.map(\.number)
            }
            #expect(numbers == Array(1...total))
        }
    }

    /// A batch is handed over as soon as its text reaches the byte bound, before it has all its
    /// lines: a batch holds at most the bound plus one line.
    @Test func aBatchEndsAtItsByteBound() throws {
        let short = L("c1", "chat.started", 10, #""interaction":"c1","contact":{"id":"cust"}"#)
        let long = L("m1", "message", 12, #""interaction":"c1","party":"cust","text":""# + String(repeating: "x", count: 3_000) + #"""#)
        let all = try batches([short, short, long, short].joined(separator: "\n") + "\n", batchSize: 100, batchBytes: 1_000)
        #expect(all.map { $0.lines.map(\.number) } == [[1, 2, 3], [4]])
        #expect(all.map(\.linesRead) == [3, 4])
        #expect(all.map(\.end) == [nil, .endOfInput])
    }

    // MARK: Through importEvents(fd:)

    /// A demo log of `interactions` chats, one event a line.
    private static func demoLog(interactions: Int, seed: UInt64) -> String {
        DemoGenerator(interactions: interactions, seed: seed).map { EventEncoder.line($0) + "\n" }.joined()
    }

    private static func decodingError(_ line: String) -> EventDecodingError? {
        do throws(EventDecodingError) {
            _ = try EventDecoder.decode(line)
            return nil
        } catch {
            return error
        }
    }

    /// `text` written to a new file in `dir`, opened for reading (the caller closes it).
    private func openLog(_ text: String, in dir: TempDirectory) throws -> Int32 {
        let path = dir.path("log-\(UUID().uuidString).ndjson")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        return fd
    }

    private func importFile(_ store: Store, _ text: String, in dir: TempDirectory, options: ImportOptions = ImportOptions(),
                            onRejected: (RejectedLine, UnsafeRawBufferPointer) throws -> Void = { _, _ in },
                            onProgress: (ImportProgress) -> Void = { _ in }) throws -> ImportSummary {
        let fd = try openLog(text, in: dir)
        defer { close(fd) }
        return try store.importEvents(fd: fd, options: options, onRejected: onRejected, onProgress: onProgress)
    }

    @Test func aRuleViolationIsRejectedWithItsLineAndItsBytesAsRead() throws {
        let test = try TestStore()
        let bad = L("bad1", "message", 30, #""interaction":"c1","party":"zz","text":"hi""#)
        let text = Log.base.joined(separator: "\n") + "\n\n" + bad + "\r\n" + "{not json\n"
        var seen: [(String, String)] = []
        let summary = try importFile(test.store, text, in: test.directory, options: ImportOptions(atomic: false),
                                     onRejected: { rejected, raw in seen.append((rejected.description, String(decoding: raw, as: UTF8.self))) })
        #expect(summary.committed)
        #expect(summary.stored == Log.base.count)
        #expect(summary.lines == Log.base.count + 3)
        let malformed = try #require(Self.decodingError("{not json"))
        #expect(seen.map(\.0) == ["line 9: event bad1: unknown party: party \"zz\" is not a party of \"c1\"", "line 10: \(malformed.reason)"])
        #expect(seen.map(\.1) == [bad + "\r", "{not json"])
        #expect(summary.rejected.map(\.line) == [9, 10])
    }

    @Test func anErrorThrownByTheRejectHandlerAbortsTheImportAndWritesNothing() throws {
        struct SinkFailed: Error {}
        let test = try TestStore()
        let before = try test.snapshot()
        let text = (Log.base + ["{bad", L("m9", "message", 40, #""interaction":"c1","party":"cust","text":"after""#)]).joined(separator: "\n")
        #expect(throws: SinkFailed.self) {
            _ = try importFile(test.store, text, in: test.directory, options: ImportOptions(atomic: false),
                               onRejected: { _, _ in throw SinkFailed() })
        }
        #expect(try test.snapshot() == before)
        // The store is usable afterwards and the same log imports.
        let summary = try importFile(test.store, Log.base.joined(separator: "\n"), in: test.directory)
        #expect(summary.committed && summary.stored == Log.base.count)
    }

    @Test func aReadErrorRollsBackEverythingAlreadyApplied() throws {
        let test = try TestStore()
        let before = try test.snapshot()
        let fd = open(test.directory.url.path, O_RDONLY | O_DIRECTORY)
        try #require(fd >= 0)
        defer { close(fd) }
        let lines = Array((Log.base.joined(separator: "\n") + "\n").utf8)
        do {
            _ = try test.store.importEvents(fd: fd, alreadyRead: lines)
            Issue.record("the read error was not reported")
        } catch let error as StoreError {
            #expect(error == .fileFailed(.readInput, path: "", errno: EISDIR))
            #expect(error.description == "cannot read the input: \(String(cString: strerror(EISDIR)))")
        }
        #expect(try test.snapshot() == before)
    }

    @Test func progressIsReportedEveryTenThousandLinesAndAfterEachCommit() throws {
        try withTempDirectory(prefix: "pipeline") { dir in
            let store = try Store(path: dir.databasePath)
            // 25,000 lines: agent states, with blank lines at 10,000 and 20,000 and at the end.
            var lines: [String] = []
            for index in 1...25_000 {
                if index == 10_000 || index == 20_000 || index == 25_000 {
                    lines.append("")
                } else {
                    lines.append(L("s\(index)", "agent.state", index, #""agent":"a\#(index % 50)","state":"ready""#))
                }
            }
            var reports: [String] = []
            let summary = try importFile(store, lines.joined(separator: "\n") + "\n", in: dir,
                                         options: ImportOptions(atomic: false, commitEvery: 9_000),
                                         onProgress: { reports.append("\($0.lines) \($0.stored) \($0.committed)") })
            #expect(summary.stored == 24_997)
            #expect(summary.lines == 25_000)
            // As the line-by-line reader reported: a commit after every 9,000th stored event (at its
            // line), progress at each multiple of 10,000 with what was stored before that line,
            // and the final commit's report.
            #expect(reports == [
                "9000 9000 true", "10000 9999 false", "18001 18000 true", "20000 19998 false", "25000 24997 true",
            ])
        }
    }

    @Test func anAtomicImportOfManyBatchesIsStillAllOrNothing() throws {
        try withTempDirectory(prefix: "pipeline") { dir in
            let store = try Store(path: dir.databasePath)
            let text = Self.demoLog(interactions: 200, seed: 9)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            try #require(lineCount > ImportPipeline.batchSize * ImportPipeline.depth * 2, "the log must outrun the queue")
            // The last line breaks a rule: nothing of the batches before it may stay.
            let summary = try importFile(store, text + L("late", "message", 0, #""interaction":"nope","party":"x","text":"hi""#) + "\n", in: dir)
            #expect(!summary.committed)
            #expect(summary.stored == 0)
            #expect(summary.rejected.map(\.line) == [lineCount + 1])
            #expect(try store.read { try $0.scalarInt("SELECT count(*) FROM events") } == 0)
            // And the good log alone imports completely.
            let good = try importFile(store, text, in: dir)
            #expect(good.committed && good.stored == lineCount && good.lines == lineCount)
            #expect(try store.check().problems == [])
        }
    }
}

/// A counter one thread increments and another waits on.
private final class Counter: @unchecked Sendable {
    // @unchecked: `count` is guarded by `condition`.
    private let condition = NSCondition()
    private var count = 0

    var value: Int {
        condition.withLock { count }
    }

    func increment() {
        condition.lock()
        count += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the count reaches `target`; false after `seconds`.
    func wait(for target: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while count < target {
            if !condition.wait(until: deadline) { return count >= target }
        }
        return true
    }
}

/// Both ends of a pipe; the write end may be closed early (EOF for the reader).
private final class PipeEnds {
    let readEnd: Int32
    let writeEnd: Int32
    private var writeOpen = true

    init(_ ends: [Int32]) {
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    func closeWriteEnd() {
        if writeOpen { close(writeEnd) }
        writeOpen = false
    }

    /// Closes what is still open (exactly once: a descriptor number is reused at once by
    /// other tests running in parallel).
    func closeAll() {
        closeWriteEnd()
        close(readEnd)
    }
}

/// Runs `body` with a new pipe, closing both ends afterwards.
private func withPipe(_ body: (PipeEnds) throws -> Void) throws {
    var raw: [Int32] = [0, 0]
    try #require(pipe(&raw) == 0)
    let ends = PipeEnds(raw)
    defer { ends.closeAll() }
    try body(ends)
}
