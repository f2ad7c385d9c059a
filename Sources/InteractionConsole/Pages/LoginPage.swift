/// The login form (`/login`, SPEC section 7): posts the token as the field `token`
/// (`application/x-www-form-urlencoded`), never in a URL.
package struct LoginPage: Sendable {
    /// Why the previous attempt failed, if it did.
    package let failed: Bool

    /// Creates the page.
    package init(failed: Bool = false) {
        self.failed = failed
    }

    /// The complete document.
    package func document() -> String {
        let error: HTML = failed ? "<p class=\"error\" role=\"alert\">That token is not valid. Check it and try again.</p>" : .empty
        let main: HTML = """
            <h1>Sign in</h1>
            <p class="muted">Paste a read (or write) token of this server.</p>
            \(error)
            <form class="login" method="post" action="/login">
            <label for="token">Token</label>
            <input id="token" type="password" name="token" autocomplete="current-password" required autofocus>
            <button type="submit">Sign in</button>
            </form>
            """
        return PageLayout(title: "Sign in", section: .login, main: main).document()
    }
}
