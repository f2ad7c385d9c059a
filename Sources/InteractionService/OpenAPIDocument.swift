/// The OpenAPI 3.1 document of the service, written by hand in `Resources/openapi.yaml` (embedded in
/// the binary) and served at `/openapi.yaml`. `OpenAPIDocumentTests` keeps it true: its paths and
/// methods must equal the router's; schemathesis (`Tests/Scripts/schemathesis.sh`) checks the
/// live server's answers against it.
enum OpenAPIDocument {
    /// The document's text, as served.
    static let yaml = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)
}
