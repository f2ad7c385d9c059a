/// A request's internal target.
public struct Target: Sendable, Equatable, Hashable {
    /// Agent, queue or routing point.
    public var kind: TargetKind
    /// The target's id.
    public var id: String

    /// Creates a target.
    public init(kind: TargetKind, id: String) {
        self.kind = kind
        self.id = id
    }
}
