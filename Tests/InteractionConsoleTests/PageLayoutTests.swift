import Testing
@testable import InteractionConsole

@Suite struct PageLayoutTests {
    @Test func theLoginFormPostsTheTokenAsAField() {
        let html = LoginPage().document()
        #expect(html.contains("<form class=\"login\" method=\"post\" action=\"/login\">"))
        #expect(html.contains("type=\"password\" name=\"token\""))
        #expect(!html.contains("role=\"alert\""))
        #expect(LoginPage(failed: true).document().contains("That token is not valid"))
        #expect(PageProbe(html: html).policyViolations.isEmpty)
    }

    @Test func assetsComeFromOurOwnPaths() {
        #expect(ConsoleAssets.all.map(\.path) == ["/assets/console.css", "/assets/console.js", "/assets/favicon.svg"])
        let html = ErrorPage.document(status: 404, title: "Not found", detail: "x")
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/console.css\">"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!ConsoleAssets.script.body.contains("innerHTML"), "the script never parses text as markup")
        #expect(!ConsoleAssets.stylesheet.body.contains("http"), "no external host")
    }

    @Test func thePolicyCheckFindsViolations() {
        let probe = PageProbe(html: "<script>x</script><img onerror=\"y\"><p style=\"a\"><link href=\"https://cdn.example/x.css\">")
        #expect(probe.policyViolations.count == 4)
    }
}
