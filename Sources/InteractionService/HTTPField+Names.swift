import HTTPTypes
import InteractionModel

/// Header names HTTPTypes does not predefine. Both are valid tokens, so the initialiser never
/// fails; the fallback only keeps the code free of force-unwraps.
extension HTTPField.Name {
    /// `Link` (RFC 8288): the next page of a list.
    static var link: HTTPField.Name { HTTPField.Name("Link") ?? .location }
    /// `Last-Event-ID`: where a reconnecting event stream resumes.
    static var lastEventID: HTTPField.Name { HTTPField.Name("Last-Event-ID") ?? .location }
}

extension HTTPField.Name {
    /// `X-Forwarded-Proto`: `https` when a proxy in front terminated TLS (the cookie is then `Secure`).
    static var forwardedProto: HTTPField.Name { HTTPField.Name("X-Forwarded-Proto") ?? .location }
}
