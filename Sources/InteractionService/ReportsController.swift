import Foundation
import Hummingbird
import InteractionStore
import InteractionModel

/// `GET /v1/reports/…`, `/v1/agents`, `/v1/dispositions`: what `storectl report …`, `storectl
/// agents` and `storectl dispositions list` print with `--format json` (or csv), byte for byte.
struct ReportsController: ServiceController {
    let environment: ServiceEnvironment

    func addRoutes(to group: RouterGroup<ServiceRequestContext>) {
        group.group("/v1/reports").get("conferences", use: conferences).get("agents", use: agents).get("dispositions", use: dispositions)
        group.get("/v1/agents", use: currentAgents)
        group.get("/v1/dispositions", use: dispositionCodes)
    }

    /// `?from&to&agent&summary=true`.
    @Sendable func conferences(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let (from, to) = try query.range()
        let agent = query.string("agent")
        let format = ReadFormat(request)
        if try query.flag("summary") {
            let totals = try await environment.answer { try $0.conferenceSummary(from: from, to: to, agent: agent) }
            switch format {
            case .json: return ReadFormat.respond(totals.json + "\n", contentType: "application/json")
            case .csv: return format.response(totals.tabular)
            }
        }
        let rows = try await environment.answer { try $0.conferenceReport(from: from, to: to, agent: agent) }
        return format.response(Tabular(reportRows: rows))
    }

    /// `?from&to&by_reason=true`, or `?acw=true&from&to`.
    @Sendable func agents(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let (from, to) = try query.range()
        let byReason = try query.flag("by_reason")
        let acw = try query.flag("acw")
        if acw, byReason { throw ProblemError.badRequest("by_reason=true applies to the state report, not to acw=true") }
        let table: Tabular
        if acw {
            table = Tabular(reportRows: try await environment.answer { try $0.afterCallWorkReport(from: from, to: to) })
        } else {
            let now = Clock.nowMilliseconds()
            let rows = try await environment.answer { try $0.agentStateReport(from: from, to: to, now: now, byReason: byReason) }
            table = AgentStateRow.tabular(rows, byReason: byReason)
        }
        return ReadFormat(request).response(table)
    }

    /// `?from&to`.
    @Sendable func dispositions(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (from, to) = try QueryParameters(request).range()
        let rows = try await environment.answer { try $0.dispositionReport(from: from, to: to) }
        return ReadFormat(request).response(Tabular(reportRows: rows))
    }

    /// Each agent's current state per channel.
    @Sendable func currentAgents(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let states = try await environment.answer { try $0.currentAgentStates() }
        return ReadFormat(request).response(Tabular(columns: CurrentAgentState.columns, rows: states.map(\.cells)))
    }

    /// The disposition catalog.
    @Sendable func dispositionCodes(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let codes = try await environment.answer { try $0.dispositionCodes() }
        return ReadFormat(request).response(Tabular(columns: DispositionCode.columns, rows: codes.map(\.cells)))
    }
}
