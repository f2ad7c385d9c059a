/// A file the console serves from the binary itself (no CDN, no external host).
package struct ConsoleAsset: Sendable {
    /// The path it is served at.
    package let path: String
    /// Its `Content-Type`.
    package let contentType: String
    /// Its bytes, as text.
    package let body: String
}
