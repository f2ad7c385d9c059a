import Foundation

// The HTTP clients of the serve workload: wrk (single-event PUTs, one thread per connection so
// that each connection sends its own chats in order) and curl (1,000-event batch POSTs, one
// process per connection, keep-alive across its batches). Their CPU comes from wait4.

/// The wrk script: thread N (one connection) replays `DIR/conn-N.txt` ("id<TAB>json" lines) as
/// `PUT /v1/events/{id}`; wraps around when it runs out (the repeats then show as 200s); `done`
/// prints one line of figures.
let wrkScript = """
    local counter = 0
    local threads = {}
    function setup(thread)
      counter = counter + 1
      thread:set("id", counter)
      table.insert(threads, thread)
    end
    function init(args)
      paths = {}
      bodies = {}
      for line in io.lines(args[1] .. "/conn-" .. id .. ".txt") do
        local tab = string.find(line, "\\t", 1, true)
        table.insert(paths, "/v1/events/" .. string.sub(line, 1, tab - 1))
        table.insert(bodies, string.sub(line, tab + 1))
      end
      index = 0
      c200 = 0; c201 = 0; cother = 0
    end
    function request()
      index = index + 1
      if index > #paths then index = 1 end
      return wrk.format("PUT", paths[index], {["Content-Type"] = "application/json"}, bodies[index])
    end
    function response(status, headers, body)
      if status == 201 then c201 = c201 + 1 elseif status == 200 then c200 = c200 + 1 else cother = cother + 1 end
    end
    function done(summary, latency, requests)
      local a, b, c = 0, 0, 0
      for _, t in ipairs(threads) do a = a + t:get("c201"); b = b + t:get("c200"); c = c + t:get("cother") end
      io.write(string.format("WRK %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
        latency:percentile(50), latency:percentile(99), a, b, c,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
    end
    """

/// What one wrk run measured.
struct WrkResult {
    var requests: Int
    var seconds: Double
    var p50ms: Double
    var p99ms: Double
    var created: Int
    var repeats: Int
    var other: Int
    var socketErrors: Int
    var clientCPU: Double
    var rate: Double { Double(requests) / seconds }
}

/// A child's exit status and CPU seconds (user + system, from wait4).
struct Finished {
    var status: Int32
    var cpu: Double
}

/// Starts `arguments` (absolute program path) with stdout and stderr to the given files.
func spawn(_ arguments: [String], stdout: String, stderr: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
    guard code == 0 else { throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(code)))") }
    return pid
}

/// Waits for a child and returns its exit status and the CPU it used.
func reap(_ pid: pid_t) throws -> Finished {
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard errno == EINTR else { throw BenchError("wait4 \(pid) failed") }
    }
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Finished(status: exited, cpu: cpu)
}

/// CPU seconds (utime + stime) of a running process, from /proc/PID/stat.
func processCPU(_ pid: pid_t) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = text.lastIndex(of: ")") else { return .nan }
    // Fields after "(comm)": state is field 3, utime 14, stime 15.
    let fields = text[text.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// Runs wrk against `url` with `connections` connections (one thread each) for `seconds`,
/// replaying the files in `directory`.
func runWrk(url: String, connections: Int, seconds: Int, directory: String, script: String, scratch: String) throws -> WrkResult {
    let out = scratch + ".out", err = scratch + ".err"
    let pid = try spawn(["/usr/bin/wrk", "-t\(connections)", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s",
                         "-s", script, url, "--", directory], stdout: out, stderr: err)
    let finished = try reap(pid)
    let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    guard finished.status == 0, let line = text.split(separator: "\n").first(where: { $0.hasPrefix("WRK ") }) else {
        let stderrText = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        throw BenchError("wrk failed (status \(finished.status)): \(text.suffix(400)) \(stderrText.suffix(400))")
    }
    let v = line.split(separator: " ").dropFirst().compactMap { Double($0) }
    guard v.count == 8 else { throw BenchError("wrk printed \(line)") }
    return WrkResult(requests: Int(v[0]), seconds: v[1] / 1e6, p50ms: v[2] / 1000, p99ms: v[3] / 1000,
                     created: Int(v[4]), repeats: Int(v[5]), other: Int(v[6]), socketErrors: Int(v[7]), clientCPU: finished.cpu)
}

/// A curl command that POSTs every file of `batches` to `url` in order over one connection and
/// prints each status code on a line.
func curlBatches(url: String, batches: [String]) -> [String] {
    var arguments = ["/usr/bin/curl", "-s", "--http1.1"]
    for (index, file) in batches.enumerated() {
        if index > 0 { arguments.append("--next") }
        arguments += ["-o", "/dev/null", "-w", "%{http_code}\\n", "-H", "Content-Type: application/x-ndjson", "-H", "Expect:",
                      "--data-binary", "@" + file, url]
    }
    return arguments
}
