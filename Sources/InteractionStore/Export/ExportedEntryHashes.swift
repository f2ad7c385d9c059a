import Foundation
import InteractionModel
import EventLog

/// The per-entry hashes an NDJSON run's `timeline.ndjson` holds for a few interactions, so
/// `verify` can name the first entry of a rewritten chain that differs from the export (the
/// chain row alone says only that the head differs).
///
/// Read in one streaming pass; only lines that start with one of the interactions' key prefix
/// (`{"interaction_id":"ID",`, the exporter's exact bytes) are parsed.
enum ExportedEntryHashes {
    /// For each of `interactions` found in the file: seq → hash (hex).
    /// - Throws: `StoreError.fileFailed` when the file cannot be read.
    static func read(_ path: String, interactions: [String]) throws -> [ExactID: [Int64: String]] {
        var prefixes: [[UInt8]: String] = [:]
        for id in interactions { prefixes[Array(("{\"interaction_id\":" + JSONWriter.quote(id) + ",").utf8)] = id }
        let lengths = Set(prefixes.keys.map(\.count))
        var found: [ExactID: [Int64: String]] = [:]
        try forEachLine(path) { line in
            guard let id = lengths.lazy.compactMap({ line.count >= $0 ? prefixes[Array(line.prefix($0))] : nil }).first,
                  case .object(let object)? = try? JSONParser.parse(line),
                  case .number(let seqText)? = object["seq"], let seq = Int64(seqText),
                  case .string(let hash)? = object["hash"] else { return }
            found[ExactID(id), default: [:]][seq] = hash
        }
        return found
    }

    /// Calls `body` with each LF-terminated line's bytes (without the LF), 1 MiB read at a time.
    private static func forEachLine(_ path: String, _ body: ([UInt8]) -> Void) throws {
        var pending: [UInt8] = []
        let exists = try ChunkedFile.forEachChunk(path) { part in
            var start = 0
            for index in 0..<part.count where part[index] == 0x0A {
                pending.append(contentsOf: part[start..<index])
                body(pending)
                pending.removeAll(keepingCapacity: true)
                start = index + 1
            }
            pending.append(contentsOf: part[start..<part.count])
        }
        guard exists else { throw StoreError.fileFailed(.read, path: path, errno: ENOENT) }
    }
}
