import CBaseline
import Foundation
import InteractionStore

/// One line of the figures table: the store's samples beside the baseline's.
struct Figure: Codable {
    var workload: String
    var metric: String
    var store: Samples
    var baseline: Samples?
    /// Which baseline: "C" (raw SQLite, same rows) or "sqlite3 -json".
    var baselineName: String
    /// Formatting of the values.
    var unit: String

    var ratio: Double? { baseline.map { store.median / $0.median } }
}

/// One target of issue 6 and whether the run met it.
struct TargetCheck: Codable {
    var target: String
    var measured: String
    var met: Bool
}

/// A generated demo log.
struct LogFile {
    var path: String
    var chats: Int
    var events: Int
}

/// A store database and its raw-SQLite twin holding the same rows.
struct DatabasePair {
    var store: String
    var baseline: String
    var chats: Int
    var events: Int
    var rows: Int
}

/// The rows every table holds: what the store wrote (rows/s counts these).
let writtenTables = ["events", "interactions", "connections", "timeline", "requests", "disposition_changes", "agent_states",
                     "disposition_codes"]

/// End of open agent-state periods in the agents report (2100-01-01): later than any demo event.
let reportNow: Int64 = 4_102_444_800_000

final class Bench {
    let options: Options
    let work: String
    var figures: [Figure] = []
    var targets: [TargetCheck] = []
    var notes: [String] = []
    var dataLines: [String] = []

    /// The ingest workload's store and raw twin (later workloads build on them).
    private var main: DatabasePair?
    private var mainIngest: (store: Samples, baseline: Samples)?
    private var mainSummary: (store: Samples, baseline: Samples)?
    private var reportPair: DatabasePair?

    init(options: Options, work: String) {
        self.options = options
        self.work = work
    }

    func path(_ name: String) -> String { work + "/" + name }

    /// Times a fast read: one warm-up call (opens and caches the connection, loads the schema),
    /// then `--repeat` calls, continued while they took under half a second in all (at most 100),
    /// so that millisecond figures are medians of many runs. Returns milliseconds.
    func timeRead(_ body: () throws -> Double?) throws -> Samples {
        _ = try body()
        var samples = Samples()
        var total = 0.0
        while samples.values.count < options.repeats || (total < 0.5 && samples.values.count < 100) {
            let start = now()
            let inner = try body()
            let seconds = inner ?? (now() - start)
            samples.add(seconds * 1000)
            total += now() - start
        }
        return samples
    }

    // MARK: - Data

    /// Writes the demo log of `chats` chats with `storectl demo --emit`.
    func generateLog(chats: Int, seed: UInt64, name: String) throws -> LogFile {
        let target = path(name)
        let (count, seconds) = try timed { try emitDemoLog(chats: chats, seed: seed, to: target) }
        note("generated \(name): \(count.grouped) events (\(chats.grouped) chats, seed \(seed)) in \(String(format: "%.1f", seconds)) s")
        return LogFile(path: target, chats: chats, events: count)
    }

    /// The first `limit` events of a demo log, decoded (for `store.apply`).
    func generateEvents(chats: Int, seed: UInt64, limit: Int) throws -> [Event] {
        try demoLines(chats: chats, seed: seed).prefix(limit).map { try EventDecoder.decode($0) }
    }

    // MARK: - Store and baseline primitives

    /// Imports `log` into the store at `db` (created when missing) through the library, timed
    /// around `importEvents` (one transaction, as `storectl import`).
    func storeImport(_ log: LogFile, into db: String) throws -> Double {
        try storeImportWithCPU(log, into: db).seconds
    }

    /// As `storeImport`, also returning the CPU seconds the import used.
    func storeImportWithCPU(_ log: LogFile, into db: String) throws -> (seconds: Double, cpu: Double) {
        let store = try Store(path: db)
        let fd = open(log.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BenchError("cannot open \(log.path)") }
        defer { close(fd) }
        let cpuStart = cpuSeconds()
        let (summary, seconds) = try timed { try store.importEvents(fd: fd) }
        let cpu = cpuSeconds() - cpuStart
        guard summary.committed, summary.rejected.isEmpty, summary.stored + summary.duplicates == log.events else {
            throw BenchError("import of \(log.path) into \(db) failed: \(summary.rejected.prefix(3).map(\.description))")
        }
        return (seconds, cpu)
    }

    func countRows(_ db: String) throws -> [String: Int] {
        _ = try Store(path: db)  // migrated, as the store leaves it
        var counts: [String: Int] = [:]
        for table in writtenTables { counts[table] = Int(try Self.scalar(db, "SELECT count(*) FROM \(table)")) }
        return counts
    }

    /// One integer from the database, read by the C baseline's connection (the store's SQL
    /// layer is package code, out of this separate package's reach).
    static func scalar(_ db: String, _ sql: String) throws -> Int64 {
        var error = [CChar](repeating: 0, count: 512)
        let value = baseline_scalar(db, sql, &error, Int32(error.count))
        guard value >= 0 else { throw BenchError(String(cString: error)) }
        return value
    }

    func maxSeq(_ db: String) throws -> Int64 {
        _ = try Store(path: db)
        return try Self.scalar(db, "SELECT coalesce(max(seq), 0) FROM events")
    }

    /// Dumps the rows the store wrote for events after `afterSeq` (not timed).
    func dumpRows(from db: String, name: String, afterSeq: Int64) throws -> (path: String, rows: Int) {
        let target = path(name)
        var error = [CChar](repeating: 0, count: 1024)
        let (rows, seconds) = timed { baseline_dump(db, target, afterSeq, &error, Int32(error.count)) }
        guard rows >= 0 else { throw BenchError("dump: \(message(error))") }
        note("dumped \(Int(rows).grouped) rows of \(db.split(separator: "/").last ?? "") for the baseline in \(String(format: "%.1f", seconds)) s")
        return (target, Int(rows))
    }

    /// A new database with the store's schema, made by the store's own migration.
    func createSchema(_ db: String) throws {
        removeDatabase(db)
        _ = try Store(path: db)
    }

    func baselineIngest(rows: String, into db: String, perEventCommit: Bool) throws -> baseline_result {
        var result = baseline_result()
        var error = [CChar](repeating: 0, count: 1024)
        guard baseline_ingest(db, nil, rows, perEventCommit ? 1 : 0, &result, &error, Int32(error.count)) == 0 else {
            throw BenchError("baseline ingest into \(db): \(message(error))")
        }
        return result
    }

    func baselineReport(_ db: String, _ which: Int32) throws -> baseline_result {
        var result = baseline_result()
        var error = [CChar](repeating: 0, count: 1024)
        guard baseline_report(db, which, reportNow, &result, &error, Int32(error.count)) == 0 else {
            throw BenchError("baseline report \(which): \(message(error))")
        }
        return result
    }

    // MARK: - Ingest

    /// Imports `log` into empty stores (`repeats` times, timed), dumps the rows the store wrote,
    /// and inserts them into empty raw databases with the same schema (`repeats` times, timed).
    /// Keeps the last store and raw database as a pair holding the same rows.
    func ingestPair(_ log: LogFile, name: String, repeats: Int)
        throws -> (pair: DatabasePair, store: Samples, baseline: Samples, storeCPU: Samples, baselineCPU: Samples, counts: [String: Int]) {
        var storeSeconds = Samples(), storeCPU = Samples(), baselineCPU = Samples()
        let storeDB = path("store-\(name).sqlite")
        for run in 1 ... repeats {
            removeDatabase(storeDB)
            let (seconds, cpu) = try storeImportWithCPU(log, into: storeDB)
            storeSeconds.add(seconds)
            storeCPU.add(cpu)
            note("ingest \(name), store, run \(run)/\(repeats): \(String(format: "%.2f", seconds)) s (\((Double(log.events) / seconds).grouped) events/s)")
        }
        let counts = try countRows(storeDB)
        let rows = counts.values.reduce(0, +)
        let dump = try dumpRows(from: storeDB, name: "rows-\(name).bin", afterSeq: 0)
        guard dump.rows == rows else { throw BenchError("dump has \(dump.rows) rows, the store holds \(rows)") }
        var baselineSeconds = Samples()
        let baselineDB = path("baseline-\(name).sqlite")
        for run in 1 ... repeats {
            try createSchema(baselineDB)
            let result = try baselineIngest(rows: dump.path, into: baselineDB, perEventCommit: false)
            guard result.rows == rows else { throw BenchError("baseline inserted \(result.rows) rows, expected \(rows)") }
            baselineSeconds.add(result.seconds)
            baselineCPU.add(result.cpu_seconds)
            note("ingest \(name), baseline, run \(run)/\(repeats): \(String(format: "%.2f", result.seconds)) s (\((Double(rows) / result.seconds).grouped) rows/s)")
        }
        unlink(dump.path)
        let baselineCounts = try countRows(baselineDB)
        guard baselineCounts == counts else { throw BenchError("baseline rows differ from the store's: \(baselineCounts) vs \(counts)") }
        let pair = DatabasePair(store: storeDB, baseline: baselineDB, chats: log.chats, events: log.events, rows: rows)
        return (pair, storeSeconds, baselineSeconds, storeCPU, baselineCPU, counts)
    }

    /// The ingest workload: the log of `--events` imported into an empty store (one transaction,
    /// repeated), and the same rows into an empty raw database. Also the pair later workloads use.
    func ensureMain() throws {
        if main != nil { return }
        let recorded = options.runs("ingest") || options.runs("scaling")
        let log = try generateLog(chats: Options.chats(forEvents: options.events), seed: options.seed, name: "log-main.ndjson")
        let result = try ingestPair(log, name: "main", repeats: recorded ? options.repeats : 1)
        main = result.pair
        mainIngest = (result.store, result.baseline)
        let rows = result.pair.rows
        let perTable = writtenTables.map { "\($0) \(result.counts[$0]!.grouped)" }.joined(separator: ", ")
        dataLines.append("ingest log: \(log.events.grouped) events, \(log.chats.grouped) chats (seed \(options.seed)); rows the store writes: \(rows.grouped) (\(perTable)); database \(String(format: "%.0f", Double(fileSize(result.pair.store)) / 1e6)) MB")
        if options.runs("ingest") {
            let label = "ingest \(log.events.grouped) events (one transaction)"
            figures.append(Figure(workload: label, metric: "events/s",
                                  store: result.store.map { Double(log.events) / $0 }, baseline: result.baseline.map { Double(log.events) / $0 },
                                  baselineName: "C", unit: "rate"))
            figures.append(Figure(workload: label, metric: "rows/s",
                                  store: result.store.map { Double(rows) / $0 }, baseline: result.baseline.map { Double(rows) / $0 },
                                  baselineName: "C", unit: "rate"))
            figures.append(Figure(workload: label, metric: "rows per CPU-second",
                                  store: result.storeCPU.map { Double(rows) / $0 }, baseline: result.baselineCPU.map { Double(rows) / $0 },
                                  baselineName: "C", unit: "rate"))
            let ratio = result.baseline.median / result.store.median
            targets.append(TargetCheck(target: "ingest >= 0.5x baseline rows/s", measured: String(format: "%.2fx", ratio), met: ratio >= 0.5))
        }
        if options.runs("scaling") {
            mainSummary = try measureSummary(store: result.pair.store, baseline: result.pair.baseline, label: "main")
        }
        unlink(log.path)
    }

    /// The conference summary on a store and on its raw twin (repeated): seconds.
    func measureSummary(store storeDB: String, baseline baselineDB: String, label: String) throws -> (store: Samples, baseline: Samples) {
        let store = try Store(path: storeDB)
        let storeMs = try timeRead {
            _ = try store.conferenceSummary(from: nil, to: nil, agent: nil)
            return nil
        }
        let baselineMs = try timeRead { try baselineReport(baselineDB, 0).seconds }
        note("conference summary \(label): store \(String(format: "%.1f", storeMs.median)) ms, baseline \(String(format: "%.1f", baselineMs.median)) ms")
        return (storeMs.map { $0 / 1000 }, baselineMs.map { $0 / 1000 })
    }

    // MARK: - Live append

    /// Single events, each committed on its own (`store.apply([event])`), onto the ingest store;
    /// the baseline inserts the same rows, one transaction per event, onto its raw twin.
    func liveAppend() throws {
        try ensureMain()
        guard let pair = main else { return }
        var storeRate = Samples(), baselineRate = Samples(), storeCPURate = Samples(), baselineCPURate = Samples()
        let chats = options.liveEvents / 40 + 20
        for run in 1 ... options.repeats {
            // A fresh slice for every run (another seed: new ids, nothing is a repeat).
            let events = try generateEvents(chats: chats, seed: options.seed + 1000 + UInt64(run), limit: options.liveEvents)
            let mark = try maxSeq(pair.store)
            let seconds: Double
            do {
                let store = try Store(path: pair.store)
                var stored = 0
                let cpuStart = cpuSeconds()
                (_, seconds) = try timed {
                    for event in events {
                        if try store.apply([event]) == [.stored] { stored += 1 }
                    }
                }
                storeCPURate.add(Double(events.count) / (cpuSeconds() - cpuStart))
                guard stored == events.count else { throw BenchError("live append stored \(stored) of \(events.count) events") }
            }
            storeRate.add(Double(events.count) / seconds)
            let dump = try dumpRows(from: pair.store, name: "rows-live.bin", afterSeq: mark)
            let result = try baselineIngest(rows: dump.path, into: pair.baseline, perEventCommit: true)
            guard result.commits == events.count else { throw BenchError("baseline committed \(result.commits) of \(events.count) events") }
            baselineRate.add(Double(result.commits) / result.seconds)
            baselineCPURate.add(Double(result.commits) / result.cpu_seconds)
            unlink(dump.path)
            note("live append run \(run)/\(options.repeats): store \((Double(events.count) / seconds).grouped) commits/s, baseline \((Double(result.commits) / result.seconds).grouped) commits/s (\(dump.rows.grouped) rows)")
        }
        figures.append(Figure(workload: "live append (\(options.liveEvents.grouped) single-event commits)", metric: "commits/s",
                              store: storeRate, baseline: baselineRate, baselineName: "C", unit: "rate"))
        figures.append(Figure(workload: "live append (\(options.liveEvents.grouped) single-event commits)", metric: "commits per CPU-second",
                              store: storeCPURate, baseline: baselineCPURate, baselineName: "C", unit: "rate"))
        let ratio = storeRate.median / baselineRate.median
        targets.append(TargetCheck(target: "live append >= 0.9x baseline commits/s", measured: String(format: "%.2fx", ratio), met: ratio >= 0.9))
    }

    // MARK: - Scaling

    /// The ingest log is the K× point; a log of 1/K its chats (same seed) is the 1× point:
    /// ingest time and conference summary time, K× against 1×.
    func scaling() throws {
        try ensureMain()
        guard let big = main, let bigIngest = mainIngest, let bigSummary = mainSummary else { return }
        let factor = options.scale
        let log = try generateLog(chats: max(1, big.chats / factor), seed: options.seed, name: "log-small.ndjson")
        let small = try ingestPair(log, name: "small", repeats: options.repeats)
        let summary = try measureSummary(store: small.pair.store, baseline: small.pair.baseline, label: "small")
        unlink(log.path)
        removeDatabase(small.pair.store)
        removeDatabase(small.pair.baseline)

        let dataRatio = Double(big.events) / Double(log.events)
        let limit = dataRatio * 1.1
        let ingestRatio = bigIngest.store.median / small.store.median
        let ingestBaseRatio = bigIngest.baseline.median / small.baseline.median
        dataLines.append("scaling: 1x = \(log.events.grouped) events (\(log.chats.grouped) chats), \(factor)x = the ingest log (\(String(format: "%.2f", dataRatio))x the events)")
        figures.append(Figure(workload: "scaling: ingest 1x (\(log.events.grouped) events)", metric: "s",
                              store: small.store, baseline: small.baseline, baselineName: "C", unit: "seconds"))
        figures.append(Figure(workload: "scaling: ingest \(factor)x (\(big.events.grouped) events)", metric: "s",
                              store: bigIngest.store, baseline: bigIngest.baseline, baselineName: "C", unit: "seconds"))
        figures.append(Figure(workload: "scaling: ingest time \(factor)x / 1x", metric: "ratio",
                              store: Samples(values: [ingestRatio]), baseline: Samples(values: [ingestBaseRatio]), baselineName: "C", unit: "ratio"))
        let summaryRatio = bigSummary.store.median / summary.store.median
        let summaryBaseRatio = bigSummary.baseline.median / summary.baseline.median
        figures.append(Figure(workload: "scaling: conference summary 1x", metric: "ms",
                              store: summary.store.map { $0 * 1000 }, baseline: summary.baseline.map { $0 * 1000 }, baselineName: "C", unit: "ms"))
        figures.append(Figure(workload: "scaling: conference summary \(factor)x", metric: "ms",
                              store: bigSummary.store.map { $0 * 1000 }, baseline: bigSummary.baseline.map { $0 * 1000 }, baselineName: "C", unit: "ms"))
        figures.append(Figure(workload: "scaling: conference summary time \(factor)x / 1x", metric: "ratio",
                              store: Samples(values: [summaryRatio]), baseline: Samples(values: [summaryBaseRatio]), baselineName: "C", unit: "ratio"))
        let limitText = String(format: "%.2f", limit)
        targets.append(TargetCheck(target: "\(String(format: "%.2f", dataRatio))x data: ingest <= \(limitText)x time",
                                   measured: String(format: "%.2fx", ingestRatio), met: ingestRatio <= limit))
        targets.append(TargetCheck(target: "\(String(format: "%.2f", dataRatio))x data: conference summary <= \(limitText)x time",
                                   measured: String(format: "%.2fx", summaryRatio), met: summaryRatio <= limit))
    }

    // MARK: - The reports and export store

    /// The store the reports and the export run on, and its raw twin: the ingest pair, topped up
    /// with chats of another seed up to `--report-chats`; built from empty under `--only`.
    func ensureReportStore() throws {
        if reportPair != nil { return }
        var pair: DatabasePair
        if let main {
            pair = main
        } else {
            pair = DatabasePair(store: path("store-main.sqlite"), baseline: path("baseline-main.sqlite"), chats: 0, events: 0, rows: 0)
            try createSchema(pair.store)
            try createSchema(pair.baseline)
        }
        let wanted = options.reportChats > 0 ? options.reportChats : (main == nil ? Options.chats(forEvents: options.events) : pair.chats)
        let extra = wanted - pair.chats
        if extra > 0 {
            let log = try generateLog(chats: extra, seed: options.seed + 1, name: "log-reports-extra.ndjson")
            let mark = try maxSeq(pair.store)
            let seconds = try storeImport(log, into: pair.store)
            note("reports store: imported \(log.events.grouped) more events into a store of \(pair.chats.grouped) chats in \(String(format: "%.1f", seconds)) s (\((Double(log.events) / seconds).grouped) events/s)")
            let dump = try dumpRows(from: pair.store, name: "rows-reports-extra.bin", afterSeq: mark)
            let result = try baselineIngest(rows: dump.path, into: pair.baseline, perEventCommit: false)
            note("reports store: baseline inserted \(Int(result.rows).grouped) rows in \(String(format: "%.1f", result.seconds)) s")
            unlink(dump.path)
            unlink(log.path)
            pair.chats += log.chats
            pair.events += log.events
        }
        let counts = try countRows(pair.store)
        pair.rows = counts.values.reduce(0, +)
        let baselineRows = try countRows(pair.baseline).values.reduce(0, +)
        guard baselineRows == pair.rows else { throw BenchError("reports store: baseline holds \(baselineRows) rows, the store \(pair.rows)") }
        dataLines.append("reports/export store: \(pair.chats.grouped) chats, \(counts["events"]!.grouped) events, \(pair.rows.grouped) rows; database \(String(format: "%.0f", Double(fileSize(pair.store)) / 1e6)) MB")
        reportPair = pair
    }

    // MARK: - Reports

    func reports() throws {
        try ensureReportStore()
        guard let pair = reportPair else { return }
        let store = try Store(path: pair.store)
        var summary: ConferenceSummary?
        var agentRows: [AgentStateRow] = []
        var dispositionRows: [DispositionCountRow] = []
        var checks: [baseline_result] = [baseline_result(), baseline_result(), baseline_result()]
        let storeMs = [
            try timeRead {
                summary = try store.conferenceSummary(from: nil, to: nil, agent: nil)
                return nil
            },
            try timeRead {
                agentRows = try store.agentStateReport(from: nil, to: nil, now: reportNow, byReason: false)
                return nil
            },
            try timeRead {
                dispositionRows = try store.dispositionReport(from: nil, to: nil)
                return nil
            },
        ]
        var baselineMs: [Samples] = []
        for which in 0 ..< 3 {
            baselineMs.append(try timeRead {
                checks[which] = try baselineReport(pair.baseline, Int32(which))
                return checks[which].seconds
            })
        }
        // The baseline's plain queries must give the store's answer, or the comparison means nothing.
        if let summary {
            let expected = [Int64(summary.requested), Int64(summary.accepted), summary.medianWaitMs ?? -1, Int64(summary.autoTransfers)]
            let got = [checks[0].check.0, checks[0].check.1, checks[0].check.2, checks[0].check.3]
            if expected != got { notes.append("check: conference summary differs from the baseline query: store \(expected), baseline \(got)") }
        }
        let agentExpected = [Int64(agentRows.count), agentRows.reduce(0) { $0 + $1.totalMs }, Int64(agentRows.reduce(0) { $0 + $1.count })]
        let agentGot = [checks[1].check.0, checks[1].check.1, checks[1].check.2]
        if agentExpected != agentGot { notes.append("check: agents report differs from the baseline query: store \(agentExpected), baseline \(agentGot)") }
        let dispositionExpected = [Int64(dispositionRows.count), Int64(dispositionRows.reduce(0) { $0 + $1.count })]
        let dispositionGot = [checks[2].check.0, checks[2].check.1]
        if dispositionExpected != dispositionGot { notes.append("check: dispositions report differs from the baseline query: store \(dispositionExpected), baseline \(dispositionGot)") }

        let names = ["report conferences --summary", "report agents", "report dispositions"]
        for index in 0 ..< 3 {
            figures.append(Figure(workload: "\(names[index]) (\(pair.chats.grouped) chats)", metric: "ms",
                                  store: storeMs[index], baseline: baselineMs[index], baselineName: "C", unit: "ms"))
            let median = storeMs[index].median
            if pair.chats >= 100_000 {
                targets.append(TargetCheck(target: "\(names[index]) < 1 s on 100,000 chats",
                                           measured: String(format: "%.0f ms", median) + " (\(pair.chats.grouped) chats)", met: median < 1000))
            } else {
                // Measured on a smaller store: extrapolated linearly (--report-chats 100000 measures it).
                let estimate = median * 100_000 / Double(pair.chats)
                targets.append(TargetCheck(target: "\(names[index]) < 1 s on 100,000 chats (extrapolated)",
                                           measured: String(format: "%.0f ms", median) + " on \(pair.chats.grouped) chats, " + String(format: "~%.0f ms at 100,000", estimate),
                                           met: estimate < 1000))
            }
        }
        note("reports: conferences \(String(format: "%.0f", storeMs[0].median)) ms, agents \(String(format: "%.0f", storeMs[1].median)) ms, dispositions \(String(format: "%.0f", storeMs[2].median)) ms")
    }

    // MARK: - Export

    /// The sqlite3 shell's JSON output of the export's six queries, formatted like the export
    /// (ISO times, lowercase hex hashes).
    static let shellExportSQL: String = {
        func iso(_ column: String, _ name: String) -> String {
            "strftime('%Y-%m-%dT%H:%M:%fZ', \(column) / 1000.0, 'unixepoch') AS \(name)"
        }
        return """
            SELECT i.id, i.kind, i.parent_id, i.contact_id, i.contact_name, i.owner_id, \(iso("i.started_at", "started_at")),
                   \(iso("i.ended_at", "ended_at")), i.final_seq, i.next_entry - 1 AS entries, lower(hex(i.chain_head)) AS chain_head
            FROM interactions i WHERE i.final_seq > 0 ORDER BY i.final_seq, i.id;
            SELECT c.id AS connection_id, c.interaction_id, c.party_id, c.party_kind, c.role, \(iso("c.joined_at", "joined_at")),
                   \(iso("c.left_at", "left_at")), c.leave_reason, c.removed_by, c.request_id, c.became_owner
            FROM interactions i JOIN connections c ON c.interaction_id = i.id WHERE i.final_seq > 0 ORDER BY i.final_seq, i.id, c.id;
            SELECT t.interaction_id, t.seq, \(iso("t.at", "at")), t.kind, t.party_id, t.text, t.visibility, t.reason, t.by_party,
                   t.event_seq, lower(hex(t.prev_hash)) AS prev_hash, lower(hex(t.hash)) AS hash
            FROM interactions i JOIN timeline t ON t.interaction_id = i.id WHERE i.final_seq > 0 ORDER BY i.final_seq, i.id, t.seq;
            SELECT r.id, r.kind, r.interaction_id, r.consultation_id, r.from_agent, r.target_kind, r.target_id, r.mode,
                   \(iso("r.requested_at", "requested_at")), r.status, r.outcome, \(iso("r.answered_at", "answered_at")), r.accepted_by, r.requested_seq
            FROM interactions i JOIN requests r ON r.interaction_id = i.id WHERE i.final_seq > 0 ORDER BY i.final_seq, i.id, r.requested_seq, r.id;
            SELECT event_seq, interaction_id, agent_id, code, \(iso("at", "at")) FROM disposition_changes WHERE event_seq > 0 ORDER BY event_seq;
            SELECT event_seq, agent_id, channel, state, reason, \(iso("at", "at")) FROM agent_states WHERE event_seq > 0 ORDER BY event_seq;
            """
    }()

    func export() throws {
        try ensureReportStore()
        guard let pair = reportPair else { return }
        let me = selfExecutable()
        var storeRows = Samples(), storeMB = Samples(), storeRSS = Samples()
        var cRows = Samples(), cMB = Samples(), cRSS = Samples()
        var shellRows = Samples(), shellMB = Samples(), shellRSS = Samples()
        var exportedRows = 0
        var bytesWritten: [String: Double] = [:]
        /// Runs one of this program's export children: rows, bytes, its own seconds and VmHWM.
        func child(_ mode: String, _ db: String, _ dir: String) throws -> (run: ChildRun, rows: Double, bytes: Double, rss: Double) {
            removeTree(dir)
            let run = try runChild([me, mode, db, dir])
            let fields = run.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            guard run.status == 0, fields.count == 4 else { throw BenchError("\(mode) failed (exit \(run.status)): \(run.stdout)") }
            removeTree(dir)
            return (run, fields[0], fields[1], Double(run.peakRSSBytes ?? Int64(fields[3])) / 1_048_576)
        }
        for run in 1 ... options.repeats {
            let store = try child("_export-store", pair.store, path("export-store"))
            exportedRows = Int(store.rows)
            storeRows.add(store.rows / store.run.seconds)
            storeMB.add(store.bytes / 1e6 / store.run.seconds)
            storeRSS.add(store.rss)
            bytesWritten["store"] = store.bytes

            let c = try child("_export-baseline", pair.baseline, path("export-baseline"))
            if Int(c.rows) != exportedRows { notes.append("check: the C export wrote \(Int(c.rows)) rows, the store \(exportedRows)") }
            cRows.add(c.rows / c.run.seconds)
            cMB.add(c.bytes / 1e6 / c.run.seconds)
            cRSS.add(c.rss)
            bytesWritten["C"] = c.bytes

            let shellOut = path("export-shell.json")
            let shell = try runChild([options.sqlite3, "-json", "-readonly", pair.store, Self.shellExportSQL], stdoutPath: shellOut)
            guard shell.status == 0 else { throw BenchError("\(options.sqlite3) -json failed (exit \(shell.status))") }
            let bytes = Double(fileSize(shellOut))
            shellRows.add(Double(exportedRows) / shell.seconds)
            shellMB.add(bytes / 1e6 / shell.seconds)
            if let rss = shell.peakRSSBytes { shellRSS.add(Double(rss) / 1_048_576) }
            bytesWritten["sqlite3"] = bytes
            unlink(shellOut)
            note("export run \(run)/\(options.repeats): store \(String(format: "%.2f", store.run.seconds)) s, \(String(format: "%.1f", store.rss)) MiB peak; C \(String(format: "%.2f", c.run.seconds)) s, \(String(format: "%.1f", c.rss)) MiB; sqlite3 -json \(String(format: "%.2f", shell.seconds)) s, \(shell.peakRSSBytes.map { String(format: "%.1f", Double($0) / 1_048_576) } ?? "?") MiB")
        }
        let label = "export --full NDJSON (\(exportedRows.grouped) rows)"
        figures.append(Figure(workload: label, metric: "rows/s", store: storeRows, baseline: cRows, baselineName: "C", unit: "rate"))
        figures.append(Figure(workload: label, metric: "rows/s", store: storeRows, baseline: shellRows, baselineName: "sqlite3 -json", unit: "rate"))
        figures.append(Figure(workload: label, metric: "MB/s", store: storeMB, baseline: cMB, baselineName: "C", unit: "rate"))
        figures.append(Figure(workload: label, metric: "MB/s", store: storeMB, baseline: shellMB, baselineName: "sqlite3 -json", unit: "rate"))
        figures.append(Figure(workload: label, metric: "peak RSS MiB", store: storeRSS, baseline: cRSS, baselineName: "C", unit: "size"))
        figures.append(Figure(workload: label, metric: "peak RSS MiB", store: storeRSS, baseline: shellRSS.isEmpty ? nil : shellRSS,
                              baselineName: "sqlite3 -json", unit: "size"))
        let mb = { (key: String) in String(format: "%.0f MB", (bytesWritten[key] ?? 0) / 1e6) }
        dataLines.append("export output: store \(mb("store")), C \(mb("C")), sqlite3 -json \(mb("sqlite3")) (same rows and columns; times ISO, hashes hex)")
        if access(timeTool, X_OK) != 0 {
            notes.append("no \(timeTool): the store's and C's peak RSS are their own VmHWM; the shell's is not measured")
        }
        let ratio = storeRows.median / shellRows.median
        targets.append(TargetCheck(target: "export >= 1.0x sqlite3 -json rows/s", measured: String(format: "%.2fx", ratio), met: ratio >= 1.0))
        targets.append(TargetCheck(target: "export peak RSS < 64 MB (\(pair.chats.grouped) chats)", measured: String(format: "%.1f MiB (max)", storeRSS.max),
                                   met: storeRSS.max * 1_048_576 < 64_000_000))
    }

    /// Child process: what `storectl export --out DIR --full` does, through the library.
    static func childExportStore(db: String, directory: String) throws {
        let store = try Store(path: db)
        let result = try store.export(ExportOptions(directory: directory, format: .ndjson, full: true))
        let files = try FileManager.default.contentsOfDirectory(atPath: result.directory).filter { $0 != "manifest.json" }
        let bytes = try files.reduce(0) { total, name in
            total + ((try FileManager.default.attributesOfItem(atPath: result.directory + "/" + name)[.size] as? Int) ?? 0)
        }
        print("\(result.rows) \(bytes) \(result.elapsedSeconds) \(selfPeakRSS() ?? 0)")
    }

    /// Child process: the C baseline's export.
    static func childExportBaseline(db: String, directory: String) throws {
        var result = baseline_result()
        var error = [CChar](repeating: 0, count: 1024)
        guard baseline_export(db, directory, &result, &error, Int32(error.count)) == 0 else {
            throw BenchError("baseline export: \(message(error))")
        }
        print("\(result.rows) \(result.bytes) \(result.seconds) \(selfPeakRSS() ?? 0)")
    }
}
