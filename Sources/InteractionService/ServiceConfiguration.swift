/// How `storectl serve` runs: where it listens and which store it serves.
public struct ServiceConfiguration: Sendable {
    /// The database file's path.
    public var databasePath: String
    /// The host to listen on (default the loopback address).
    public var host: String
    /// The port (0 picks a free one).
    public var port: Int

    /// A configuration for `databasePath`, listening on `host:port`.
    public init(databasePath: String, host: String = "127.0.0.1", port: Int = 8470) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
    }
}
