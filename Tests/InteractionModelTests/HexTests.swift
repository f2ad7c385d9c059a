import Testing
@testable import InteractionModel

/// The package's one hex encoding.
@Suite struct HexTests {
    @Test func bytesAreLowercaseDigitPairs() {
        #expect([0x00, 0x0f, 0xa5, 0xff].hexString == "000fa5ff")
        #expect([UInt8]().hexString == "")
    }

    @Test func decodingAcceptsEitherCaseAndRefusesTheRest() {
        #expect(Hex.decode("000fA5Ff") == [0x00, 0x0f, 0xa5, 0xff])
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("abc") == nil, "odd length")
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("+f") == nil)
    }

    @Test func decodingUndoesEncoding() {
        let bytes = (0...255).map { UInt8($0) }
        #expect(Hex.decode(bytes.hexString) == bytes)
    }
}
