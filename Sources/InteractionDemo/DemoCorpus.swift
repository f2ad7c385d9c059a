/// The demo's message corpus (`Resources/corpus.txt`, embedded in the binary): named pools of
/// lines, in file order. The file's header comment describes the format.
struct DemoCorpus {
    /// Pools by name, each in file order.
    private(set) var pools: [String: [String]] = [:]

    /// The corpus shipped with the module.
    static let embedded = DemoCorpus(text: String(decoding: PackageResources.corpus_txt, as: UTF8.self))

    /// Parses corpus text: `[name]` starts a pool, every other line that is neither blank nor a
    /// `#` comment is one entry of the current pool (entries before the first pool are ignored).
    init(text: String) {
        var current: String?
        // Split on `isNewline`, not on "\n": a CRLF is one Character, which "\n" never equals.
        for line in text.split(whereSeparator: \.isNewline) {
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" }), !line.hasPrefix("#") else { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast())
                current = name
                if pools[name] == nil { pools[name] = [] }
            } else if let current {
                pools[current, default: []].append(String(line))
            }
        }
    }

    /// The entries of pool `name`; empty when the corpus has no such pool.
    func pool(_ name: String) -> [String] { pools[name] ?? [] }
}
