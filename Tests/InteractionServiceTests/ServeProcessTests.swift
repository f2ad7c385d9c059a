import Foundation
import InteractionService
import InteractionStore
import StoreTestSupport
import Testing

/// The real `storectl serve` binary on 127.0.0.1 port 0.
@Suite(.serialized) struct ServeProcessTests {
    /// A demo log (every workflow of SPEC section 1) and its lines.
    static func demoLog(_ directory: TempDirectory, interactions: Int = 12) throws -> (path: String, lines: [String]) {
        let path = directory.path("demo.ndjson")
        let emitted = try StoreCtlRunner.run(["demo", "--interactions", String(interactions), "--seed", "5", "--emit", path])
        #expect(emitted.status == 0, "\(emitted)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return (path, text.split(separator: "\n").map(String.init))
    }

    @Test func ingestOverHTTPGivesTheCLIsDatabaseAndEveryReadEqualsTheCLIsJSON() throws {
        try withTempDirectory(prefix: "serve-ingest") { directory in
            let (path, lines) = try Self.demoLog(directory)
            let cliDB = directory.path("cli.sqlite")
            let imported = try StoreCtlRunner.run(["import", path, "--db", cliDB])
            #expect(imported.status == 0, "\(imported)")

            let serviceDB = directory.path("service.sqlite")
            let server = try ServeProcess(["--db", serviceDB])
            #expect(server.stderr.hasPrefix("listening on http://127.0.0.1:\(server.port)\n"))
            let http = RawHTTP(port: server.port)
            // In batches of 100 lines, in order, so each batch sees the one before.
            for start in stride(from: 0, to: lines.count, by: 100) {
                let batch = lines[start..<min(start + 100, lines.count)].map { $0 + "\n" }.joined()
                let response = try http.request("POST", "/v1/events", headers: ["Content-Type": "application/x-ndjson"], body: Array(batch.utf8))
                #expect(response.status == 200, "\(response.text)")
            }
            let list = try http.request("GET", "/v1/interactions?limit=10000")
            #expect(list.status == 200)
            let ids = ((try JSONSerialization.jsonObject(with: Data(list.body))) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.count >= 12)

            // Every read equals the CLI's --format json over the CLI-imported database, byte for byte.
            var pairs: [(String, [String])] = [
                ("/v1/reports/conferences", ["report", "conferences"]),
                ("/v1/reports/conferences?summary=true", ["report", "conferences", "--summary"]),
                ("/v1/reports/agents?to=2100-01-01T00:00:00Z", ["report", "agents", "--to", "2100-01-01T00:00:00Z"]),
                ("/v1/reports/agents?to=2100-01-01T00:00:00Z&by_reason=true", ["report", "agents", "--to", "2100-01-01T00:00:00Z", "--by-reason"]),
                ("/v1/reports/agents?acw=true", ["report", "agents", "--acw"]),
                ("/v1/reports/dispositions", ["report", "dispositions"]),
                ("/v1/agents", ["agents"]),
                ("/v1/dispositions", ["dispositions", "list"]),
            ]
            for id in ids.prefix(6) {
                let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
                pairs.append(("/v1/interactions/\(encoded)/transcript", ["transcript", id]))
                pairs.append(("/v1/interactions/\(encoded)/audit", ["audit", id]))
            }
            for (route, command) in pairs {
                let served = try http.request("GET", route)
                let printed = try StoreCtlRunner.run(command + ["--db", cliDB, "--format", "json"])
                #expect(served.status == 200, "\(route): \(served.text)")
                #expect(served.headers["content-type"] == "application/json")
                #expect(served.text == printed.stdout, "\(route)")
                let csv = try http.request("GET", route, headers: ["Accept": "text/csv"])
                let printedCSV = try StoreCtlRunner.run(command + ["--db", cliDB, "--format", "csv"])
                #expect(csv.text == printedCSV.stdout, "\(route) as CSV")
            }
            #expect(server.stop(SIGTERM) == 0)
            // The two databases hold the same history.
            for id in ids {
                let a = try StoreCtlRunner.run(["audit", id, "--db", cliDB, "--format", "json"])
                let b = try StoreCtlRunner.run(["audit", id, "--db", serviceDB, "--format", "json"])
                #expect(a.stdout == b.stdout, "\(id)")
            }
            #expect(try StoreCtlRunner.run(["check", "--db", serviceDB]).status == 0)
        }
    }

    @Test func sigtermWhileRequestsAreInFlightStoresEveryAcknowledgedEventAndExits0() throws {
        try withTempDirectory(prefix: "serve-term") { directory in
            let db = directory.path("store.sqlite")
            let server = try ServeProcess(["--db", db])
            let http = RawHTTP(port: server.port)
            var setup = ServiceLog(prefix: "s")
            setup.chat("c1")
            #expect(try http.request("POST", "/v1/events", headers: ["Content-Type": "application/x-ndjson"], body: setup.bytes).status == 200)
            let acknowledged = AcknowledgedIDs()
            let group = DispatchGroup()
            for writer in 0..<8 {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    for index in 0..<400 {
                        let id = "w\(writer)-\(index)"
                        let body = #"{"id":"\#(id)","type":"agent.state","at":"2026-03-02T10:00:00.000Z","agent":"agent-w\#(writer)-\#(index)","state":"ready"}"#
                        guard let response = try? http.request("PUT", "/v1/events/\(id)", headers: ["Content-Type": "application/json"], body: Array(body.utf8)) else { return }
                        if response.status == 201 { acknowledged.add(id) }
                    }
                }
            }
            while acknowledged.count < 50 { usleep(5_000) }
            let status = server.stop(SIGTERM)
            group.wait()
            #expect(status == 0, "\(server.stderr)")
            let store = try Store(path: db)
            let ids = acknowledged.all
            #expect(ids.count >= 50)
            let states = try store.currentAgentStates().map(\.agent)
            let stored = Set(states)
            for id in ids { #expect(stored.contains("agent-" + id), "\(id) was acknowledged but is not stored") }
        }
    }

    @Test func serveRefusesToStartWithExit64OnBadTokensFilesAndNonLoopbackWithoutTokens() throws {
        try withTempDirectory(prefix: "serve-refuse") { directory in
            let db = directory.path("store.sqlite")
            let open = try StoreCtlRunner.run(["serve", "--db", db, "--listen", "0.0.0.0:0"], timeout: 20)
            #expect(open.status == 64)
            #expect(open.stderr.contains("loopback"))

            let tokens = directory.path("tokens")
            try "# comment\n\nread alice \(TokenTable.digestHex(of: "t1"))\nwrite bob nothex\n".write(toFile: tokens, atomically: true, encoding: .utf8)
            chmod(tokens, 0o600)
            let malformed = try StoreCtlRunner.run(["serve", "--db", db, "--listen", "127.0.0.1:0", "--tokens-file", tokens], timeout: 20)
            #expect(malformed.status == 64)
            #expect(malformed.stderr.contains("line 4"))

            try "read alice \(TokenTable.digestHex(of: "t1"))\n".write(toFile: tokens, atomically: true, encoding: .utf8)
            chmod(tokens, 0o640)
            let readable = try StoreCtlRunner.run(["serve", "--db", db, "--listen", "127.0.0.1:0"], environment: ["STORECTL_TOKENS_FILE": tokens], timeout: 20)
            #expect(readable.status == 64)
            #expect(readable.stderr.contains("chmod 600"))

            let badListen = try StoreCtlRunner.run(["serve", "--db", db, "--listen", "nowhere"], timeout: 20)
            #expect(badListen.status == 64)
        }
    }
}

/// The event ids acknowledged with a 2xx, collected from several threads.
final class AcknowledgedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String] = []

    func add(_ id: String) {
        lock.lock()
        ids.append(id)
        lock.unlock()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return ids.count
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return ids
    }
}
