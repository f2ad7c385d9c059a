/// The document every console page shares: head with the embedded stylesheet and script
/// (served from our own paths, so `Content-Security-Policy: default-src 'self'` holds),
/// the navigation, and the page's main content.
package struct PageLayout: Sendable {
    /// The navigation entries.
    package enum Section: String, Sendable, CaseIterable {
        /// `/`.
        case overview
        /// `/interactions` and everything below it.
        case interactions
        /// `/agents`.
        case agents
        /// `/login`: no navigation highlighted.
        case login
    }

    /// The `<title>` (the product name is added).
    let title: String
    /// Which navigation entry is current.
    let section: Section
    /// The page's content.
    let main: HTML
    /// Whether the signed-in navigation (with Log out) is shown.
    var showsLogout = false

    /// The complete HTML5 document.
    package func document() -> String {
        let links: [(Section, String, String)] = [(.overview, "/", "Overview"), (.interactions, "/interactions", "Interactions"), (.agents, "/agents", "Agents")]
        let nav = HTML.joined(links.map { entry, path, label in
            entry == section
                ? "<a href=\"\(path)\" aria-current=\"page\">\(label)</a>"
                : "<a href=\"\(path)\">\(label)</a>"
        })
        let logout: HTML = showsLogout
            ? "<form class=\"logout\" method=\"post\" action=\"/logout\"><button type=\"submit\">Log out</button></form>"
            : .empty
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · InteractionStore</title>
            <link rel="stylesheet" href="\(ConsoleAssets.stylesheet.path)">
            <link rel="icon" href="\(ConsoleAssets.favicon.path)" type="image/svg+xml">
            <script src="\(ConsoleAssets.script.path)" defer></script>
            </head>
            <body>
            <header class="top"><span class="brand">InteractionStore</span><nav>\(nav)</nav>\(logout)</header>
            <main>
            \(main)
            </main>
            <footer>All times are UTC.</footer>
            </body>
            </html>

            """
        return page.markup
    }
}
