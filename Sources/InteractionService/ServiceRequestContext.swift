import Hummingbird
import Logging

/// The request context of every route of the service: Hummingbird's core storage, the caller's
/// authenticated scope (set by `AuthMiddleware`) and the body size limit.
package struct ServiceRequestContext: RequestContext {
    /// Hummingbird's per-request storage (parameters, logger, endpoint path).
    package var coreContext: CoreRequestContextStorage
    /// What the caller may do: nil before authentication; `.write` for everyone when the
    /// service runs without tokens (loopback only).
    package var scope: AccessScope?
    /// The authenticated token's name (from the tokens file), for logs; never the token.
    package var tokenName: String?
    /// The largest body a route collects (SPEC: 16 MiB, a larger one is 413).
    package var maxUploadSize: Int { ServiceRequestContext.maxBodyBytes }

    /// The body limit of every request (16 MiB).
    package static let maxBodyBytes = 16 << 20

    /// Creates the context of a new request.
    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        scope = nil
        tokenName = nil
    }
}
