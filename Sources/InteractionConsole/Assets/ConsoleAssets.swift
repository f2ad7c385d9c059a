/// The console's stylesheet, script and icon, embedded as Swift strings so that a moved
/// binary still serves them.
package enum ConsoleAssets {
    /// `/assets/console.css`.
    package static let stylesheet = ConsoleAsset(path: "/assets/console.css", contentType: "text/css; charset=utf-8", body: ConsoleStylesheet.text)
    /// `/assets/console.js`: the live transcript and the view switch, nothing else.
    package static let script = ConsoleAsset(path: "/assets/console.js", contentType: "text/javascript; charset=utf-8", body: ConsoleScript.text)
    /// `/assets/favicon.svg`, so browsers do not ask for a missing `/favicon.ico`.
    package static let favicon = ConsoleAsset(path: "/assets/favicon.svg", contentType: "image/svg+xml", body: """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0072B2"/>\
        <path d="M4 5h8M4 8h6M4 11h7" stroke="#fff" stroke-width="1.5"/></svg>
        """)
    /// Every asset, for the router.
    package static let all = [stylesheet, script, favicon]
}
