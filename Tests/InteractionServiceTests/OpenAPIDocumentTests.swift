import Foundation
@testable import InteractionService
import Testing

@Suite struct OpenAPIDocumentTests {
    /// The `path method` pairs the document lists (its own simple YAML layout: a path at two
    /// spaces under `paths:`, a method at four).
    static func documentedRoutes() -> Set<String> {
        var routes = Set<String>()
        var inPaths = false
        var path: String?
        for line in OpenAPIDocument.yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, !line.hasPrefix(" "), !line.isEmpty { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "put", "post", "delete", "patch"].contains(String(method)) { routes.insert("\(method.uppercased()) \(path)") }
            }
        }
        return routes
    }

    @Test func theDocumentListsExactlyTheRoutersRoutes() throws {
        let fixture = try ServiceFixture()
        defer { fixture.directory.remove() }
        _ = fixture.service.buildRouter()
        let registered = Set(fixture.service.environment.routes.all.map { "\($0.method) \($0.path)" })
        #expect(registered.count >= 18)
        #expect(Self.documentedRoutes() == registered)
    }

    @Test func theDocumentIsServed() async throws {
        let fixture = try ServiceFixture()
        try await fixture.test { client in
            let response = try await client.get("/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml")
            #expect(response.text.hasPrefix("openapi: 3.1.0\n"))
        }
    }
}
