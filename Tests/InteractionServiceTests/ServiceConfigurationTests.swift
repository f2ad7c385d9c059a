import Testing
@testable import InteractionService

@Suite struct ServiceConfigurationTests {
    @Test func defaultsListenOnLoopback8470() {
        let configuration = ServiceConfiguration(databasePath: "store.sqlite")
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8470)
    }
}
