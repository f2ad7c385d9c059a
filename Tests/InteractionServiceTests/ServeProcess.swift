import Foundation
import StoreTestSupport

/// A running `storectl serve` (the real binary) on 127.0.0.1 port 0, for process tests.
final class ServeProcess: @unchecked Sendable {
    // @unchecked: set once in `init`; `output` guards its own state.
    let process = Process()
    let port: Int
    private let output = StderrBox()

    /// Starts serve with `arguments` after `serve` and waits for its listening line.
    /// - Throws: when the line does not come within `timeout` seconds (the process is then killed).
    init(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 30) throws {
        process.executableURL = try StoreCtlRunner.binaryURL()
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["STORECTL_DB"] = nil
        env["STORECTL_TOKENS_FILE"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let found = DispatchSemaphore(value: 0)
        let box = output
        try process.run()
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread {
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                let current = box.append(String(decoding: data, as: UTF8.self))
                if box.port == nil, let range = current.range(of: "listening on http://127.0.0.1:") {
                    let digits = current[range.upperBound...].prefix { $0.isNumber }
                    if let port = Int(digits), current[range.upperBound...].dropFirst(digits.count).first == "\n" {
                        box.port = port
                        found.signal()
                    }
                }
            }
            found.signal()
        }
        _ = found.wait(timeout: .now() + timeout)
        guard let port = box.port else {
            process.terminate()
            process.waitUntilExit()
            throw ServeProcessError.noListeningLine(stderr: box.text)
        }
        self.port = port
    }

    /// Everything serve wrote on stderr so far.
    var stderr: String { output.text }

    /// Sends `signal` and waits for the process to exit; returns its status.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM, timeout: Double = 30) -> Int32 {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// What serve wrote on stderr, and the port once its listening line came.
private final class StderrBox: @unchecked Sendable {
    // @unchecked: everything is guarded by `lock`.
    private let lock = NSLock()
    private var collected = ""
    private var foundPort: Int?

    var port: Int? {
        get { lock.lock(); defer { lock.unlock() }; return foundPort }
        set { lock.lock(); foundPort = newValue; lock.unlock() }
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }

    /// Appends `text` and returns everything so far.
    func append(_ text: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        collected += text
        return collected
    }
}

enum ServeProcessError: Error, CustomStringConvertible {
    case noListeningLine(stderr: String)
    case connection(String)

    var description: String {
        switch self {
        case .noListeningLine(let stderr): return "serve printed no listening line; stderr: \(stderr)"
        case .connection(let text): return text
        }
    }
}

/// A minimal HTTP/1.1 client over a blocking socket (`Connection: close`), for talking to the
/// real server in process tests.
struct RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let port: Int

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> Response {
        let fd = try connect()
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try send(fd, Array(head.utf8) + body)
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += chunk[..<count]
        }
        return try Self.parse(received)
    }

    func connect() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeProcessError.connection("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw ServeProcessError.connection("connect to 127.0.0.1:\(port): errno \(errno)")
        }
        return fd
    }

    func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw ServeProcessError.connection("send: errno \(errno)") }
            offset += sent
        }
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        guard let split = bytes.indices.first(where: { index in index + 3 < bytes.count && bytes[index..<index + 4].elementsEqual([13, 10, 13, 10]) }) else {
            throw ServeProcessError.connection("no complete response head in \(bytes.count) bytes")
        }
        let head = String(decoding: bytes[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(split + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = bytes[index...].firstIndex(of: 13) else { break }
            let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? "", radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd + 2
            guard start + size <= bytes.count else { out += bytes[start...]; break }
            out += bytes[start..<start + size]
            index = start + size + 2
        }
        return out
    }
}
