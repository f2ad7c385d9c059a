import Crypto
import CryptoExtras
import Foundation

/// The Ed25519 private key that signs export manifests (`storectl export --sign-key F`), read
/// from PKCS#8 PEM as `openssl genpkey -algorithm ed25519` writes it.
///
/// The signature is the raw 64-byte Ed25519 signature of `manifest.json`'s bytes, so that
/// `openssl pkeyutl -verify -pubin -inkey PUB.pem -rawin -in manifest.json -sigfile
/// manifest.json.sig` verifies it without this code.
///
/// ```swift
/// let key = try ExportSigningKey(contentsOf: "/etc/storectl/export-signing.pem")
/// var options = ExportOptions(directory: "exports/2026-11-24")
/// options.signingKey = key
/// ```
package struct ExportSigningKey: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    /// Reads the key at `path`. The file is opened once and its mode checked on the open file, so
    /// what is read is what was checked.
    /// - Throws: `ExportKeyError`: missing or unreadable (missing), readable by group or others (usage),
    ///   not an Ed25519 PKCS#8 PEM private key (data).
    package init(contentsOf path: String) throws(ExportKeyError) {
        let text = try KeyFile.read(path, privateKey: true)
        do {
            key = try Curve25519.Signing.PrivateKey(pemRepresentation: text)
        } catch {
            throw .invalid(path: path, expected: "an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----, as `openssl genpkey -algorithm ed25519` writes it)")
        }
    }

    init(key: Curve25519.Signing.PrivateKey) { self.key = key }

    /// The public half, in the PEM form `openssl pkey -pubout` writes.
    package var publicKeyPEM: String { key.publicKey.pemRepresentation }

    /// The raw 64-byte Ed25519 signature of `bytes`.
    /// - Throws: what BoringSSL reports (not expected for a valid key).
    func signature(for bytes: [UInt8]) throws -> [UInt8] {
        Array(try key.signature(for: bytes))
    }

    /// A new random key as PKCS#8 PEM, for tests and examples.
    static func generatePEM() -> String { Curve25519.Signing.PrivateKey().pemRepresentation }
}

/// The Ed25519 public key that checks export signatures (`storectl verify --public-key P`),
/// read from the PEM form `openssl pkey -pubout` writes (`-----BEGIN PUBLIC KEY-----`).
package struct ExportPublicKey: Sendable {
    private let key: Curve25519.Signing.PublicKey

    /// Reads the key at `path`.
    /// - Throws: `ExportKeyError`: missing or unreadable (missing), not an Ed25519 public key (data).
    package init(contentsOf path: String) throws(ExportKeyError) {
        let text = try KeyFile.read(path, privateKey: false)
        do {
            key = try Curve25519.Signing.PublicKey(pemRepresentation: text)
        } catch {
            throw .invalid(path: path, expected: "an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----, as `openssl pkey -pubout` writes it)")
        }
    }

    /// True when `signature` is a valid Ed25519 signature of `bytes` by this key.
    func isValidSignature(_ signature: [UInt8], for bytes: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: bytes)
    }
}

/// Reading a key file: one open, the mode checked on the descriptor, at most 64 KiB read.
private enum KeyFile {
    static func read(_ path: String, privateKey: Bool) throws(ExportKeyError) -> String {
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
