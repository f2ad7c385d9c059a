import Testing
@testable import InteractionConsole

@Suite struct ConsoleEscapingTests {
    @Test func markupInEventTextBecomesText() {
        #expect(ConsoleEscaping.html(#"<script>alert("x")</script>"#) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
        #expect(ConsoleEscaping.html(#""><img onerror='x'>&"#) == "&quot;&gt;&lt;img onerror=&#39;x&#39;&gt;&amp;")
        #expect(ConsoleEscaping.html("plain text, ünïcode") == "plain text, ünïcode")
    }
}
