/// The console's door into the service: what `storectl serve` adds to the service's own routes.
///
/// ```swift
/// let service = ServiceApplication(configuration: configuration, store: store, controllers: ConsoleRoutes.controllers)
/// ```
package enum ConsoleRoutes {
    /// The controllers of the console's pages and assets (SPEC section 7).
    package static func controllers(_ environment: ServiceEnvironment) -> [any ServiceController] {
        [ConsoleController(environment: environment)]
    }
}
