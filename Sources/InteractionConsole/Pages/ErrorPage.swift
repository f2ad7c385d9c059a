/// A page for what went wrong (unknown interaction, a bad query value), with a way back.
package struct ErrorPage: Sendable {
    /// The HTTP status the router sends with it.
    package let status: Int
    /// A short title (`Not found`).
    package let title: String
    /// What happened and what to do.
    package let detail: String

    /// Creates the page.
    package init(status: Int, title: String, detail: String) {
        self.status = status
        self.title = title
        self.detail = detail
    }

    /// The complete document.
    package func document(showsLogout: Bool = false) -> String {
        let main: HTML = """
            <h1>\(title)</h1>
            <p class="error" data-status="\(status)">\(detail)</p>
            <p><a href="/">Overview</a> · <a href="/interactions">Interactions</a></p>
            """
        return PageLayout(title: title, section: .login, main: main, showsLogout: showsLogout).document()
    }
}
