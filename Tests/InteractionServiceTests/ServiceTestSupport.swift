import Foundation
import Hummingbird
import HummingbirdTesting
@testable import InteractionService
import InteractionStore
import StoreTestSupport

/// Builds event logs for the service tests, one event a call, ids `PREFIX-1, PREFIX-2, …`, times
/// one second apart on 2026-03-02 from 09:00:00 (or as given).
struct ServiceLog {
    var prefix = "e"
    private(set) var lines: [String] = []
    private var second = 0

    /// A log whose first event is `start + 1` seconds after 09:00:00.
    init(prefix: String = "e", start: Int = 0) {
        self.prefix = prefix
        self.second = start
    }

    /// The id the next event gets.
    var nextID: String { "\(prefix)-\(lines.count + 1)" }

    /// The text of the whole log, one event a line, each ending with LF.
    var text: String { lines.map { $0 + "\n" }.joined() }

    /// The log's bytes.
    var bytes: [UInt8] { Array(text.utf8) }

    static func time(_ second: Int) -> String {
        String(format: "2026-03-02T%02d:%02d:%02d.000Z", 9 + second / 3600, (second / 60) % 60, second % 60)
    }

    /// Appends one event; `fields` is the JSON of the fields besides id, type and at.
    @discardableResult
    mutating func add(_ type: String, _ fields: String) -> String {
        second += 1
        let line = #"{"id":"\#(nextID)","type":"\#(type)","at":"\#(Self.time(second))",\#(fields)}"#
        lines.append(line)
        return line
    }

    /// A chat with its contact and an owner who says hello.
    mutating func chat(_ chat: String, owner: String = "agent-1") {
        add("chat.started", #""interaction":"\#(chat)","contact":{"id":"cust-\#(chat)","name":"Ann"}"#)
        add("party.joined", #""interaction":"\#(chat)","party":{"kind":"agent","id":"\#(owner)"},"role":"owner""#)
    }

    mutating func message(_ chat: String, from party: String, _ text: String, agentsOnly: Bool = false) {
        add("message", #""interaction":"\#(chat)","party":"\#(party)","text":"\#(text)""# + (agentsOnly ? #","visibility":"agents""# : ""))
    }

    mutating func end(_ chat: String) {
        add("chat.ended", #""interaction":"\#(chat)""#)
    }

    mutating func consultation(_ consultation: String, of chat: String, request: String, from agent: String, to target: String) {
        add("consultation.requested", #""interaction":"\#(consultation)","parent":"\#(chat)","request":"\#(request)","from":"\#(agent)","target":{"kind":"agent","id":"\#(target)"}"#)
        add("consultation.accepted", #""request":"\#(request)","agent":"\#(target)""#)
    }
}

/// A service over a fresh store in a temporary directory, tested through HummingbirdTesting's router client.
struct ServiceFixture {
    let directory: TempDirectory
    let store: Store
    let service: ServiceApplication

    init(tokens: TokenTable? = nil, queueCapacity: Int = 4096, heartbeatSeconds: Double = 15) throws {
        directory = try TempDirectory(prefix: "serve")
        store = try Store(path: directory.databasePath)
        let configuration = ServiceConfiguration(databasePath: directory.databasePath, port: 0, tokens: tokens,
                                                 writeQueueCapacity: queueCapacity, heartbeatSeconds: heartbeatSeconds)
        service = ServiceApplication(configuration: configuration, store: store)
    }

    /// Runs `body` with a client of the router (the writer and the hub run meanwhile).
    func test<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        defer { directory.remove() }
        return try await service.application().test(.router, body)
    }
}

extension TestClientProtocol {
    /// POSTs an NDJSON log.
    func postLog(_ text: String, query: String = "", headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/x-ndjson"
        return try await execute(uri: "/v1/events" + query, method: .post, headers: fields, body: ByteBuffer(string: text))
    }

    /// PUTs one event.
    func putEvent(_ id: String, _ json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/json"
        return try await execute(uri: "/v1/events/" + URIComponent.encode(id), method: .put, headers: fields, body: ByteBuffer(string: json))
    }

    /// GETs `uri`.
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body parsed as a JSON object (problem documents, write results).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}
