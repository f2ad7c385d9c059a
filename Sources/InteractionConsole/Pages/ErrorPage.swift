/// A page for what went wrong (unknown interaction, a bad query value), with a way back.
package enum ErrorPage {
    /// The complete document: `title` (`Not found`), `detail` (what happened and what to do) and
    /// the HTTP `status` the router sends with it, as a data attribute.
    package static func document(status: Int, title: String, detail: String, showsLogout: Bool = false) -> String {
        let main: HTML = """
            <h1>\(title)</h1>
            <p class="error" data-status="\(status)">\(detail)</p>
            <p><a href="/">Overview</a> · <a href="/interactions">Interactions</a></p>
            """
        return PageLayout(title: title, section: .login, main: main, showsLogout: showsLogout).document()
    }
}
