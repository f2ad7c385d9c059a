/// How `storectl serve` runs: where it listens and which store it serves.
package struct ServiceConfiguration: Sendable {
    /// The database file's path.
    package var databasePath: String
    /// The host to listen on (default the loopback address).
    package var host: String
    /// The port (0 picks a free one).
    package var port: Int
    /// The tokens that may call the service; nil: no tokens (loopback only, no auth).
    package var tokens: TokenTable?
    /// `synchronous=FULL`: an acknowledged event survives power loss, not only a crash.
    package var durable: Bool
    /// Write requests that may wait for the writer; one more is answered 503.
    package var writeQueueCapacity: Int
    /// Seconds between comment lines on an idle event stream (SPEC: at most 15).
    package var heartbeatSeconds: Double
    /// Seconds an idle connection stays open.
    package var idleTimeoutSeconds: Int

    /// A configuration for `databasePath`, listening on `host:port`.
    package init(databasePath: String, host: String = "127.0.0.1", port: Int = 8470, tokens: TokenTable? = nil,
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
    package static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
