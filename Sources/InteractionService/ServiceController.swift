import Hummingbird

/// A set of routes of the service: one per resource. `ServiceApplication` adds every
/// controller's routes to one router, behind the same error, metrics and auth middleware.
///
/// ```swift
/// struct PagesController: ServiceController {
///     func addRoutes(to group: RouterGroup<ServiceRequestContext>) {
///         group.get("/") { _, _ in "…" }
///     }
/// }
/// ```
package protocol ServiceController: Sendable {
    /// Adds the controller's routes to `group`.
    func addRoutes(to group: RouterGroup<ServiceRequestContext>)
}
