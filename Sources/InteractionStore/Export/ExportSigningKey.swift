import Crypto
import CryptoExtras

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
        key = try KeyFile.parse(path, .privateKey, as: Curve25519.Signing.PrivateKey.init(pemRepresentation:))
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
