import Foundation

/// The public samples in `../shared/realdata/`, read in place (never copied or changed).
enum RealData {
    /// `shared/realdata`, beside the package root (found from this file's path).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // PlatformImportTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package root
        .appendingPathComponent("../shared/realdata")
        .standardizedFileURL

    static let genesysWellFormed = "genesys-engage/rtelecom-changelog-row1-chat.xml"
    static let genesysControlByte = "genesys-engage/ertelecom-chat-bot-transfer.xml"
    static let connectContactLens = "amazon-connect/contact-lens-chat-example.json"

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }
}
