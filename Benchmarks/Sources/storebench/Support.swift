import Foundation

/// Repeated measurements of one figure: reported as median and min–max.
struct Samples: Codable {
    var values: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }
    var isEmpty: Bool { values.isEmpty }
    var median: Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }

    /// The same samples mapped (e.g. seconds → rows/s).
    func map(_ transform: (Double) -> Double) -> Samples { Samples(values: values.map(transform)) }
}

/// Wall-clock seconds since an arbitrary origin (monotonic).
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `body` and returns its result and the wall-clock seconds it took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = now()
    let result = try body()
    return (result, now() - start)
}

/// Progress on stderr.
func note(_ message: String) {
    FileHandle.standardError.write(Data("storebench: \(message)\n".utf8))
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a child process cost: wall seconds and peak resident set.
struct ChildRun {
    var seconds: Double
    /// Peak RSS from `/usr/bin/time -f %M` when it is there, else nil.
    var peakRSSBytes: Int64?
    var status: Int32
    var stdout: String
}

/// GNU time, which reports its child's peak RSS. (`wait4`'s `ru_maxrss` cannot be used
/// directly: `posix_spawn` starts the child in the parent's address space, whose high-water
/// mark the kernel carries over at exec, so every child would show the benchmark's own RSS.)
let timeTool = "/usr/bin/time"

/// Spawns `arguments` (the first one is the program, looked up on PATH when it has no slash)
/// under `/usr/bin/time` when available, waits for it, and measures its wall time and peak RSS.
/// Stdout goes to `stdoutPath` if given, else is captured (small outputs only).
func runChild(_ arguments: [String], stdoutPath: String? = nil) throws -> ChildRun {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("storebench-child-\(getpid())-\(UInt32.random(in: 0 ... .max))").path
    let capture = stdoutPath == nil ? scratch + ".out" : nil
    let outPath = stdoutPath ?? capture!
    var command = arguments
    var rssFile: String?
    if access(timeTool, X_OK) == 0 {
        rssFile = scratch + ".rss"
        command = [timeTool, "-f", "%M", "-o", rssFile!] + arguments
    }
    defer {
        if let capture { unlink(capture) }
        if let rssFile { unlink(rssFile) }
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let started = now()
    let code = command[0].contains("/")
        ? posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        : posix_spawnp(&pid, command[0], &actions, nil, argv, environ)
    guard code == 0 else { throw BenchError("cannot start \(command[0]): \(String(cString: strerror(code)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else { throw BenchError("waitpid \(command[0]) failed") }
    }
    let seconds = now() - started
    let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let output = capture.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
    // GNU time writes "Command exited with non-zero status N" before the figure on failure.
    let kilobytes = rssFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?
        .split(separator: "\n").last.flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    return ChildRun(seconds: seconds, peakRSSBytes: kilobytes.map { $0 * 1024 }, status: exited, stdout: output)
}

/// This process's peak RSS (`VmHWM` in /proc/self/status), in bytes.
func selfPeakRSS() -> Int64? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    let digits = line.split(separator: " ").compactMap { Int64($0) }.first
    return digits.map { $0 * 1024 }
}

/// This executable's path, for child runs of itself.
func selfExecutable() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if count > 0 { return message(buffer) }
    return CommandLine.arguments[0]
}

/// Removes a database file with its -wal and -shm files.
func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
}

func removeTree(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// Bytes of a file plus its -wal (the database's size on disk).
func fileSize(_ path: String) -> Int64 {
    var info = stat()
    return stat(path, &info) == 0 ? Int64(info.st_size) : 0
}

/// Sums the sizes of the regular files in a directory.
func directoryBytes(_ path: String) -> Int64 {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.reduce(0) { $0 + fileSize(path + "/" + $1) }
}

extension Double {
    /// A rate or count with thousands separators, no fraction.
    var grouped: String {
        guard isFinite else { return "–" }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: self)) ?? String(format: "%.0f", self)
    }

    /// Three significant digits, thousands separators above 1000.
    var short: String {
        guard isFinite else { return "–" }
        let magnitude = Swift.abs(self)
        if magnitude >= 1000 { return grouped }
        if magnitude >= 100 { return String(format: "%.0f", self) }
        if magnitude >= 10 { return String(format: "%.1f", self) }
        if magnitude >= 1 { return String(format: "%.2f", self) }
        return String(format: "%.3f", self)
    }
}

extension Int {
    var grouped: String { Double(self).grouped }
}

/// The text of a NUL-terminated C buffer.
func message(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}

/// CPU seconds (user + system) this process has used so far: a figure that other load on the
/// machine disturbs less than wall time.
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The 1-minute load average (other work on the machine disturbs every figure).
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
}
