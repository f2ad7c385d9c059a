import InteractionModel
/// One thing `storectl verify` found that does not hold, in one export run's directory.
package struct ExportProblem: Sendable, Equatable, CustomStringConvertible, RemedyWorded {
    /// What the problem is about.
    package enum Subject: Sendable, Equatable {
        /// A file of the run (its name), `manifest.json` and `manifest.json.sig` included.
        case file(String)
        /// An interaction of the run's `chains.ndjson`.
        case interaction(String)
    }

    /// What differs.
    package enum Kind: Sendable, Equatable {
        /// `manifest.json` is not a manifest this binary reads (`reason`).
        case manifestUnreadable(reason: String)
        /// The manifest lists the file but the directory does not hold it.
        case fileMissing
        /// The file's SHA-256 is `actual`, the manifest lists `listed`.
        case sha256Differs(actual: String, listed: String)
        /// The file has `actual` bytes, the manifest lists `listed`.
        case bytesDiffer(actual: Int, listed: Int)
        /// The file has `actual` rows, the manifest lists `listed`.
        case rowsDiffer(actual: Int, listed: Int)
        /// The manifest lists no `chains.ndjson` (a run written before exports were anchored).
        case noChains
        /// `previous_head` is not what the run's kind needs (null for `--full`, 64 hex digits else).
        case previousHeadMalformed(found: String?)
        /// `store_head` is `recorded`, but the run's `previous_head` and `chains.ndjson` give `computed`.
        case storeHeadDiffers(recorded: String, computed: String)
        /// `previous_head` is `found`, but the incremental run given before it (`directory`) has store head `expected`.
        case notLinked(found: String?, directory: String, expected: String)
        /// Line `line` of `chains.ndjson` is not a `{"interaction","seq","head"}` row.
        case chainRowMalformed(line: Int)
        /// With `--public-key`: there is no `manifest.json.sig`.
        case signatureMissing
        /// With `--public-key`: the signature does not verify (`bytes`: its size).
        case signatureInvalid(bytes: Int)
        /// The store holds no such interaction and no purge recorded it.
        case interactionUnknown
        /// A purge (`purge`, at `purgedAt`) recorded head `recorded` for it, not the export's `exported`.
        case purgedHeadDiffers(purge: Int64, purgedAt: Int64, recorded: String, exported: String)
        /// Entry `entry` of the exported chain (`seq` entries) is not in the store.
        case entryMissing(entry: Int64, seq: Int64)
        /// The store holds fewer entries (`stored`, numbered without gaps) than the export's `seq`.
        case entriesMissing(stored: Int64, seq: Int64)
        /// The store's entries 1…`seq` hash to `computed`, the export's head is `exported`;
        /// `entry`: the first entry whose hash differs from the run's timeline.ndjson, when the
        /// run has one (NDJSON) that names it.
        case headDiffers(seq: Int64, computed: String, exported: String, entry: Int64?)
        /// The store holds entries after the export's last (`seq`), up to `last`.
        case entriesAdded(seq: Int64, last: Int64)
    }

    /// The run's directory, as given.
    package var directory: String
    /// The file or interaction.
    package var subject: Subject
    /// What differs.
    package var kind: Kind

    /// One line: the directory, the file or interaction, what differs.
    package var description: String { message(.library) }

    /// One line, its remedies worded by `wording`.
    package func message(_ wording: RemedyWording) -> String {
        let about: String
        switch subject {
        case .file(let name): about = name
        case .interaction(let id): about = "interaction \(id)"
        }
        return "\(directory): \(about): \(what(wording))"
    }

    private func what(_ wording: RemedyWording) -> String {
        switch kind {
        case .manifestUnreadable(let reason):
            return "not a manifest \(wording.reader) can read (\(reason))"
        case .fileMissing:
            return "missing: the manifest lists it"
        case let .sha256Differs(actual, listed):
            return "sha256 is \(actual), the manifest lists \(listed): the file was changed"
        case let .bytesDiffer(actual, listed):
            return "\(actual) bytes, the manifest lists \(listed)"
        case let .rowsDiffer(actual, listed):
            return "\(actual) rows, the manifest lists \(listed)"
        case .noChains:
            return "lists no chains.ndjson: the run was written before exports were anchored, and cannot be verified against the store"
        case .previousHeadMalformed(let found):
            return "previous_head is \(found ?? "null"): \(wording.fullRun) has null, an incremental run 64 hex digits"
        case let .storeHeadDiffers(recorded, computed):
            return "store_head is \(recorded), but previous_head and chains.ndjson give \(computed)"
        case let .notLinked(found, directory, expected):
            return "previous_head is \(found ?? "null"), but the incremental run given before it, \(directory), has store_head \(expected): the runs are not consecutive, or one was changed"
        case .chainRowMalformed(let line):
            return "chains.ndjson line \(line) is not a row {\"interaction\": ID, \"seq\": N, \"head\": HEX}"
        case .signatureMissing:
            return "missing: \(wording.signatureNeeded)"
        case .signatureInvalid(let bytes):
            return bytes == 64
                ? "the signature does not verify with the public key: manifest.json was changed, or signed with another key"
                : "\(bytes) bytes, not a 64-byte Ed25519 signature"
        case .interactionUnknown:
            return "not in the store, and no purge recorded it: it was deleted outside \(wording.purge)"
        case let .purgedHeadDiffers(purge, purgedAt, recorded, exported):
            return "purged by purge #\(purge) at \(Timestamp.format(purgedAt)) with chain head \(recorded), but the export's head is \(exported)"
        case let .entryMissing(entry, seq):
            return "entry \(entry) of the exported \(seq) is not in the store: it was deleted since the export"
        case let .entriesMissing(stored, seq):
            return "the store holds \(stored) of the exported \(seq) entries: entries were deleted since the export"
        case let .headDiffers(seq, computed, exported, entry?):
            return "the store's entries 1–\(seq) hash to \(computed), the export's head is \(exported): entry \(entry) was changed since the export (the first whose hash differs from timeline.ndjson)"
        case let .headDiffers(seq, computed, exported, nil):
            return "the store's entries 1–\(seq) hash to \(computed), the export's head is \(exported): an entry was changed since the export"
        case let .entriesAdded(seq, last):
            return "the store holds entries \(seq + 1)–\(last) after the exported \(seq): entries were added since the export"
        }
    }
}
