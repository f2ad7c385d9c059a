import Foundation
import Hummingbird
import HummingbirdTesting
@testable import InteractionService
import InteractionStore
import Testing

@Suite struct AuthRouteTests {
    static let tokens = (try? TokenTable(text: """
        # the reporting job
        read reports \(TokenTable.digestHex(of: "read-secret"))

        write chat-server \(TokenTable.digestHex(of: "write-secret"))
        """)) ?? TokenTable(entries: [])

    @Test func theTokensFileParsesScopesNamesAndDigestsAndNamesABadLine() throws {
        #expect(Self.tokens.entries.map(\.name) == ["reports", "chat-server"])
        #expect(Self.tokens.entry(forToken: "write-secret")?.scope == .write)
        #expect(Self.tokens.entry(forToken: "read-secret")?.scope == .read)
        #expect(Self.tokens.entry(forToken: "guess") == nil)
        #expect(throws: TokenFileError(path: "tokens", problem: .malformed(line: 2, reason: "unknown scope \"admin\" (read or write)"))) {
            try TokenTable(text: "\nadmin x \(TokenTable.digestHex(of: "a"))\n")
        }
        #expect(throws: TokenFileError(path: "tokens", problem: .malformed(line: 1, reason: "expected 3 fields, found 2"))) {
            try TokenTable(text: "read x\n")
        }
        #expect(throws: TokenFileError(path: "tokens", problem: .malformed(line: 1, reason: "the third field is not 64 hex digits (a SHA-256)"))) {
            try TokenTable(text: "read x abc\n")
        }
    }

    @Test func withTokensAnAPIPathNeedsABearerTokenAndAReadTokenCannotWrite() async throws {
        let fixture = try ServiceFixture(tokens: Self.tokens)
        var log = ServiceLog()
        log.chat("c1")
        let store = fixture.store
        let logText = log.text
        try await fixture.test { client in
            let missing = try await client.get("/v1/agents")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            #expect(missing.headers[.contentType] == "application/problem+json")
            let unknown = try await client.get("/v1/agents", headers: [.authorization: "Bearer guess"])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.headers[.wwwAuthenticate] == "Bearer")
            #expect(!unknown.text.contains("guess"))
            #expect(try await client.get("/openapi.yaml").status == .unauthorized)
            #expect(try await client.get("/v1/agents", headers: [.authorization: "Bearer read-secret"]).status == .ok)
            let forbidden = try await client.postLog(logText, headers: [.authorization: "Bearer read-secret"])
            #expect(forbidden.status == .forbidden)
            #expect(try store.interaction("c1") == nil)
            let written = try await client.postLog(logText, headers: [.authorization: "Bearer write-secret"])
            #expect(written.status == .ok)
            #expect(try await client.get("/v1/interactions/c1/transcript", headers: [.authorization: "Bearer write-secret"]).status == .ok)
            for open in ["/healthz", "/readyz", "/metrics"] {
                #expect(try await client.get(open).status == .ok, "\(open)")
            }
        }
    }

    @Test func pagesRedirectToLoginAndALoginSetsAnHttpOnlySessionCookieNotTheToken() async throws {
        let fixture = try ServiceFixture(tokens: Self.tokens)
        try await fixture.test { client in
            let page = try await client.get("/")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login")
            let form = try await client.get("/login")
            #expect(form.status == .ok && form.text.contains(#"name="token""#))

            let form401 = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "token=wrong"))
            #expect(form401.status == .unauthorized)
            #expect(form401.headers[.setCookie] == nil)
            #expect(form401.text.contains(#"name="token""#))

            let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "token=read-secret"))
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/")
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"))
            #expect(!cookie.contains("read-secret"))
            let session = String(cookie.split(separator: ";")[0])

            // The cookie reads the API with the token's scope, and cannot write with it.
            #expect(try await client.get("/v1/agents", headers: [.cookie: session]).status == .ok)
            #expect(try await client.postLog("", headers: [.cookie: session]).status == .forbidden)

            let secure = try await client.execute(uri: "/login", method: .post,
                                                  headers: [.contentType: "application/x-www-form-urlencoded", .forwardedProto: "https"],
                                                  body: ByteBuffer(string: "token=write-secret"))
            #expect(secure.headers[.setCookie]?.contains("; Secure") == true)

            let logout = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: session])
            #expect(logout.status == .seeOther)
            #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.get("/v1/agents", headers: [.cookie: session]).status == .unauthorized)
        }
    }

    @Test func withoutTokensEverythingIsOpenAndOnlyLoopbackHostsAreAllowed() async throws {
        #expect(ServiceConfiguration.isLoopback("127.0.0.1"))
        #expect(ServiceConfiguration.isLoopback("127.1.2.3"))
        #expect(ServiceConfiguration.isLoopback("::1"))
        #expect(ServiceConfiguration.isLoopback("[::1]"))
        #expect(ServiceConfiguration.isLoopback("localhost"))
        #expect(!ServiceConfiguration.isLoopback("0.0.0.0"))
        #expect(!ServiceConfiguration.isLoopback("10.0.0.1"))
        #expect(!ServiceConfiguration.isLoopback("::"))
        let fixture = try ServiceFixture()
        try await fixture.test { client in
            let read = try await client.get("/v1/agents")
            #expect(read.status == .ok)
            let write = try await client.postLog("")
            #expect(write.status == .ok)
        }
    }
}
