/// How `storectl serve` runs: where it listens and which store it serves.
public struct ServiceConfiguration: Sendable {
    /// The database file's path.
    public var databasePath: String
    /// The host to listen on (default the loopback address).
    public var host: String
    /// The port (0 picks a free one).
    public var port: Int
    /// The tokens that may call the service; nil: no tokens (loopback only, no auth).
    public var tokens: TokenTable?
    /// `synchronous=FULL`: an acknowledged event survives power loss, not only a crash.
    public var durable: Bool
    /// Write requests that may wait for the writer; one more is answered 503.
    public var writeQueueCapacity: Int
    /// Seconds between comment lines on an idle event stream (SPEC: at most 15).
    public var heartbeatSeconds: Double
    /// Seconds an idle connection stays open.
    public var idleTimeoutSeconds: Int

    /// A configuration for `databasePath`, listening on `host:port`.
    public init(databasePath: String, host: String = "127.0.0.1", port: Int = 8470, tokens: TokenTable? = nil,
                durable: Bool = false, writeQueueCapacity: Int = 4096, heartbeatSeconds: Double = 15,
                idleTimeoutSeconds: Int = 75) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.tokens = tokens
        self.durable = durable
        self.writeQueueCapacity = writeQueueCapacity
        self.heartbeatSeconds = heartbeatSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }

    /// True when `host` is a loopback address (`127.0.0.0/8`, `::1`, `localhost`): the only
    /// hosts serve may listen on without a tokens file.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
