import Testing
@testable import PlatformImport

@Suite struct PlatformFormatTests {
    @Test func formatNamesAreTheCommandLineWords() {
        #expect(PlatformFormat(rawValue: "genesys-xml") == .genesysXML)
        #expect(PlatformFormat(rawValue: "amazon-connect") == .amazonConnect)
        #expect(PlatformFormat(rawValue: "genesys") == nil)
    }
}
