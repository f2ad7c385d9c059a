/// The other platforms whose stored chat transcripts `storectl import --from` converts (SPEC §8).
public enum PlatformFormat: String, Sendable, CaseIterable {
    /// Genesys Engage's structured transcript XML (`chatTranscript`).
    case genesysXML = "genesys-xml"
    /// Amazon Connect's chat transcript JSON (`Participants`, `Transcript`), also inside Contact Lens output.
    case amazonConnect = "amazon-connect"
}
