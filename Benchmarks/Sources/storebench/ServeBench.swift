import CBaseline
import Foundation
import InteractionStore

/// The serve workload (issue 12, point 8): `storectl serve` as a child process on 127.0.0.1
/// port 0, wrk and curl as clients, against baselines in the same run. Server CPU comes from
/// /proc/PID/stat (the serve child) or this process's CPU (the null-route server runs here and
/// this process does nothing else meanwhile); client CPU from wait4 of wrk and curl.
extension Bench {
    /// Connections of the single-event PUT runs; the target is checked at 16.
    static let putConnections = [1, 16, 64]
    /// Chats in each PUT connection's own demo log (its own seed, so its own ids, agents, chats):
    /// connection 1 carries the whole 1-connection run, 2–16 share the 16-connection run, the rest
    /// join for 64; sized so that no connection runs out within 5 s (it would wrap into repeats).
    static func putChats(connection: Int) -> Int { connection == 1 ? 600 : connection <= 16 ? 300 : 100 }

    func serve() throws {
        let storectl = storectlPath
        for tool in [storectl, "/usr/bin/wrk", "/usr/bin/curl"] where access(tool, X_OK) != 0 {
            throw BenchError("serve needs \(tool) (storectl: swift build -c release --package-path Benchmarks --product storectl; wrk: apt-get install wrk)")
        }
        let script = path("put.lua")
        try wrkScript.write(toFile: script, atomically: true, encoding: .utf8)
        let seconds = options.serveSeconds

        // Data: the disposition codes (sent before every timed run, not timed), one demo log
        // per PUT connection and per batch connection, each of its own seed.
        var defines: [String] = []
        for line in try demoLines(chats: 1, seed: options.seed) {
            if line.contains("\"type\":\"disposition.defined\"") { defines.append(line) }
        }
        let definesFile = path("defines.ndjson")
        try (defines.joined(separator: "\n") + "\n").write(toFile: definesFile, atomically: true, encoding: .utf8)
        let putDirectory = path("put")
        try FileManager.default.createDirectory(atPath: putDirectory, withIntermediateDirectories: true)
        var putEvents = 0
        for connection in 1 ... (Self.putConnections.max() ?? 1) {
            var text = ""
            for line in try demoLines(chats: Self.putChats(connection: connection), seed: options.seed + UInt64(connection)) {
                guard !line.contains("\"type\":\"disposition.defined\""), let id = eventID(line) else { continue }
                text += id + "\t" + line + "\n"
                putEvents += 1
            }
            try text.write(toFile: "\(putDirectory)/conn-\(connection).txt", atomically: true, encoding: .utf8)
        }
        note("serve: \(putEvents.grouped) single events in \(Self.putConnections.max() ?? 1) per-connection logs")
        let batchConnections = 4
        var batchFiles: [[String]] = []
        var batchEvents = 0
        var importLog = defines.joined(separator: "\n") + "\n"
        for connection in 1 ... batchConnections {
            var lines: [String] = []
            for line in try demoLines(chats: options.batchChats, seed: options.seed + 100 + UInt64(connection)) {
                if !line.contains("\"type\":\"disposition.defined\"") { lines.append(line) }
            }
            batchEvents += lines.count
            var files: [String] = []
            for start in stride(from: 0, to: lines.count, by: 1000) {
                let file = path("batch-\(connection)-\(files.count).ndjson")
                let body = lines[start ..< min(start + 1000, lines.count)].joined(separator: "\n") + "\n"
                try body.write(toFile: file, atomically: true, encoding: .utf8)
                importLog += body
                files.append(file)
            }
            batchFiles.append(files)
        }
        let importFile = path("serve-import.ndjson")
        try importLog.write(toFile: importFile, atomically: true, encoding: .utf8)
        note("serve: \(batchEvents.grouped) events in 1,000-event batches over \(batchConnections) connections")

        // 1. Batch POSTs against storectl import of the same events.
        let importDB = path("serve-import.sqlite")
        removeDatabase(importDB)
        let importStart = now()
        let importRun = try reap(try spawn([storectl, "import", importFile, "--db", importDB],
                                           stdout: path("import.out"), stderr: path("import.err")))
        let importSeconds = now() - importStart
        guard importRun.status == 0 else { throw BenchError("storectl import exited \(importRun.status): \(tail(path("import.err")))") }
        let importRate = Double(batchEvents + defines.count) / importSeconds

        let batchServer = try startServer(storectl: storectl, name: "serve-batch", durable: false, defines: definesFile)
        let batchCPU0 = processCPU(batchServer.pid)
        let batchStart = now()
        var curls: [pid_t] = []
        for (index, files) in batchFiles.enumerated() {
            curls.append(try spawn(curlBatches(url: "http://127.0.0.1:\(batchServer.port)/v1/events", batches: files),
                                   stdout: path("curl-\(index).out"), stderr: path("curl-\(index).err")))
        }
        var batchClientCPU = 0.0
        for (index, pid) in curls.enumerated() {
            let finished = try reap(pid)
            batchClientCPU += finished.cpu
            let codes = ((try? String(contentsOfFile: path("curl-\(index).out"), encoding: .utf8)) ?? "").split(separator: "\n")
            guard finished.status == 0, codes.count == batchFiles[index].count, codes.allSatisfy({ $0 == "200" }) else {
                throw BenchError("batch connection \(index + 1): curl exited \(finished.status), statuses \(Set(codes).sorted())")
            }
        }
        let batchSeconds = now() - batchStart
        let batchServerCPU = processCPU(batchServer.pid) - batchCPU0
        try stopServer(batchServer)
        let batchRate = Double(batchEvents) / batchSeconds
        let batchName = "serve: 1,000-event POST /v1/events, 4 connections (\(batchEvents.grouped) events)"
        add(batchName, "events/s", batchRate, importRate, "storectl import", "rate")
        add(batchName, "server CPU-s (client CPU-s: curl \(batchClientCPU.short))", batchServerCPU, importRun.cpu, "storectl import", "seconds")
        let batchRatio = batchRate / importRate
        targets.append(TargetCheck(target: "serve: batch POSTs >= 0.8x storectl import events/s", measured: String(format: "%.2fx", batchRatio), met: batchRatio >= 0.8))

        // 2. Single-event PUTs at 1, 16, 64 connections against the null route.
        let nullPort = try NullServer.start()
        for connections in Self.putConnections {
            let server = try startServer(storectl: storectl, name: "serve-put-\(connections)", durable: false, defines: definesFile)
            let cpu0 = processCPU(server.pid)
            let store = try runWrk(url: "http://127.0.0.1:\(server.port)", connections: connections, seconds: seconds,
                                   directory: putDirectory, script: script, scratch: path("wrk-put-\(connections)"))
            let serverCPU = processCPU(server.pid) - cpu0
            try stopServer(server)
            let nullCPU0 = cpuSeconds()
            let floor = try runWrk(url: "http://127.0.0.1:\(nullPort)", connections: connections, seconds: seconds,
                                   directory: putDirectory, script: script, scratch: path("wrk-null-\(connections)"))
            let nullCPU = cpuSeconds() - nullCPU0
            let name = "serve: PUT /v1/events/{id}, \(connections) connection\(connections == 1 ? "" : "s")"
            add(name, "requests/s", store.rate, floor.rate, "null route", "rate")
            add(name, "p50 ms", store.p50ms, floor.p50ms, "null route", "ms")
            add(name, "p99 ms", store.p99ms, floor.p99ms, "null route", "ms")
            add(name, "server CPU-s", serverCPU, nullCPU, "null route", "seconds")
            add(name, "client (wrk) CPU-s", store.clientCPU, floor.clientCPU, "null route", "seconds")
            describe(store, name: "\(connections) connections, serve")
            describe(floor, name: "\(connections) connections, null route")
            if connections == 16 {
                let ratio = store.rate / floor.rate
                targets.append(TargetCheck(target: "serve: PUTs at 16 connections >= 0.5x null route requests/s",
                                           measured: String(format: "%.2fx", ratio), met: ratio >= 0.5 && store.other == 0))
                targets.append(TargetCheck(target: "serve: PUTs at 16 connections p99 < 25 ms",
                                           measured: String(format: "%.1f ms", store.p99ms), met: store.p99ms < 25))
            }
        }

        // 3. Durable PUTs at 16 connections against raw C, one event per commit, synchronous=FULL.
        let durable = try startServer(storectl: storectl, name: "serve-durable", durable: true, defines: definesFile)
        let durableCPU0 = processCPU(durable.pid)
        let stored = try runWrk(url: "http://127.0.0.1:\(durable.port)", connections: 16, seconds: seconds,
                                directory: putDirectory, script: script, scratch: path("wrk-durable"))
        let durableCPU = processCPU(durable.pid) - durableCPU0
        try stopServer(durable)
        describe(stored, name: "16 connections, serve --durable")
        let dump = try dumpRows(from: durable.db, name: "rows-durable.bin", afterSeq: 0)
        let rawDB = path("raw-durable.sqlite")
        try createSchema(rawDB)
        baseline_set_durable(1, Double(seconds))
        defer { baseline_set_durable(0, 0) }
        let raw = try baselineIngest(rows: dump.path, into: rawDB, perEventCommit: true)
        baseline_set_durable(0, 0)
        let rawRate = Double(raw.commits) / raw.seconds
        let durableName = "serve --durable: PUT, 16 connections"
        add(durableName, "requests/s (raw C: commits/s)", stored.rate, rawRate, "C, FULL, 1 event/commit", "rate")
        add(durableName, "p99 ms", stored.p99ms, .nan, "–", "ms")
        add(durableName, "server CPU-s (client CPU-s: wrk \(stored.clientCPU.short))", durableCPU, raw.cpu_seconds, "C, FULL, 1 event/commit", "seconds")
        let durableRatio = stored.rate / rawRate
        targets.append(TargetCheck(target: "serve --durable: PUTs at 16 connections >= 2x raw C one-fsync commits/s",
                                   measured: String(format: "%.2fx", durableRatio), met: durableRatio >= 2 && stored.other == 0))
        dataLines.append("serve: every PUT run lasts \(seconds) s (wrk, one thread per connection, each connection its own demo log (600, 300 or 100 chats, see ServeBench.swift)); the server is `\(storectl) serve` started afresh on an empty store for each run")
    }

    private func add(_ workload: String, _ metric: String, _ store: Double, _ baseline: Double, _ baselineName: String, _ unit: String) {
        figures.append(Figure(workload: workload, metric: metric, store: Samples(values: [store]),
                              baseline: baseline.isNaN ? nil : Samples(values: [baseline]), baselineName: baselineName, unit: unit))
    }

    private func describe(_ run: WrkResult, name: String) {
        let line = "\(name): \(run.requests.grouped) requests in \(String(format: "%.1f", run.seconds)) s: 201 \(run.created.grouped), 200 \(run.repeats.grouped), other \(run.other.grouped), socket errors \(run.socketErrors)"
        note(line)
        if run.repeats > 0 || run.other > 0 || run.socketErrors > 0 { notes.append(line) }
    }

    /// A running `storectl serve` on a new store, the disposition codes already posted.
    struct Server {
        var pid: pid_t
        var port: Int
        var db: String
    }

    private func startServer(storectl: String, name: String, durable: Bool, defines: String) throws -> Server {
        let db = path(name + ".sqlite")
        removeDatabase(db)
        let err = path(name + ".err")
        let pid = try spawn([storectl, "serve", "--db", db, "--listen", "127.0.0.1:0"] + (durable ? ["--durable"] : []),
                            stdout: path(name + ".out"), stderr: err)
        let deadline = now() + 60
        var port = 0
        while port == 0 {
            let text = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                port = Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0
            }
            if port == 0 {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { throw BenchError("storectl serve exited: \(tail(err))") }
                guard now() < deadline else { kill(pid, SIGKILL); throw BenchError("storectl serve did not start: \(tail(err))") }
                usleep(20_000)
            }
        }
        let server = Server(pid: pid, port: port, db: db)
        let post = try reap(try spawn(curlBatches(url: "http://127.0.0.1:\(port)/v1/events", batches: [defines]),
                                      stdout: path(name + ".defines"), stderr: path(name + ".defines.err")))
        let code = (try? String(contentsOfFile: path(name + ".defines"), encoding: .utf8)) ?? ""
        guard post.status == 0, code.hasPrefix("200") else { try? stopServer(server); throw BenchError("posting the disposition codes: \(code)") }
        return server
    }

    /// SIGTERM, then waits: serve drains, commits and exits 0.
    private func stopServer(_ server: Server) throws {
        kill(server.pid, SIGTERM)
        let finished = try reap(server.pid)
        guard finished.status == 0 else { throw BenchError("storectl serve exited \(finished.status) on SIGTERM") }
    }

    private func tail(_ file: String) -> String {
        String(((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").suffix(500))
    }
}

/// The `id` of a demo event line (`{"id":"…",…`).
func eventID(_ line: String) -> String? {
    let prefix = "{\"id\":\""
    guard line.hasPrefix(prefix) else { return nil }
    let rest = line.dropFirst(prefix.count)
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<end])
}
