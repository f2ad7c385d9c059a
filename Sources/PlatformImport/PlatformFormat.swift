/// The other platforms whose stored chat transcripts `storectl import --from` converts (SPEC §8).
package enum PlatformFormat: String, Sendable, CaseIterable {
    /// Genesys Engage's structured transcript XML (`chatTranscript`).
    case genesysXML = "genesys-xml"
    /// Amazon Connect's chat transcript JSON (`Participants`, `Transcript`), also inside Contact Lens output.
    case amazonConnect = "amazon-connect"

    /// Converts one transcript file's bytes.
    /// - Throws: `ConversionError`.
    package func convert(_ bytes: [UInt8]) throws(ConversionError) -> ConvertedTranscript {
        switch self {
        case .genesysXML: return try GenesysConverter.convert(bytes)
        case .amazonConnect: return try ConnectConverter.convert(bytes)
        }
    }

    /// The ending of the files taken from a directory (`.xml`, `.json`).
    package var fileExtension: String {
        switch self {
        case .genesysXML: return ".xml"
        case .amazonConnect: return ".json"
        }
    }
}
