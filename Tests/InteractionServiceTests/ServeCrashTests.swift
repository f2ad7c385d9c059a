import Foundation
import InteractionService
import InteractionStore
import StoreTestSupport
import Testing

/// SIGKILL under load: every event acknowledged with a 2xx is in the database, `check` passes,
/// and re-sending everything converges to the store a CLI import of the same logs makes.
@Suite(.serialized) struct ServeCrashTests {
    /// Writer `w`'s log: its own chat with 120 messages, then its end.
    static func log(_ writer: Int) -> ServiceLog {
        var log = ServiceLog(prefix: "w\(writer)")
        log.chat("k\(writer)", owner: "agent-\(writer)")
        for index in 1...120 { log.message("k\(writer)", from: "cust-k\(writer)", "w\(writer) message \(index)") }
        log.end("k\(writer)")
        return log
    }

    @Test func sigkillUnderLoadLosesNoAcknowledgedEventAndResendingConverges() throws {
        try withTempDirectory(prefix: "serve-kill") { directory in
            let db = directory.path("store.sqlite")
            let writers = 6
            let logs = (0..<writers).map(Self.log)
            let server = try ServeProcess(["--db", db])
            let http = RawHTTP(port: server.port)
            let acknowledged = AcknowledgedIDs()
            let group = DispatchGroup()
            for writer in 0..<writers {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    let lines = logs[writer].lines
                    var index = 0
                    while index < lines.count {
                        // Alternate batches of 5 lines and single-event PUTs.
                        if index % 2 == 0 {
                            let batch = lines[index..<min(index + 5, lines.count)]
                            guard let response = try? http.request("POST", "/v1/events", headers: ["Content-Type": "application/x-ndjson"],
                                                                   body: Array(batch.map { $0 + "\n" }.joined().utf8)) else { return }
                            guard response.status == 200 else { return }
                            for offset in batch.indices { acknowledged.add("w\(writer)-\(offset + 1)") }
                            index += batch.count
                        } else {
                            let id = "w\(writer)-\(index + 1)"
                            guard let response = try? http.request("PUT", "/v1/events/\(id)", headers: ["Content-Type": "application/json"],
                                                                   body: Array(lines[index].utf8)) else { return }
                            guard response.status == 201 else { return }
                            acknowledged.add(id)
                            index += 1
                        }
                    }
                }
            }
            while acknowledged.count < 150 { usleep(2_000) }
            kill(server.process.processIdentifier, SIGKILL)
            server.process.waitUntilExit()
            group.wait()
            #expect(server.process.terminationReason == .uncaughtSignal)

            // Every acknowledged event is stored: its entry is in its chat's transcript.
            let store = try Store(path: db)
            let ids = acknowledged.all
            for writer in 0..<writers {
                let chat = "k\(writer)"
                let acked = ids.filter { $0.hasPrefix("w\(writer)-") }.compactMap { Int($0.split(separator: "-").last ?? "") }
                guard let highest = acked.max() else { continue }
                let texts = Set(((try? store.transcript(of: chat)) ?? []).compactMap(\.text))
                for number in acked where number >= 3 && number <= 122 {
                    #expect(texts.contains("w\(writer) message \(number - 2)"), "w\(writer)-\(number) was acknowledged but is not stored")
                }
                if highest >= 2 { #expect(try store.interaction(chat)?.owner == "agent-\(writer)") }
            }
            let check = try StoreCtlRunner.run(["check", "--db", db])
            #expect(check.status == 0, "\(check)")

            // Re-sending everything converges to what one CLI import of the same logs stores.
            let again = try ServeProcess(["--db", db])
            let resend = RawHTTP(port: again.port)
            for log in logs {
                let response = try resend.request("POST", "/v1/events", headers: ["Content-Type": "application/x-ndjson"], body: log.bytes)
                #expect(response.status == 200, "\(response.text)")
            }
            #expect(again.stop() == 0)
            let reference = directory.path("reference.sqlite")
            let path = directory.path("all.ndjson")
            try Data(logs.map(\.text).joined().utf8).write(to: URL(fileURLWithPath: path))
            #expect(try StoreCtlRunner.run(["import", path, "--db", reference]).status == 0)
            for writer in 0..<writers {
                let mine = try StoreCtlRunner.run(["transcript", "k\(writer)", "--db", db, "--format", "json"])
                let theirs = try StoreCtlRunner.run(["transcript", "k\(writer)", "--db", reference, "--format", "json"])
                #expect(mine.stdout == theirs.stdout, "k\(writer)")
                #expect(!mine.stdout.isEmpty)
            }
            #expect(try StoreCtlRunner.run(["check", "--db", db]).status == 0)
        }
    }
}

/// Logging and durability of the real process.
@Suite(.serialized) struct ServeOperationsTests {
    @Test func requestLogsNeverShowTheTokenAndDurableRunsFullSync() throws {
        try withTempDirectory(prefix: "serve-logs") { directory in
            let tokens = directory.path("tokens")
            try "write chat-server \(TokenTable.digestHex(of: "sekret-token-value"))\n".write(toFile: tokens, atomically: true, encoding: .utf8)
            chmod(tokens, 0o600)
            let server = try ServeProcess(["--db", directory.path("store.sqlite"), "--tokens-file", tokens, "--durable"],
                                          environment: ["LOG_LEVEL": "info"])
            let http = RawHTTP(port: server.port)
            #expect(try http.request("GET", "/v1/agents", headers: ["Authorization": "Bearer sekret-token-value"]).status == 200)
            #expect(try http.request("GET", "/v1/agents", headers: ["Authorization": "Bearer wrong-token-value"]).status == 401)
            #expect(try http.request("GET", "/v1/agents").status == 401)
            #expect(server.stop() == 0)
            usleep(300_000)  // the reader thread drains the pipe after the exit
            let log = server.stderr
            #expect(log.contains("/v1/agents"), "request lines are logged at info: \(log)")
            #expect(log.contains("authorization=redacted"))
            #expect(!log.contains("sekret-token-value"))
            #expect(!log.contains("wrong-token-value"))
        }
        try withTempDirectory(prefix: "serve-durable") { directory in
            let store = try Store(path: directory.databasePath)
            #expect(try store.synchronousLevel() == 1)
            try store.setDurable(true)
            #expect(try store.synchronousLevel() == 2)
        }
    }
}
