import ArgumentParser

extension StoreCtl {
    /// Placeholder until the command lands.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Not available yet.", shouldDisplay: false)
        func run() throws { throw CommandFailure(status: .software, message: "storectl export is not available in this build") }
    }
}
