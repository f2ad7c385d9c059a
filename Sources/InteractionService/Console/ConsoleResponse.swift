import HTTPTypes
import Hummingbird
import InteractionConsole
import InteractionStore

/// How console pages answer: HTML under `Content-Security-Policy: default-src 'self'`, errors as
/// HTML pages people can read (the API's errors stay problem+json).
enum ConsoleResponse {
    /// The policy of every page and asset: nothing but our own origin, no inline script or style.
    static let contentSecurityPolicy = "default-src 'self'"

    /// The headers every console response carries.
    static func headers(contentType: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[.contentSecurityPolicy] = contentSecurityPolicy
        fields[.xContentTypeOptions] = "nosniff"
        if let referrerPolicy = HTTPField.Name("Referrer-Policy") { fields[referrerPolicy] = "same-origin" }
        return fields
    }

    /// A page.
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var fields = headers(contentType: "text/html; charset=utf-8")
        // Transcripts are personal data: no copy in shared caches or the browser's disk cache.
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// An embedded asset (cacheable: it changes only with the binary).
    static func asset(_ asset: ConsoleAsset) -> Response {
        var fields = headers(contentType: asset.contentType)
        fields[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: asset.body)))
    }

    /// An error page.
    static func error(status: HTTPResponse.Status, title: String, detail: String, showsLogout: Bool) -> Response {
        page(ErrorPage.document(status: Int(status.code), title: title, detail: detail, showsLogout: showsLogout), status: status)
    }

    /// A query value that cannot be used: 400.
    static func badQuery(_ error: ConsoleQueryError, showsLogout: Bool) -> Response {
        Self.error(status: .badRequest, title: "Bad request", detail: error.description, showsLogout: showsLogout)
    }

    /// Unknown (or purged) interaction: 404; anything else the store refuses: 422.
    static func storeError(_ error: StoreError, showsLogout: Bool) -> Response {
        switch error {
        case .unknownInteraction, .purgedInteraction:
            return Self.error(status: .notFound, title: "Not found", detail: error.description, showsLogout: showsLogout)
        default:
            // The API's wording (it names the query parameter to change), the same on both.
            return Self.error(status: .unprocessableContent, title: "Cannot show this", detail: ProblemError.from(error).detail,
                              showsLogout: showsLogout)
        }
    }

    /// The query string as name → value (the last value of a repeated name wins).
    static func query(_ request: Request) -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { values[String(name)] = String(value) }
        return values
    }
}
