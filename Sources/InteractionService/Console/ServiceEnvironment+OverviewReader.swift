import InteractionConsole

/// The overview reads its parts on the service's reader threads (`ServiceEnvironment.read`).
extension ServiceEnvironment: OverviewReader {}
