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
    /// 2. in one read transaction: read the watermark and the latest change, then stream every
    ///    entity, row by row, into a temporary file (mode 0600, hashed as written, synced);
    /// 3. rename the finished files to their names (a failed run may leave these behind: without
    ///    a manifest they are incomplete, and a rerun into the same directory replaces them);
    /// 4. write the manifest to a temporary file;
    /// 5. in one write transaction: move the watermark (`… WHERE seq = <the watermark read>`, so
    ///    a concurrent exporter makes this run fail instead of overlapping it) and record the run;
    /// 6. rename the manifest into place, last.
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
    /// - Throws: `StoreError.cannotCreateOutput` (directory problems, exit 73), `StoreError.io`
    ///   (write or rename failures, exit 74), `ExportError` (a concurrent export; a manifest that
    ///   could not be put in place), `SQLiteError`.
    public func export(_ options: ExportOptions, onProgress: (ExportProgress) -> Void = { _ in }) throws -> ExportResult {
        let began = DispatchTime.now().uptimeNanoseconds
        let startedAt = Clock.nowMilliseconds()
        let recovered = try completeInterruptedExport()
        let directory = try ExportDirectory(options.directory)
        let token = "\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let redactor = options.redact ? Redactor() : nil
        var files: [ExportFile] = []
        var manifestFile: ExportFile?
        var recorded = false
        do {
            let window = try read { db -> (from: Int64, to: Int64, watermark: Int64) in
                // The first statement opens the snapshot every later SELECT of the run reads.
                let watermark = try db.scalarInt("SELECT seq FROM export_watermark WHERE id = 1") ?? 0
                let latest = try db.scalarInt("SELECT coalesce(max(seq), 0) FROM events") ?? 0
                let from = options.full ? 0 : watermark
                let to = Swift.max(latest, from)
                try options.afterSnapshot?()
                for entity in ExportEntity.all {
                    let file = try ExportFile(directory: directory.path, name: entity.fileName(options.format), token: token)
                    files.append(file)
                    let encoder = ExportRowEncoder(format: options.format, columns: entity.columns, redactor: redactor)
                    try file.append(encoder.header)
                    try db.forEach(entity.sql, [from, to]) { row in
                        try encoder.write(row, to: file)
                        if file.rows % 10_000 == 0 { onProgress(ExportProgress(entity: entity.name, rows: file.rows)) }
                    }
                    try file.finish()
                    onProgress(ExportProgress(entity: entity.name, rows: file.rows))
                }
                return (from, to, watermark)
            }
            for file in files { try file.publish() }
            directory.sync()

            let manifest = ExportManifest(
                createdAt: Clock.nowMilliseconds(), format: options.format, full: options.full, redacted: options.redact,
                fromSeq: window.from, toSeq: window.to,
                files: zip(ExportEntity.all, files).map { entity, file in
                    ExportManifest.File(entity: entity.name, name: file.name, rows: file.rows, bytes: file.byteCount, sha256: file.sha256)
                })
            let text = manifest.json()
            let pending = try ExportFile(directory: directory.path, name: ExportDirectory.manifestName, token: token)
            manifestFile = pending
            try pending.append(text)
            try pending.finish()

            try options.beforeFinalStep?()
            let runId = try write { db -> Int64 in
                if !options.full {
                    try db.run("UPDATE export_watermark SET seq = ?1 WHERE id = 1 AND seq = ?2", [window.to, window.watermark])
                    guard db.changes == 1 else {
                        throw ExportError.watermarkMoved(expected: window.watermark,
                                                         found: try db.scalarInt("SELECT seq FROM export_watermark WHERE id = 1"))
                    }
                }
                try db.run("""
                    INSERT INTO export_runs (started_at, finished_at, from_seq, to_seq, format, full, redacted, directory, rows, manifest)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [startedAt, Clock.nowMilliseconds(), window.from, window.to, options.format.rawValue, options.full,
                          options.redact, directory.path, manifest.rows, text])
                return db.lastInsertRowID
            }
            recorded = true
            if let reason = pending.publishWithoutReplacing() {
                throw ExportError.manifestNotPlaced(directory: directory.path, pending: pending.temporaryPath, reason: reason)
            }
            directory.sync()
            return ExportResult(runId: runId, directory: directory.path, manifest: manifest,
                                elapsedSeconds: Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9,
                                recoveredDirectory: recovered)
        } catch {
            if !recorded {
                for file in files { file.discard() }
                manifestFile?.discard()
            }
            throw error
        }
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
        for name in names.sorted() where name.hasPrefix(".\(ExportDirectory.manifestName).") && name.hasSuffix(".partial") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.contents(atPath: path) == expected else { continue }
            if link(path, manifestPath) == 0 {
                unlink(path)
                let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if fd >= 0 { fsync(fd); close(fd) }
                return directory
            }
        }
        return nil
    }
}
