import Testing
@testable import PlatformImport

@Suite struct XMLTokenizerTests {
    private func tokens(_ text: String) throws(XMLSyntaxError) -> [XMLToken] {
        try tokens(Array(text.utf8))
    }

    private func tokens(_ bytes: [UInt8]) throws(XMLSyntaxError) -> [XMLToken] {
        var tokenizer = XMLTokenizer(bytes)
        var out: [XMLToken] = []
        while let token = try tokenizer.next() { out.append(token) }
        return out
    }

    private func failure(_ text: String) -> XMLSyntaxError? {
        failure(Array(text.utf8))
    }

    private func failure(_ bytes: [UInt8]) -> XMLSyntaxError? {
        do {
            _ = try tokens(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func elementsAttributesAndTextWithOffsets() throws {
        let result = try tokens("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a x='1' y=\"2\"><b/>hi</a>\n")
        #expect(result == [
            .start(name: "a", attributes: [XMLAttribute(name: "x", value: "1"), XMLAttribute(name: "y", value: "2")], offset: 39),
            .start(name: "b", attributes: [], offset: 54),
            .end(name: "b", offset: 54),
            .text("hi", offset: 58),
            .end(name: "a", offset: 60),
        ])
    }

    @Test func referencesCDATAAndLineEndsAreResolved() throws {
        let result = try tokens("<a v=\"x&#10;y\r\nz\tw&amp;\">&lt;&gt;&amp;&apos;&quot;&#x41;&#66;\r\n<![CDATA[<raw & ]]>é</a>")
        #expect(result[0] == .start(name: "a", attributes: [XMLAttribute(name: "v", value: "x\ny z w&")], offset: 0))
        #expect(result[1] == .text("<>&'\"AB\n", offset: 25))
        #expect(result[2] == .text("<raw & ", offset: 63))
        #expect(result[3] == .text("é", offset: 82))
    }

    @Test func aControlByteIsRefusedAtItsOffset() {
        let error = failure([UInt8]("<a>ab".utf8) + [0x02] + [UInt8]("</a>".utf8))
        #expect(error == XMLSyntaxError(reason: "character U+0002 (a control byte) is not allowed in XML", offset: 5, line: 1))
    }

    @Test func aDoctypeIsRefusedSoNoEntityIsEverExpanded() {
        // The billion laughs: refused at the DOCTYPE, before any entity could be declared.
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """
        let error = failure(bomb)
        #expect(error?.offset == 22)
        #expect(error?.reason.hasPrefix("a DOCTYPE is refused") == true)
        let external = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"
        #expect(failure(external)?.offset == 0)
        #expect(failure(external)?.reason.hasPrefix("a DOCTYPE is refused") == true)
    }

    @Test func anUndeclaredEntityIsRefused() {
        let error = failure("<a>x &passwd; y</a>")
        #expect(error?.offset == 5)
        #expect(error?.reason.hasPrefix("undeclared entity &passwd;") == true)
        #expect(failure("<a v=\"&x;\"/>")?.reason.hasPrefix("undeclared entity &x;") == true)
        #expect(failure("<a>&#0;</a>")?.reason == "character reference &#0; is not a character XML allows")
        #expect(failure("<a>a & b</a>")?.reason == "\"&\" must start a reference such as &amp;")
    }

    @Test func brokenStructureIsRefused() {
        #expect(failure("<a><b></a>")?.reason == "</a> does not close the open <b>")
        #expect(failure("<a><b>")?.reason == "the input ends inside <b>: it is not closed")
        #expect(failure("<a></a><b/>")?.reason == "a second root element")
        #expect(failure("<a></a>tail")?.reason == "text outside the root element")
        #expect(failure("")?.reason == "there is no root element")
        #expect(failure("<a x=\"1\" x=\"2\"/>")?.reason == "attribute x appears twice in <a>")
        #expect(failure("<a x=1/>")?.reason == "an attribute value must be quoted")
        #expect(failure("<a x=\"<\"/>")?.reason == "\"<\" is not allowed in an attribute value")
        #expect(failure("<a>]]></a>")?.reason == "\"]]>\" is not allowed in text")
        #expect(failure("<a x=\"1\"y=\"2\"/>")?.reason == "expected a space, \">\" or \"/>\" in <a>")
        #expect(failure("<a><!-- a -- b --></a>")?.reason == "\"--\" inside a comment")
        #expect(failure("<a/><?xml version=\"1.0\"?>")?.reason == "the XML declaration is allowed only at the very start")
        #expect(failure("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>")?.reason == "encoding \"ISO-8859-1\" is not supported (only UTF-8)")
    }

    @Test func invalidUTF8IsRefused() {
        #expect(failure([UInt8]("<a>".utf8) + [0xC3] + [UInt8]("</a>".utf8))?.reason == "invalid UTF-8 (byte 0x3C)")
        #expect(failure([UInt8]("<a>".utf8) + [0xC0, 0xAF] + [UInt8]("</a>".utf8))?.reason == "invalid UTF-8 (byte 0xC0)")
        #expect(failure([UInt8]("<a>".utf8) + [0xED, 0xA0, 0x80] + [UInt8]("</a>".utf8))?.reason == "character U+D800 is not allowed in XML")
        #expect(failure([UInt8]("<a>".utf8) + [0xEF, 0xBF, 0xBF] + [UInt8]("</a>".utf8))?.reason == "character U+FFFF is not allowed in XML")
    }

    @Test func commentsProcessingInstructionsAndABOMAreSkipped() throws {
        let result = try tokens([0xEF, 0xBB, 0xBF] + [UInt8]("<!-- c --><?pi data?><a><!-- inner --><?x y?>t</a><!-- after -->".utf8))
        #expect(result.count == 3)
        #expect(result[1] == .text("t", offset: 48))
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let deep = String(repeating: "<a>", count: XMLTokenizer.maximumDepth + 1)
        #expect(failure(deep)?.reason == "elements nested deeper than \(XMLTokenizer.maximumDepth)")
    }

    @Test func theRealSampleWithByte0x02FailsAtOffset1634() throws {
        let error = failure(try RealData.bytes(RealData.genesysControlByte))
        #expect(error?.offset == 1634)
        #expect(error?.reason == "character U+0002 (a control byte) is not allowed in XML")
        #expect(error?.line == 25)
    }
}
