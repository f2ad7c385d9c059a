import InteractionStore

extension StoreError {
    /// The sentence `storectl` prints: the library's, except where the fix is one of this
    /// command line's flags, which the library does not know.
    var commandLineMessage: String {
        switch self {
        case .consultationHasNoContactView(let interaction):
            return "interaction \(interaction) is a consultation, which the contact never sees: --as contact is not possible; use --as agent"
        case .unusableOutput(let path, .exportDirectoryIsAFile):
            return "\(path) exists and is not a directory; give --out a directory (a new one for each run)"
        case .unusableOutput(let path, .exportDirectoryHoldsEarlierRun):
            return "\(path) already holds manifest.json from an earlier export run; export into a new directory (each run writes a directory of its own, e.g. --out exports/$(date +%F))"
        default:
            return description
        }
    }
}
