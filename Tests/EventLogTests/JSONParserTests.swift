import Testing
@testable import EventLog
@testable import InteractionModel

// MARK: - Helpers

/// Parses bytes, returning the error instead of throwing, so expectations read plainly.
private func parseError(_ bytes: [UInt8]) -> JSONSyntaxError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

private func parseError(_ text: String) -> JSONSyntaxError? {
    parseError(Array(text.utf8))
}

private func parsed(_ text: String) -> JSONValue? {
    try? JSONParser.parse(text)
}

/// Grouped in a suite so these test names cannot collide with other files' tests in the module.
@Suite struct JSONParserTests {
    // MARK: - Values

    @Test func parsesScalars() {
        #expect(parsed("null") == .null)
        #expect(parsed("true") == .bool(true))
        #expect(parsed("false") == .bool(false))
        #expect(parsed("\"hi\"") == .string("hi"))
        #expect(parsed("0") == .number("0"))
        #expect(parsed("[]") == .array([]))
        #expect(parsed("{}") == .object(JSONObject()))
    }

    @Test func parsesNestedStructure() {
        let value = parsed(#" { "a" : [1, "x", null, {"b": false}] , "c": {} } "#)
        let expected = JSONValue.object(JSONObject([
            (key: "a", value: .array([.number("1"), .string("x"), .null,
                                      .object(JSONObject([(key: "b", value: .bool(false))]))])),
            (key: "c", value: .object(JSONObject())),
        ]))
        #expect(value == expected)
    }

    @Test func keepsKeyOrder() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":2,"m":3}"#)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.members.map(\.key) == ["z", "a", "m"])
        #expect(object["a"] == .number("2"))
        #expect(object["missing"] == nil)
    }

    @Test func objectEqualityIgnoresMemberOrderButNotContent() {
        #expect(parsed(#"{"a":1,"b":2}"#) == parsed(#"{"b":2,"a":1}"#))
        #expect(parsed(#"{"a":1,"b":2}"#) != parsed(#"{"a":1,"b":3}"#))
        #expect(parsed(#"{"a":1}"#) != parsed(#"{"a":1,"b":2}"#))
        #expect(parsed("[1,2]") != parsed("[2,1]"))
    }

    @Test func stringEqualityIsByteExact() {
        // Precomposed é and e + combining acute are canonically equivalent but different ids.
        #expect(parsed("\"\u{E9}\"") != parsed("\"e\u{301}\""))
        #expect(parsed(#"{"\u00e9":1}"#) != parsed("{\"e\u{301}\":1}"))
    }

    @Test func acceptsSurroundingJSONWhitespace() {
        #expect(parsed(" \t\r\n 1 \t\r\n") == .number("1"))
        #expect(parsed("{\"a\":1}\r") != nil)
    }

    // MARK: - Strings

    @Test func decodesAllEscapes() {
        #expect(parsed(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
        #expect(parsed(#""\u0041\u00e9\u00E9\u20AC""#) == .string("Aéé€"))
    }

    @Test func combinesSurrogatePairs() {
        #expect(parsed(#""\ud83d\ude00""#) == .string("😀"))
        #expect(parsed(#""\uD83D\uDE00 ok""#) == .string("😀 ok"))
    }

    @Test func keepsNUL() throws {
        let value = try JSONParser.parse(#""a\u0000b""#)
        guard case .string(let text) = value else {
            Issue.record("not a string")
            return
        }
        #expect(Array(text.utf8) == [0x61, 0x00, 0x62])
        #expect(text.unicodeScalars.count == 3)
    }

    @Test func rawUTF8StringsPassThrough() {
        #expect(parsed("\"h\u{E9}llo \u{1F600} \u{4E2D}\"") == .string("h\u{E9}llo \u{1F600} \u{4E2D}"))
        #expect(parsed("\"\u{FEFF}\"") == .string("\u{FEFF}"))
        #expect(parsed("\"\u{7F}\"") == .string("\u{7F}"))
    }

    @Test func rejectsLoneSurrogates() {
        #expect(parseError(#""\ud800""#) == JSONSyntaxError(reason: "lone surrogate escape \\ud800", offset: 1))
        #expect(parseError(#""\uDC00""#)?.reason == "lone surrogate escape \\udc00")
        #expect(parseError(#""x\ud83d y""#)?.reason == "lone surrogate escape \\ud83d")
        #expect(parseError(#""\ud83d\u0041""#)?.reason == "lone surrogate escape \\ud83d")
        #expect(parseError(#""\ud83d\ud83d""#)?.reason == "lone surrogate escape \\ud83d")
    }

    @Test func rejectsBadEscapes() {
        #expect(parseError(#""\x""#)?.reason == "invalid escape \\x")
        #expect(parseError(#""\u12G4""#)?.reason == "invalid \\u escape")
        #expect(parseError(#""\u12""#)?.reason == "invalid \\u escape")
        #expect(parseError(#""\'""#)?.reason == "invalid escape \\'")
    }

    @Test func rejectsControlCharactersInStrings() {
        for byte: UInt8 in [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F] {
            #expect(parseError([0x22, 0x61, byte, 0x22]) == JSONSyntaxError(reason: "control character in string", offset: 2))
        }
        #expect(parseError([0x22, 0x5C, 0x6E, 0x0A, 0x22])?.reason == "control character in string")
    }

    @Test func rejectsUnterminatedStrings() {
        #expect(parseError(#""abc"#) == JSONSyntaxError(reason: "unterminated string", offset: 0))
        #expect(parseError(#"["a\"]"#)?.reason == "unterminated string")
        #expect(parseError(#""abc\"#)?.reason == "unterminated string")
    }

    // MARK: - UTF-8 and BOM

    @Test func rejectsInvalidUTF8() {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22],                    // never valid
            [0x22, 0x80, 0x22],                    // stray continuation byte
            [0x22, 0xC0, 0xAF, 0x22],              // overlong '/'
            [0x22, 0xC1, 0xBF, 0x22],              // overlong
            [0x22, 0xE0, 0x80, 0xAF, 0x22],        // overlong 3-byte
            [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22],  // overlong 4-byte
            [0x22, 0xED, 0xA0, 0x80, 0x22],        // UTF-8-encoded surrogate U+D800
            [0x22, 0xED, 0xBF, 0xBF, 0x22],        // UTF-8-encoded surrogate U+DFFF
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // U+110000
            [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],  // lead byte beyond U+10FFFF
            [0x22, 0xE2, 0x82, 0x22],              // truncated by the quote
            [0x22, 0xE2, 0x82],                    // truncated by end of input
            [0x22, 0x5C, 0x6E, 0xC3, 0x22],        // invalid after an escape (slow path)
        ]
        for bytes in cases {
            #expect(parseError(bytes) == JSONSyntaxError(reason: "invalid UTF-8", offset: bytes[1] == 0x5C ? 3 : 1),
                    "bytes \(bytes)")
        }
        #expect(parseError([0xFF])?.reason == "invalid UTF-8")
        #expect(parseError([0x31, 0x20, 0xC3])?.reason == "invalid UTF-8")
        #expect(parseError([0x5B, 0x31, 0x2C, 0xE2, 0x82])?.reason == "invalid UTF-8")
    }

    @Test func acceptsValidMultibyteBoundaries() {
        let cases: [[UInt8]] = [
            [0x22, 0xC2, 0x80, 0x22],              // U+0080
            [0x22, 0xDF, 0xBF, 0x22],              // U+07FF
            [0x22, 0xE0, 0xA0, 0x80, 0x22],        // U+0800
            [0x22, 0xED, 0x9F, 0xBF, 0x22],        // U+D7FF
            [0x22, 0xEE, 0x80, 0x80, 0x22],        // U+E000
            [0x22, 0xEF, 0xBF, 0xBF, 0x22],        // U+FFFF
            [0x22, 0xF0, 0x90, 0x80, 0x80, 0x22],  // U+10000
            [0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22],  // U+10FFFF
        ]
        for bytes in cases {
            #expect(parseError(bytes) == nil, "bytes \(bytes)")
        }
    }

    @Test func rejectsByteOrderMark() {
        #expect(parseError([0xEF, 0xBB, 0xBF, 0x7B, 0x7D]) == JSONSyntaxError(reason: "byte order mark at start of line", offset: 0))
        #expect(parseError([0x20, 0xEF, 0xBB, 0xBF, 0x31])?.reason == "byte order mark at start of line")
        #expect(parseError([0xEF, 0xBB, 0xBF])?.reason == "byte order mark at start of line")
    }

    // MARK: - Numbers

    @Test func keepsNumberLexemes() {
        let valid = ["0", "-0", "1", "-1", "10", "1.5", "-1.5e3", "0.0", "0e0", "0E+1", "1e-7",
                     "123456789012345678901234567890", "1e999999", "-0.000001E-999"]
        for lexeme in valid {
            #expect(parsed(lexeme) == .number(lexeme), "\(lexeme)")
            #expect(parsed("[\(lexeme)]") == .array([.number(lexeme)]), "\(lexeme)")
        }
    }

    @Test func rejectsNonRFCNumbers() {
        let invalid = ["01", "-01", "00", "+1", ".5", "1.", "-", "1e", "1e+", "1E-", "-.5",
                       "1.e3", "0x10", "1.2.3", "1e5e5", "--1", "[01]", "[1.]", "{\"a\":-}"]
        for text in invalid {
            #expect(parseError(text)?.reason == "invalid number", "\(text)")
        }
        #expect(parseError("NaN")?.reason == "unexpected character 'N'")
        #expect(parseError("Infinity") != nil)
        #expect(parseError("-Infinity")?.reason == "invalid number")
    }

    // MARK: - Literals

    @Test func acceptsOnlyExactLiterals() {
        for text in ["True", "FALSE", "nul", "nulll", "tru", "truex", "n", "none", "null1"] {
            #expect(parseError(text) != nil, "\(text)")
        }
        #expect(parseError("nul")?.reason == "invalid literal")
        #expect(parsed("[true,false,null]") == .array([.bool(true), .bool(false), .null]))
    }

    // MARK: - The top-level id in errors

    @Test func anErrorCarriesTheTopLevelIdParsedBeforeIt() {
        #expect(parseError(#"{"id":"m1","at":1,"at":2}"#) == JSONSyntaxError(reason: "duplicate key \"at\"", offset: 18, topLevelID: "m1"))
        #expect(parseError(#"{"id":"m\u00e9","x":"\ud800"}"#)?.topLevelID == "m\u{E9}")
        #expect(parseError(#"{"id":"m1"}x"#)?.topLevelID == "m1")
        // Parsed after the fault, inside the id's own value, nested, or not a string: none.
        #expect(parseError(#"{"at":1,"at":2,"id":"m1"}"#) == JSONSyntaxError(reason: "duplicate key \"at\"", offset: 8))
        #expect(parseError(#"{"id":"m\q"}"#)?.topLevelID == nil)
        #expect(parseError(#"{"a":{"id":"k"},"b":"\q"}"#)?.topLevelID == nil)
        #expect(parseError(#"{"id":1,"b":"\q"}"#)?.topLevelID == nil)
        #expect(parseError(#"[{"id":"k"},"\q"]"#)?.topLevelID == nil)
        // The first of two ids is the one that was read.
        #expect(parseError(#"{"id":"m1","id":"m2"}"#)?.topLevelID == "m1")
    }

    // MARK: - Structure

    @Test func rejectsDuplicateKeys() {
        #expect(parseError(#"{"at":1,"at":2}"#) == JSONSyntaxError(reason: "duplicate key \"at\"", offset: 8))
        // Compared after unescaping: "\u0061t" is "at".
        #expect(parseError(#"{"at":1,"\u0061t":2}"#)?.reason == "duplicate key \"at\"")
        #expect(parseError(#"{"a":{"k":1,"k":1}}"#)?.reason == "duplicate key \"k\"")
        // The same key in different objects is fine.
        #expect(parseError(#"{"a":{"k":1},"b":{"k":1}}"#) == nil)
        // Case and normalization differences are different keys.
        #expect(parseError(#"{"k":1,"K":2}"#) == nil)
        #expect(parseError("{\"\u{E9}\":1,\"e\u{301}\":2}") == nil)
    }

    @Test func rejectsDuplicateKeysInLargeObjects() {
        let members = (0..<1000).map { "\"k\($0)\":\($0)" }
        #expect(parseError("{" + members.joined(separator: ",") + "}") == nil)
        #expect(parseError("{" + members.joined(separator: ",") + ",\"k500\":0}")?.reason == "duplicate key \"k500\"")
    }

    @Test func limitsNestingDepth() {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(parseError(ok) == nil)
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(parseError(tooDeep) == JSONSyntaxError(reason: "nesting deeper than 64 levels", offset: 64))
        let objects = String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(parseError(objects)?.reason == "nesting deeper than 64 levels")
        // Hostile input far deeper than the limit fails cleanly instead of overflowing the stack.
        #expect(parseError(String(repeating: "[", count: 1_000_000))?.reason == "nesting deeper than 64 levels")
    }

    @Test func rejectsTrailingData() {
        #expect(parseError("{} {}") == JSONSyntaxError(reason: "unexpected data after the JSON value", offset: 3))
        #expect(parseError("1 2")?.reason == "unexpected data after the JSON value")
        #expect(parseError("null,")?.reason == "unexpected data after the JSON value")
        #expect(parseError("\"a\"\u{0B}")?.reason == "unexpected data after the JSON value")
    }

    @Test func rejectsEmptyInput() {
        #expect(parseError("") == JSONSyntaxError(reason: "empty input", offset: 0))
        #expect(parseError(" \t\r\n ")?.reason == "empty input")
        #expect(parseError([UInt8]())?.reason == "empty input")
    }

    @Test func rejectsMalformedStructure() {
        let bad = ["[1,]", "[,1]", "{\"a\":1,}", "{\"a\"}", "{\"a\" 1}", "{a:1}", "{1:1}", "[1 2]",
                   "{\"a\":1 \"b\":2}", "[", "{", "]", "}", "{\"a\":", "[1,", "'a'", "x",
                   "\u{0B}1", "\u{A0}1", "/*c*/1"]
        for text in bad {
            #expect(parseError(text) != nil, "\(text)")
        }
        #expect(parseError("x") == JSONSyntaxError(reason: "unexpected character 'x'", offset: 0))
        #expect(parseError("[1,") == JSONSyntaxError(reason: "unexpected end of input", offset: 3))
    }

    @Test func errorDescriptionIsOneBased() {
        let error = JSONSyntaxError(reason: "unexpected character 'x'", offset: 0)
        #expect(error.description == "unexpected character 'x' at byte 1")
        #expect(parseError(#"{"a":1,"a":2}"#)?.description == "duplicate key \"a\" at byte 8")
    }

    // MARK: - Entry points and robustness

    @Test func entryPointsAgree() throws {
        let text = #"{"id":"e1","n":[1,2.5,-3e2],"s":"\u00e9\n"}"#
        let fromString = try JSONParser.parse(text)
        let fromArray = try JSONParser.parse(Array(text.utf8))
        let fromRaw = try Array(text.utf8).withUnsafeBytes { raw throws(JSONSyntaxError) in
            try JSONParser.parse(raw)
        }
        #expect(fromString == fromArray)
        #expect(fromString == fromRaw)
    }

    @Test func handlesLongLinesInLinearTime() throws {
        // A 10 MB string with and without escapes, and a large array: each must parse quickly.
        let long = String(repeating: "a", count: 10_000_000)
        #expect(try JSONParser.parse("\"" + long + "\"") == .string(long))
        let escaped = String(repeating: "\\n", count: 1_000_000)
        #expect(try JSONParser.parse("\"" + escaped + "\"") == .string(String(repeating: "\n", count: 1_000_000)))
        let array = "[" + Array(repeating: "1", count: 1_000_000).joined(separator: ",") + "]"
        guard case .array(let elements) = try JSONParser.parse(array) else {
            Issue.record("not an array")
            return
        }
        #expect(elements.count == 1_000_000)
    }

    @Test func neverTrapsOnPrefixesOfValidInput() {
        let text = #"{"a":[1,-2.5e+3,"\ud83d\ude00\u0000",true,false,null,{"b":"é€😀"}]}"#
        let bytes = Array(text.utf8)
        #expect(parseError(bytes) == nil)
        for end in 0..<bytes.count {
            #expect(parseError(Array(bytes[0..<end])) != nil, "prefix \(end)")
        }
    }

    @Test func neverTrapsOnPseudoRandomBytes() {
        // A fixed-seed generator keeps the test reproducible; the point is only "no crash".
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array(#"{}[]":,\-+.0123456789eEtrufalsn u"#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            let length = Int(state % 24)
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            _ = parseError(bytes)
        }
    }
}
