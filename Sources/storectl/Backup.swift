import ArgumentParser

extension StoreCtl {
    /// Placeholder until the command lands.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Not available yet.", shouldDisplay: false)
        func run() throws { throw CommandFailure(status: .software, message: "storectl backup is not available in this build") }
    }
}
