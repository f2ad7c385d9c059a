import Foundation

/// Reading a key file: one open, the mode checked on the descriptor, at most 64 KiB read.
enum KeyFile {
    /// Which half of an Ed25519 key pair a file holds.
    enum Kind {
        /// The signing key: it must not be readable by group or others.
        case privateKey
        /// The verifying key.
        case publicKey

        /// What the file should hold, for the error when it does not.
        var expected: String {
            switch self {
            case .privateKey: "an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----, as `openssl genpkey -algorithm ed25519` writes it)"
            case .publicKey: "an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----, as `openssl pkey -pubout` writes it)"
            }
        }
    }

    /// The key at `path` made by `make` from the file's text; a text `make` refuses is
    /// `ExportKeyError.invalid` naming what a `kind` file should hold.
    static func parse<Key>(_ path: String, _ kind: Kind, as make: (String) throws -> Key) throws(ExportKeyError) -> Key {
        let text = try read(path, privateKey: kind == .privateKey)
        do {
            return try make(text)
        } catch {
            throw .invalid(path: path, expected: kind.expected)
        }
    }

    private static func read(_ path: String, privateKey: Bool) throws(ExportKeyError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let mode = UInt32(status.st_mode & 0o7777)
        if privateKey, mode & 0o044 != 0 { throw .readableByOthers(path: path, mode: mode) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= 65_536 {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
