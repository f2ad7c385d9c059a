import Crypto
import Foundation
import InteractionStore
import InteractionModel

/// Why a tokens file was refused (serve exits 64).
package struct TokenFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    package enum Problem: Sendable, Equatable {
        /// The file cannot be read (the system's reason).
        case unreadable(String)
        /// Group or others may read the file (its mode, octal).
        case tooOpen(mode: String)
        /// A line is not `SCOPE NAME SHA256HEX` (what is wrong with it).
        case malformed(line: Int, reason: String)
    }

    /// The file's path.
    package var path: String
    /// What is wrong.
    package var problem: Problem

    /// Creates an error.
    package init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// What, where, and what to do.
    package var description: String {
        switch problem {
        case .unreadable(let reason): return "\(path): cannot read the tokens file: \(reason)"
        case .tooOpen(let mode):
            return "\(path): the tokens file has mode \(mode), readable by group or others; run chmod 600 \(path)"
        case let .malformed(line, reason):
            return "\(path): line \(line): \(reason); each line is SCOPE NAME SHA256HEX (SCOPE read or write, the hex SHA-256 of the token)"
        }
    }
}

/// The tokens allowed to call the service, as the tokens file lists them: one a line,
/// `SCOPE NAME SHA256HEX`, blank lines and `#` comments allowed. Only digests are held; a
/// presented token is hashed and compared with every digest in constant time.
package struct TokenTable: Sendable, Equatable {
    /// One allowed token.
    package struct Entry: Sendable, Equatable {
        /// What it may do.
        package var scope: AccessScope
        /// Its name (for logs: never the token).
        package var name: String
        /// SHA-256 of the token.
        package var digest: [UInt8]
    }

    /// The entries, in file order.
    package var entries: [Entry]

    /// A table of `entries`.
    package init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses a tokens file's text.
    /// - Throws: `TokenFileError.Problem.malformed` naming the first bad line (as a `TokenFileError` for `path`).
    package init(text: String, path: String = "tokens") throws(TokenFileError) {
        var entries: [Entry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            func bad(_ reason: String) -> TokenFileError { TokenFileError(path: path, problem: .malformed(line: index + 1, reason: reason)) }
            guard fields.count == 3 else { throw bad("expected 3 fields, found \(fields.count)") }
            guard let scope = AccessScope(rawValue: String(fields[0])) else { throw bad("unknown scope \(JSONWriter.quote(String(fields[0]))) (read or write)") }
            guard let digest = Hex.decode(fields[2]), digest.count == 32 else {
                throw bad("the third field is not 64 hex digits (a SHA-256)")
            }
            entries.append(Entry(scope: scope, name: String(fields[1]), digest: digest))
        }
        self.entries = entries
    }

    /// Reads and parses the tokens file at `path`, refusing it when group or others may read it.
    /// - Throws: `TokenFileError`.
    package init(contentsOf path: String) throws(TokenFileError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TokenFileError(path: path, problem: .unreadable(String(cString: strerror(errno))))
        }
        guard info.st_mode & 0o077 == 0 else {
            throw TokenFileError(path: path, problem: .tooOpen(mode: String(info.st_mode & 0o777, radix: 8)))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw TokenFileError(path: path, problem: .unreadable("not readable UTF-8 text"))
        }
        try self.init(text: text, path: path)
    }

    /// The entry whose digest is the SHA-256 of `token`, or nil. Every entry is compared, each
    /// in constant time, so the time taken says nothing about which digest came close.
    package func entry(forToken token: String) -> Entry? {
        let digest = Array(SHA256.hash(data: Array(token.utf8)))
        var found: Entry?
        for entry in entries {
            var difference: UInt8 = 0
            for (a, b) in zip(entry.digest, digest) { difference |= a ^ b }
            if difference == 0, found == nil { found = entry }
        }
        return found
    }

    /// The hex SHA-256 of `token`, as a tokens file line needs it.
    package static func digestHex(of token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).hexString
    }
}
