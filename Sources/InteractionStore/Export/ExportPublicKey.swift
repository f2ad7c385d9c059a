import Crypto
import CryptoExtras

/// The Ed25519 public key that checks export signatures (`storectl verify --public-key P`),
/// read from the PEM form `openssl pkey -pubout` writes (`-----BEGIN PUBLIC KEY-----`).
package struct ExportPublicKey: Sendable {
    private let key: Curve25519.Signing.PublicKey

    /// Reads the key at `path`.
    /// - Throws: `ExportKeyError`: missing or unreadable (missing), not an Ed25519 public key (data).
    package init(contentsOf path: String) throws(ExportKeyError) {
        key = try KeyFile.parse(path, .publicKey, as: Curve25519.Signing.PublicKey.init(pemRepresentation:))
    }

    /// True when `signature` is a valid Ed25519 signature of `bytes` by this key.
    func isValidSignature(_ signature: [UInt8], for bytes: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: bytes)
    }
}
