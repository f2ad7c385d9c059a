import Foundation
import StoreSQLite
import InteractionModel
import EventLog

/// What `storectl verify` found for the export runs it was given.
package struct ExportVerification: Sendable {
    /// An interaction of a run that the store no longer holds because a purge removed it, with
    /// the head that purge recorded equal to the run's: reported, and no problem.
    package struct Purged: Sendable, Equatable, CustomStringConvertible {
        /// The run's directory, as given.
        package var directory: String
        /// The interaction.
        package var interaction: String
        /// The purge that removed it.
        package var purge: Int64
        /// When that purge ran.
        package var purgedAt: Int64

        /// One line saying so.
        package var description: String {
            "\(directory): interaction \(interaction): purged by purge #\(purge) at \(Timestamp.format(purgedAt)); the head it recorded matches the export"
        }
    }

    /// Runs (directories) checked.
    package var runs = 0
    /// Files checked against their manifests.
    package var files = 0
    /// Chain rows checked against the store.
    package var chains = 0
    /// Entries recomputed from the store.
    package var entries = 0
    /// Interactions found purged, with matching heads.
    package var purged: [Purged] = []
    /// Everything that does not hold, in the order found (directory by directory).
    package var problems: [ExportProblem] = []
}

extension Store {
    /// Checks export runs against their manifests and this store (SPEC section 4, `storectl verify`).
    ///
    /// For each directory, in the order given: every file the manifest lists against its row
    /// count, size and SHA-256; with `publicKey`, `manifest.json.sig` against `manifest.json`'s
    /// bytes; `store_head` against `previous_head` and `chains.ndjson` (`StoreHead`); for an
    /// incremental run after another incremental run given before it, its `previous_head`
    /// against that run's `store_head`; and every row of `chains.ndjson` against the store: the
    /// interaction's stored entries 1…`seq`, hashed again from their content (never from the
    /// stored hashes), must end in the row's `head`, with no entry missing and none after
    /// `seq`. So an entry rewritten with every later hash recomputed is found, and so is one
    /// deleted or added. An interaction a purge removed passes when the purge recorded the
    /// same head (`ExportVerification.purged`). Everything is read in one read transaction.
    ///
    /// ```swift
    /// let found = try store.verifyExports(["exports/2026-11-23", "exports/2026-11-24"])
    /// for problem in found.problems { print(problem) }
    /// ```
    /// - Parameters:
    ///   - directories: the runs' directories; consecutive incremental runs in the order written.
    ///   - publicKey: checks each run's signature when given.
    /// - Returns: the counts, the purged interactions and every problem.
    /// - Throws: `StoreError.missingInput` for a directory or manifest that does not
    ///   exist, before anything is checked; `StoreError.fileFailed` for a file that cannot be read;
    ///   `SQLiteError`.
    package func verifyExports(_ directories: [String], publicKey: ExportPublicKey? = nil) throws -> ExportVerification {
        for directory in directories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw StoreError.missingInput(directory)
            }
            let manifest = (directory as NSString).appendingPathComponent(ExportDirectory.manifestName)
            guard FileManager.default.fileExists(atPath: manifest) else { throw StoreError.missingInput(manifest) }
        }
        return try read { db in
            var verifier = RunVerifier(db: db, publicKey: publicKey)
            for directory in directories { try verifier.verify(directory) }
            return verifier.result
        }
    }
}

/// The checks of `verifyExports`, run by run.
private struct RunVerifier {
    let db: Connection
    let publicKey: ExportPublicKey?
    var result = ExportVerification()
    /// The last incremental run checked: its directory and store head.
    private var previousIncremental: (directory: String, storeHead: String)?
    /// Each purged interaction's latest purge (id, time, recorded head), loaded when first needed.
    private var purgedHeads: [ExactID: (purge: Int64, at: Int64, head: String?)]?
    private var hasher = ChainHasher(columns: .init(interaction: 0, seq: 1, at: 2, kind: 3, party: 4, text: 5,
                                                    visibility: 6, reason: 7, by: 8))

    init(db: Connection, publicKey: ExportPublicKey?) {
        self.db = db
        self.publicKey = publicKey
    }

    private mutating func problem(_ directory: String, _ subject: ExportProblem.Subject, _ kind: ExportProblem.Kind) {
        result.problems.append(ExportProblem(directory: directory, subject: subject, kind: kind))
    }

    mutating func verify(_ directory: String) throws {
        result.runs += 1
        let manifestPath = (directory as NSString).appendingPathComponent(ExportDirectory.manifestName)
        let manifestBytes = try Self.contents(manifestPath) ?? []
        let manifest: ReadManifest
        do {
            manifest = try ReadManifest(manifestBytes)
        } catch {
            problem(directory, .file(ExportDirectory.manifestName), .manifestUnreadable(reason: error.reason))
            previousIncremental = nil
            return
        }
        if let publicKey {
            let signaturePath = (directory as NSString).appendingPathComponent(ExportDirectory.signatureName)
            if let signature = try Self.contents(signaturePath) {
                if signature.count != 64 || !publicKey.isValidSignature(signature, for: manifestBytes) {
                    problem(directory, .file(ExportDirectory.signatureName), .signatureInvalid(bytes: signature.count))
                }
            } else {
                problem(directory, .file(ExportDirectory.signatureName), .signatureMissing)
            }
        }

        var chainsSHA256: String?
        var timeline: String?  // an NDJSON timeline file whose bytes are the ones listed
        for file in manifest.files {
            result.files += 1
            let path = (directory as NSString).appendingPathComponent(file.name)
            guard let digest = try ExportFileDigest.read(path, csv: file.name.hasSuffix(".csv")) else {
                problem(directory, .file(file.name), .fileMissing)
                continue
            }
            if digest.sha256 != file.sha256 {
                problem(directory, .file(file.name), .sha256Differs(actual: digest.sha256, listed: file.sha256))
            }
            if digest.bytes != file.bytes { problem(directory, .file(file.name), .bytesDiffer(actual: digest.bytes, listed: file.bytes)) }
            if digest.rows != file.rows { problem(directory, .file(file.name), .rowsDiffer(actual: digest.rows, listed: file.rows)) }
            if file.entity == ExportEntity.chains.name { chainsSHA256 = digest.sha256 }
            if file.entity == ExportEntity.timeline.name, file.name.hasSuffix(".ndjson"), digest.sha256 == file.sha256 { timeline = path }
        }

        guard manifest.files.contains(where: { $0.entity == ExportEntity.chains.name && $0.name == Self.chainsName }) else {
            problem(directory, .file(ExportDirectory.manifestName), .noChains)
            previousIncremental = nil
            return
        }
        checkHeads(directory, manifest, chainsSHA256: chainsSHA256)
        if chainsSHA256 != nil {  // else the file is missing, and reported
            let first = result.problems.count
            try checkChains(directory, (directory as NSString).appendingPathComponent(Self.chainsName))
            if let timeline { try pinpoint(problemsFrom: first, timeline: timeline) }
        }
    }

    private static let chainsName = ExportEntity.chains.fileName(.ndjson)

    /// `store_head` against `previous_head` and the chains file; the link to the run before.
    private mutating func checkHeads(_ directory: String, _ manifest: ReadManifest, chainsSHA256: String?) {
        let manifestFile = ExportProblem.Subject.file(ExportDirectory.manifestName)
        let wellFormed = manifest.full ? manifest.previousHead == nil : manifest.previousHead.map(StoreHead.isWellFormed) == true
        if !wellFormed {
            problem(directory, manifestFile, .previousHeadMalformed(found: manifest.previousHead))
        } else if let chainsSHA256 {
            let computed = StoreHead.link(previous: manifest.previousHead, chains: chainsSHA256)
            if computed != manifest.storeHead {
                problem(directory, manifestFile, .storeHeadDiffers(recorded: manifest.storeHead, computed: computed))
            }
        }
        guard !manifest.full else { return }
        if let previous = previousIncremental, manifest.previousHead != previous.storeHead {
            problem(directory, manifestFile, .notLinked(found: manifest.previousHead, directory: previous.directory,
                                                        expected: previous.storeHead))
        }
        previousIncremental = (directory, manifest.storeHead)
    }

    /// Every row of `chains.ndjson` against the store.
    private mutating func checkChains(_ directory: String, _ path: String) throws {
        guard let bytes = try Self.contents(path) else { return }
        var line = 0
        for rowBytes in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            line += 1
            guard let row = Self.chainRow(Array(rowBytes)) else {
                problem(directory, .file(Self.chainsName), .chainRowMalformed(line: line))
                continue
            }
            result.chains += 1
            try checkChain(directory, row)
        }
        if bytes.last.map({ $0 != 0x0A }) == true {
            problem(directory, .file(Self.chainsName), .chainRowMalformed(line: line + 1))
        }
    }

    private struct ChainRow {
        var interaction: String
        var seq: Int64
        var head: String
    }

    private static func chainRow(_ bytes: [UInt8]) -> ChainRow? {
        guard case .object(let object)? = try? JSONParser.parse(bytes), object.members.count == 3,
              case .string(let interaction)? = object["interaction"],
              case .number(let seqText)? = object["seq"], let seq = Int64(seqText), seq >= 0,
              case .string(let head)? = object["head"], StoreHead.isWellFormed(head) else { return nil }
        return ChainRow(interaction: interaction, seq: seq, head: head)
    }

    /// The stored entries 1…seq of one interaction, hashed again from their content.
    private mutating func checkChain(_ directory: String, _ row: ChainRow) throws {
        let subject = ExportProblem.Subject.interaction(row.interaction)
        var previous = HashChain.genesis
        var computed = HashChain.genesis
        var expected: Int64 = 1
        var gap: Int64?
        var last: Int64 = 0
        var any = false
        let hasher = self.hasher
        var entries = 0
        try db.forEach("""
            SELECT interaction_id, seq, at, kind, party_id, text, visibility, reason, by_party
            FROM timeline WHERE interaction_id = ? ORDER BY seq
            """, [row.interaction]) { entry in
            any = true
            let seq = entry.int64(1)
            last = seq
            guard seq <= row.seq else { return }
            if gap == nil, seq != expected { gap = expected }
            hasher.link(previous: previous, row: entry, into: &computed)
            swap(&previous, &computed)
            expected = seq + 1
            entries += 1
        }
        self.hasher = hasher
        result.entries += entries
        if !any, try db.scalarInt("SELECT count(*) FROM interactions WHERE id = ?", [row.interaction]) == 0 {
            try checkPurged(directory, row)
            return
        }
        if let gap {
            problem(directory, subject, .entryMissing(entry: gap, seq: row.seq))
        } else if expected - 1 < row.seq {
            problem(directory, subject, .entriesMissing(stored: expected - 1, seq: row.seq))
        } else if previous.hexString != row.head {
            problem(directory, subject, .headDiffers(seq: row.seq, computed: previous.hexString, exported: row.head, entry: nil))
        }
        if last > row.seq { problem(directory, subject, .entriesAdded(seq: row.seq, last: last)) }
    }

    /// Names, for each rewritten chain among `problems[first...]`, the first entry whose hash
    /// recomputed from the store differs from the hash the run's timeline.ndjson holds.
    private mutating func pinpoint(problemsFrom first: Int, timeline: String) throws {
        let rewritten = result.problems.indices.dropFirst(first).filter {
            if case .headDiffers = result.problems[$0].kind { return true } else { return false }
        }
        guard !rewritten.isEmpty else { return }
        let ids = rewritten.compactMap { index -> String? in
            if case .interaction(let id) = result.problems[index].subject { return id } else { return nil }
        }
        let exported = try ExportedEntryHashes.read(timeline, interactions: ids)
        for index in rewritten {
            guard case .interaction(let id) = result.problems[index].subject,
                  case let .headDiffers(seq, computed, head, nil) = result.problems[index].kind,
                  let hashes = exported[ExactID(id)] else { continue }
            var previous = HashChain.genesis
            var hash = HashChain.genesis
            var differing: Int64?
            let hasher = self.hasher
            try db.forEach("""
                SELECT interaction_id, seq, at, kind, party_id, text, visibility, reason, by_party
                FROM timeline WHERE interaction_id = ? AND seq <= ? ORDER BY seq
                """, [id, seq]) { entry in
                guard differing == nil else { return }
                hasher.link(previous: previous, row: entry, into: &hash)
                if hashes[entry.int64(1)] != hash.hexString { differing = entry.int64(1) }
                swap(&previous, &hash)
            }
            result.problems[index].kind = .headDiffers(seq: seq, computed: computed, exported: head, entry: differing)
        }
    }

    /// An interaction the store does not hold: purged with the same head, or a problem.
    private mutating func checkPurged(_ directory: String, _ row: ChainRow) throws {
        if purgedHeads == nil {
            var heads: [ExactID: (purge: Int64, at: Int64, head: String?)] = [:]
            try db.forEach("SELECT p.id, p.purged_at, h.key, h.value FROM purges p, json_each(p.chain_heads) h ORDER BY p.id") { purge in
                heads[ExactID(purge.string(2))] = (purge.int64(0), purge.int64(1), purge.optionalString(3))
            }
            purgedHeads = heads
        }
        guard let record = purgedHeads?[ExactID(row.interaction)] else {
            problem(directory, .interaction(row.interaction), .interactionUnknown)
            return
        }
        // An interaction without entries has no recorded head; its export head is the genesis.
        let recorded = record.head ?? HashChain.genesis.hexString
        if recorded == row.head {
            result.purged.append(.init(directory: directory, interaction: row.interaction, purge: record.purge, purgedAt: record.at))
        } else {
            problem(directory, .interaction(row.interaction),
                    .purgedHeadDiffers(purge: record.purge, purgedAt: record.at, recorded: recorded, exported: row.head))
        }
    }

    /// The file's bytes, nil when it does not exist.
    private static func contents(_ path: String) throws -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.fileFailed(.read, path: path, errno: nil)
        }
        return [UInt8](data)
    }
}
