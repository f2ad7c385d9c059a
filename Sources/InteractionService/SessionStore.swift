import Foundation
import InteractionModel

/// The console's sessions: a random id in the cookie maps to the scope of the token that
/// logged in, so the token itself is never stored in the browser or sent again.
final class SessionStore: @unchecked Sendable {
    // @unchecked: `sessions` is guarded by `lock`.

    /// A logged-in session.
    struct Session: Sendable {
        var scope: AccessScope
        var name: String
        var expires: Date
    }

    /// The cookie's name.
    static let cookieName = "storectl_session"
    /// How long a session lasts.
    static let lifetime: TimeInterval = 12 * 3600

    private let lock = NSLock()
    private var sessions: [String: Session] = [:]

    /// Opens a session for a token's scope and returns its id (256 random bits, hex).
    func open(scope: AccessScope, name: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        sessions = sessions.filter { $0.value.expires > now }
        sessions[id] = Session(scope: scope, name: name, expires: now.addingTimeInterval(Self.lifetime))
        return id
    }

    /// The live session `id`, or nil.
    func session(_ id: String) -> Session? {
        lock.lock()
        defer { lock.unlock() }
        guard let session = sessions[id], session.expires > Date() else { return nil }
        return session
    }

    /// Ends the session `id`.
    func close(_ id: String) {
        lock.withLock { sessions[id] = nil }
    }
}
