import Foundation

extension Store {
    /// Writes one export run (SPEC section 4): one file per entity plus `manifest.json`.
    ///
    /// Exactly once: every row is final when it is exported (see `ExportEntity`), and each run
    /// covers the window `(watermark, latest change]`, both read in the same read transaction
    /// as every row, so a writer committing during the run is neither seen nor skipped — it
    /// lands after the window's end and the next run picks it up.
    ///
    /// The steps, so that a failure anywhere leaves no manifest and the watermark where it was:
    /// 1. lock `options.directory` (created 0700 when missing; refused when it holds a manifest);
    /// 2. in one read transaction: read the watermark, the last store head and the latest change;
    ///    then stream every entity, row by row, and last `chains.ndjson`, into a temporary file
    ///    (mode 0600, hashed as written, synced). The hash chain of every interaction the run
    ///    exports is verified from the timeline's rows as they stream (`ChainCheck`: the rows are
    ///    read anyway, so the check costs only the hashing); a broken one stops the run with
    ///    `ExportError.brokenChains` once the timeline is read, while every file still has its
    ///    temporary name: they are removed, and so is a directory the run created — nothing
    ///    reaches the directory;
    /// 3. rename the finished files to their names (a failed run may leave these behind: without
    ///    a manifest they are incomplete, and a rerun into the same directory replaces them);
    /// 4. write the manifest (with `previous_head` and `store_head`, see `StoreHead`) to a
    ///    temporary file, and with `options.signingKey` its signature to another;
    /// 5. in one write transaction: move the watermark and the store head (`… WHERE seq = <the
    ///    watermark read> AND store_head IS <the head read>`, so a concurrent exporter makes this
    ///    run fail instead of overlapping or forking it) and record the run;
    /// 6. rename the manifest into place, then the signature, last.
    ///
    /// A crash between 5 and 6 leaves a recorded run whose complete manifest still has its
    /// temporary name; the next export puts it in place (`ExportResult.recoveredDirectory`).
    ///
    /// `--full` (`options.full`) exports everything final up to now (window `(0, latest]`),
    /// records the run in the history and leaves the watermark alone: the union of all
    /// incremental runs equals a full export taken at the last run's `to_seq`.
    ///
    /// Memory stays flat: rows are streamed from SQLite into a 64 KiB buffer per file.
    ///
    /// ```swift
    /// let result = try store.export(ExportOptions(directory: "exports/2026-11-24"))
    /// print(result.manifest.rows)
    /// ```
    /// - Parameters:
    ///   - options: where, in which format, full or incremental, redacted or not.
    ///   - onProgress: called every 10,000 rows of a file and when a file is complete.
    /// - Returns: the run's id, directory and manifest.
    /// - Throws: `StoreError.unusableOutput` (directory problems), `StoreError.fileFailed`
    ///   (write or rename failures), `ExportError` (a broken chain; a concurrent export;
    ///   a manifest or signature that could not be put in place), `SQLiteError`.
    public func export(_ options: ExportOptions, onProgress: (ExportProgress) -> Void = { _ in }) throws -> ExportResult {
        let began = DispatchTime.now().uptimeNanoseconds
        let startedAt = Clock.nowMilliseconds()
        let recovered = try completeInterruptedExport()
        let directory = try ExportDirectory(options.directory)
        let token = "\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let redactor = options.redact ? Redactor() : nil
        var files: [ExportFile] = []
        var pendingFiles: [ExportFile] = []  // the manifest and its signature, until they are placed
        var recorded = false
        do {
            let snapshot = try read { db -> Snapshot in
                // The first statement opens the snapshot every later SELECT of the run reads.
                let mark = try db.queryOne("SELECT seq, store_head FROM export_watermark WHERE id = 1") {
                    (seq: $0.int64(0), head: $0.optionalString(1))
                }
                let watermark = mark?.seq ?? 0
                let latest = try db.scalarInt("SELECT coalesce(max(seq), 0) FROM events") ?? 0
                let from = options.full ? 0 : watermark
                let to = Swift.max(latest, from)
                try options.afterSnapshot?()

                // The chains of exactly the interactions this run exports, checked as their entries
                // stream into the timeline file; its verdict comes before any file gets its name.
                var check = ChainCheck()
                var verdict = ChainCheck.Result()
                var interactionsInWindow = 0
                for entity in ExportEntity.all + [ExportEntity.chains] {
                    // chains.ndjson is NDJSON in every run: one format for the anchor, whatever the warehouse reads.
                    let format = entity.name == ExportEntity.chains.name ? ExportFormat.ndjson : options.format
                    let file = try ExportFile(directory: directory.path, name: entity.fileName(format), token: token)
                    files.append(file)
                    let encoder = ExportRowEncoder(format: format, columns: entity.columns, redactor: redactor)
                    try file.append(encoder.header)
                    let checksChains = entity.name == ExportEntity.timeline.name
                    try db.forEach(entity.sql, [from, to]) { row in
                        try encoder.write(row, to: file)
                        if checksChains { check.visit(row) }
                        if file.rows % 10_000 == 0 { onProgress(ExportProgress(entity: entity.name, rows: file.rows)) }
                    }
                    if entity.name == ExportEntity.interactions.name { interactionsInWindow = file.rows }
                    if checksChains {
                        // Before the file is synced: a break leaves only temporary files, which the catch below removes.
                        verdict = try check.finish(db, from: from, to: to, interactions: interactionsInWindow)
                        guard verdict.breaks.isEmpty else { throw ExportError.brokenChains(verdict.breaks) }
                    }
                    try file.finish()
                    onProgress(ExportProgress(entity: entity.name, rows: file.rows))
                }
                return Snapshot(from: from, to: to, watermark: watermark, storeHead: mark?.head, check: verdict,
                                verificationSeconds: Double(check.nanoseconds) / 1e9)
            }
            for file in files { try file.publish() }
            directory.sync()

            let chainsSHA256 = files.last?.sha256 ?? ""
            let previousHead = options.full ? nil : (snapshot.storeHead ?? StoreHead.origin)
            let manifest = ExportManifest(
                createdAt: Clock.nowMilliseconds(), format: options.format, full: options.full, redacted: options.redact,
                fromSeq: snapshot.from, toSeq: snapshot.to,
                previousHead: previousHead, storeHead: StoreHead.link(previous: previousHead, chains: chainsSHA256),
                files: zip(ExportEntity.all + [ExportEntity.chains], files).map { entity, file in
                    ExportManifest.File(entity: entity.name, name: file.name, rows: file.rows, bytes: file.byteCount, sha256: file.sha256)
                })
            let text = try manifest.json()
            let pending = try ExportFile(directory: directory.path, name: ExportDirectory.manifestName, token: token)
            pendingFiles.append(pending)
            try pending.append(text)
            try pending.finish()
            var pendingSignature: ExportFile?
            if let key = options.signingKey {
                let signature = try ExportFile(directory: directory.path, name: ExportDirectory.signatureName, token: token)
                pendingFiles.append(signature)
                try signature.append(try key.signature(for: Array(text.utf8)))
                try signature.finish()
                pendingSignature = signature
            }

            try options.beforeFinalStep?()
            let runId = try write { db -> Int64 in
                if !options.full {
                    // Guarded on both: an empty window leaves seq alone, and the head must still move once per run.
                    try db.run("""
                        UPDATE export_watermark SET seq = ?1, store_head = ?2
                        WHERE id = 1 AND seq = ?3 AND store_head IS ?4
                        """, [snapshot.to, manifest.storeHead, snapshot.watermark, snapshot.storeHead])
                    guard db.changes == 1 else {
                        throw ExportError.watermarkMoved(expected: snapshot.watermark,
                                                         found: try db.scalarInt("SELECT seq FROM export_watermark WHERE id = 1"))
                    }
                }
                try db.run("""
                    INSERT INTO export_runs (started_at, finished_at, from_seq, to_seq, format, full, redacted, directory, rows, manifest)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [startedAt, Clock.nowMilliseconds(), snapshot.from, snapshot.to, options.format.rawValue, options.full,
                          options.redact, directory.path, manifest.rows, text])
                return db.lastInsertRowID
            }
            recorded = true
            if let reason = pending.publishWithoutReplacing() {
                throw ExportError.manifestNotPlaced(directory: directory.path, pending: pending.temporaryPath, reason: reason)
            }
            // The signature last: a signed run's signature never names a manifest that is not there.
            if let signature = pendingSignature, let reason = signature.publishWithoutReplacing() {
                throw ExportError.signatureNotPlaced(directory: directory.path, pending: signature.temporaryPath, reason: reason)
            }
            directory.sync()
            return ExportResult(runId: runId, directory: directory.path, manifest: manifest,
                                elapsedSeconds: Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9,
                                chainsVerified: snapshot.check.chains, entriesVerified: snapshot.check.entries,
                                verificationSeconds: snapshot.verificationSeconds,
                                recoveredDirectory: recovered)
        } catch {
            if !recorded {
                for file in files { file.discard() }
                for file in pendingFiles { file.discard() }
                directory.removeIfCreatedAndEmpty()
            }
            throw error
        }
    }

    /// What the run's read transaction fixed.
    private struct Snapshot {
        var from: Int64
        var to: Int64
        var watermark: Int64
        /// The last incremental run's store head, as read with the watermark (nil: none yet).
        var storeHead: String?
        var check: ChainCheck.Result
        var verificationSeconds: Double
    }

    /// Puts the manifest of the latest recorded run in place when a crash kept it from being
    /// renamed: the run's directory has no `manifest.json` but holds a temporary manifest equal
    /// to the text recorded in the history.
    /// - Returns: the directory completed, or nil.
    func completeInterruptedExport() throws -> String? {
        let latest = try read { db in
            try db.queryOne("SELECT directory, manifest FROM export_runs ORDER BY id DESC LIMIT 1") { ($0.string(0), $0.string(1)) }
        }
        guard let (directory, manifest) = latest else { return nil }
        let manifestPath = (directory as NSString).appendingPathComponent(ExportDirectory.manifestName)
        guard !FileManager.default.fileExists(atPath: manifestPath),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        let expected = Data(manifest.utf8)
        let signaturePrefix = ".\(ExportDirectory.signatureName)."
        for name in names.sorted() where name.hasPrefix(".\(ExportDirectory.manifestName).") && !name.hasPrefix(signaturePrefix)
            && name.hasSuffix(".partial") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.contents(atPath: path) == expected else { continue }
            if link(path, manifestPath) == 0 {
                unlink(path)
                // A signed run's signature went to the same token's temporary name; it follows the manifest.
                let token = name.dropFirst(ExportDirectory.manifestName.count + 2).dropLast(".partial".count)
                let signature = (directory as NSString).appendingPathComponent("\(signaturePrefix)\(token).partial")
                if link(signature, (directory as NSString).appendingPathComponent(ExportDirectory.signatureName)) == 0 {
                    unlink(signature)
                }
                let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if fd >= 0 { fsync(fd); close(fd) }
                return directory
            }
        }
        return nil
    }
}
