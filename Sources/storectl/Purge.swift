import ArgumentParser

extension StoreCtl {
    /// Placeholder until the command lands.
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Not available yet.", shouldDisplay: false)
        func run() throws { throw CommandFailure(status: .software, message: "storectl purge is not available in this build") }
    }
}
