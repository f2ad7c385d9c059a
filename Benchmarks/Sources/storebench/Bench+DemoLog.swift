import Foundation
import InteractionStore

/// The demo's logs come from the built `storectl demo --emit`: the generator (InteractionDemo)
/// has package access only, which this separate package cannot reach. Its bytes are the ones
/// the in-process generator wrote before it left the store module.
extension Bench {
    /// The storectl of `--storectl PATH`, else the one beside storebench.
    var storectlPath: String {
        options.storectl ?? (URL(fileURLWithPath: selfExecutable()).deletingLastPathComponent().path + "/storectl")
    }

    /// Writes the demo log of `chats` chats (at least one) and `seed` to `target`.
    /// - Returns: the number of events, as storectl reports it (`wrote N events …`).
    @discardableResult
    func emitDemoLog(chats: Int, seed: UInt64, to target: String) throws -> Int {
        let storectl = storectlPath
        guard access(storectl, X_OK) == 0 else {
            throw BenchError("the demo logs come from \(storectl) demo --emit: build it (swift build -c release --package-path Benchmarks --product storectl) or pass --storectl PATH")
        }
        let err = target + ".err"
        defer { unlink(err) }
        let finished = try reap(try spawn([storectl, "demo", "--emit", target, "--interactions", String(max(1, chats)), "--seed", String(seed)],
                                          stdout: "/dev/null", stderr: err))
        let said = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        guard finished.status == 0,
              let count = said.split(separator: " ").dropFirst().first.flatMap({ Int($0) }), said.hasPrefix("wrote ") else {
            throw BenchError("storectl demo --emit \(target) exited \(finished.status): \(said.suffix(500))")
        }
        return count
    }

    /// The lines of the demo log of `chats` chats and `seed` (no line ends).
    func demoLines(chats: Int, seed: UInt64) throws -> [String] {
        let file = path("demo-\(chats)-\(seed).ndjson")
        try emitDemoLog(chats: chats, seed: seed, to: file)
        defer { unlink(file) }
        return try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}
