/// A conference, consultation or transfer request.
package struct RequestState: Sendable, Equatable {
    /// Pending, accepted or released.
    package enum Status: String, Sendable { case pending, accepted, released }

    /// Its id.
    package var id: String
    /// Conference, consultation or transfer.
    package var kind: RequestKind
    /// The interaction it was made in (for a consultation request: the consultation).
    package var interaction: String
    /// For a consultation-mode conference: the consultation it converts.
    package var consultation: String?
    /// The requesting agent.
    package var from: String
    /// The internal target.
    package var target: Target
    /// Conference mode; nil for other kinds.
    package var mode: ConferenceMode?
    /// When it was requested.
    package var requestedAt: Int64
    /// Where it stands.
    package var status: Status

    /// Creates a request.
    package init(id: String, kind: RequestKind, interaction: String, consultation: String?, from: String, target: Target,
                mode: ConferenceMode?, requestedAt: Int64, status: Status) {
        self.id = id
        self.kind = kind
        self.interaction = interaction
        self.consultation = consultation
        self.from = from
        self.target = target
        self.mode = mode
        self.requestedAt = requestedAt
        self.status = status
    }
}
