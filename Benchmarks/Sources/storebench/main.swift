import CBaseline
import Foundation
import InteractionStore

// storebench: InteractionStore against raw SQLite on the same machine, in the same run.
// See Benchmarks/README.md.

let arguments = Array(CommandLine.arguments.dropFirst())

// Child processes (the export runs under wait4 so that their peak RSS is their own).
if let mode = arguments.first, mode.hasPrefix("_") {
    do {
        switch mode {
        case "_export-store" where arguments.count == 3:
            try Bench.childExportStore(db: arguments[1], directory: arguments[2])
        case "_export-baseline" where arguments.count == 3:
            try Bench.childExportBaseline(db: arguments[1], directory: arguments[2])
        case "_dump" where arguments.count == 3:
            // For profiling the baseline alone: storebench _dump STORE.sqlite ROWS.bin
            var error = [CChar](repeating: 0, count: 1024)
            let rows = baseline_dump(arguments[1], arguments[2], 0, &error, Int32(error.count))
            guard rows >= 0 else { throw BenchError(message(error)) }
            print("\(rows) rows")
        case "_baseline-ingest" where arguments.count == 3:
            // storebench _baseline-ingest NEW.sqlite ROWS.bin (the schema by the store's migration)
            removeDatabase(arguments[1])
            _ = try Store(path: arguments[1])
            var result = baseline_result()
            var error = [CChar](repeating: 0, count: 1024)
            guard baseline_ingest(arguments[1], nil, arguments[2], 0, &result, &error, Int32(error.count)) == 0 else {
                throw BenchError(message(error))
            }
            print("\(result.rows) rows in \(result.seconds) s (\(Double(result.rows) / result.seconds) rows/s)")
        default:
            throw UsageError("unknown child mode \(arguments.joined(separator: " "))")
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("storebench \(mode): \(error)\n".utf8))
        exit(70)
    }
}

let options: Options
do {
    options = try Options.parse(arguments)
} catch {
    FileHandle.standardError.write(Data("storebench: \(error)\n\(Options.usage)\n".utf8))
    exit(64)
}

let work: String
let temporary: Bool
if let dir = options.work {
    work = URL(fileURLWithPath: dir).standardizedFileURL.path
    temporary = false
} else {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("storebench-\(getpid())").path
    temporary = true
}
do {
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
} catch {
    FileHandle.standardError.write(Data("storebench: cannot create \(work): \(error)\n".utf8))
    exit(73)
}

let bench = Bench(options: options, work: work)
let started = now()
let loadBefore = loadAverage()
var failure: Error?
do {
    if options.runs("ingest") || options.runs("append") || options.runs("scaling") { try bench.ensureMain() }
    if options.runs("scaling") { try bench.scaling() }
    if options.runs("append") { try bench.liveAppend() }
    if options.runs("reports") { try bench.reports() }
    if options.runs("export") { try bench.export() }
    if options.runs("serve") { try bench.serve() }
} catch {
    failure = error
    FileHandle.standardError.write(Data("storebench: \(error)\n".utf8))
}
let elapsed = now() - started
bench.dataLines.append("machine load (1-min average) at start \(loadBefore), at end \(loadAverage()): above ~0.5 other work shares the 2 cores and every figure is disturbed")

print(Report(bench: bench, elapsed: elapsed).text)
if let json = options.json {
    do {
        try Report(bench: bench, elapsed: elapsed).json.write(toFile: json, atomically: true, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("storebench: cannot write \(json): \(error)\n".utf8))
    }
}
if temporary {
    removeTree(work)
} else {
    note("data kept in \(work)")
}
exit(failure == nil ? 0 : 70)
