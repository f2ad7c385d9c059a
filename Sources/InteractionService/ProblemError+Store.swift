import Hummingbird
import InteractionStore
import StoreSQLite

extension ProblemError {
    /// The answer to a store error: unknown interaction 404, an impossible view 422, a busy
    /// database or a full write queue 503 with `Retry-After`, anything else a 500 that says
    /// nothing about SQL or content.
    static func from(_ error: any Error) -> ProblemError {
        switch error {
        case let problem as ProblemError:
            return problem
        case StoreError.unknownInteraction(let id):
            return ProblemError(.notFound, kind: "unknown-interaction", detail: "unknown interaction \(id)")
        case StoreError.purgedInteraction(let id, let record):
            return ProblemError(.notFound, kind: "unknown-interaction", detail: StoreError.purgedInteraction(id, record).description)
        case StoreError.consultationHasNoContactView(let interaction):
            return ProblemError(.unprocessableContent, kind: "not-possible",
                                detail: "interaction \(interaction) is a consultation, which the contact never sees: as=contact is not possible; use as=agent")
        case WriterRefusal.queueFull:
            return ProblemError(.serviceUnavailable, kind: "queue-full", detail: "the write queue is full; nothing of this request was written; retry after 1 s",
                                headers: [.retryAfter: "1"])
        case WriterRefusal.stopping:
            return ProblemError(.serviceUnavailable, kind: "stopping", detail: "the server is stopping; nothing of this request was written; retry against the next instance",
                                headers: [.retryAfter: "1"])
        case let error as SQLiteError where error.code ~= .busy || error.code ~= .locked:
            return ProblemError(.serviceUnavailable, kind: "busy", detail: "the database is busy (another process holds its lock); nothing of this request was written; retry",
                                headers: [.retryAfter: "1"])
        case let error as SQLiteError where error.code ~= .full:
            return ProblemError(.serviceUnavailable, kind: "disk-full", detail: "the disk holding the database is full; nothing of this request was written",
                                headers: [.retryAfter: "30"])
        default:
            return ProblemError(.internalServerError, kind: "internal", detail: "the server failed to answer this request; nothing of a write was stored; it has been logged")
        }
    }
}
