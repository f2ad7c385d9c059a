import ArgumentParser
import Foundation
import InteractionService
import InteractionStore

extension StoreCtl {
    /// `storectl serve [--db PATH] [--listen HOST:PORT] [--tokens-file F] [--durable]`.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the store over HTTP: chat servers write events live, the console and reports read (SPEC section 6).",
            discussion: """
                Prints 'listening on http://HOST:PORT' on stderr once it accepts connections. SIGTERM or SIGINT: stops \
                accepting, finishes every request received, commits, closes the store, exits 0. Without a tokens file it \
                listens on loopback addresses only.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Where to listen (default 127.0.0.1:8470; port 0 picks a free one).", valueName: "host:port"))
        var listen: String = "127.0.0.1:8470"
        @Option(name: .customLong("tokens-file"), help: ArgumentHelp("The tokens file: one 'SCOPE NAME SHA256HEX' a line (default $STORECTL_TOKENS_FILE).", valueName: "file"))
        var tokensFile: String?
        @Flag(help: "Run the store with synchronous=FULL: an acknowledged event survives power loss.") var durable = false

        func run() async throws {
            let (host, port) = try Self.parseListen(listen)
            let tokensPath = tokensFile ?? ProcessInfo.processInfo.environment["STORECTL_TOKENS_FILE"].flatMap { $0.isEmpty ? nil : $0 }
            var tokens: TokenTable?
            if let tokensPath {
                do {
                    tokens = try TokenTable(contentsOf: tokensPath)
                } catch {
                    throw CommandFailure(status: .usage, message: error.description)
                }
            } else if !ServiceConfiguration.isLoopback(host) {
                throw CommandFailure(status: .usage, message: "--listen \(listen): without a tokens file serve listens only on a loopback address (127.0.0.1, ::1); pass --tokens-file F to listen on \(host)")
            }
            let store = try database.open()
            try store.setDurable(durable)
            let configuration = ServiceConfiguration(databasePath: database.path, host: host, port: port, tokens: tokens, durable: durable)
            let service = ServiceApplication(configuration: configuration, store: store, controllers: ConsoleRoutes.controllers)
            do {
                try await service.run { host, port in Terminal.printError("listening on http://\(host):\(port)") }
            } catch {
                throw CommandFailure(status: .software, message: "serve stopped: \(error)")
            }
        }

        /// `HOST:PORT`, `[V6]:PORT` or `:PORT` (host 127.0.0.1).
        static func parseListen(_ text: String) throws -> (String, Int) {
            let host: Substring
            let portText: Substring
            if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
                host = text[text.index(after: text.startIndex)..<close]
                let rest = text[text.index(after: close)...]
                guard rest.hasPrefix(":") else { throw usage(text) }
                portText = rest.dropFirst()
            } else {
                guard let colon = text.lastIndex(of: ":") else { throw usage(text) }
                host = text[..<colon]
                portText = text[text.index(after: colon)...]
            }
            guard let port = Int(portText), (0...65535).contains(port) else { throw usage(text) }
            return (host.isEmpty ? "127.0.0.1" : String(host), port)
        }

        private static func usage(_ text: String) -> CommandFailure {
            CommandFailure(status: .usage, message: "--listen \(text) is not HOST:PORT (e.g. 127.0.0.1:8470, [::1]:8470 or :0)")
        }
    }
}
