import InteractionStore
import InteractionModel

/// The console's fixed colours (Okabe–Ito, readable with colour-blindness), one per outcome and
/// per agent state, so the same thing has the same colour on every chart.
enum ChartPalette {
    /// A single series.
    static let single = "#0072B2"

    /// The colour of a request outcome.
    static func color(_ outcome: RequestOutcome) -> String {
        switch outcome {
        case .accepted: return "#009E73"
        case .declined: return "#D55E00"
        case .timeout: return "#E69F00"
        case .cancelled: return "#999999"
        case .pending: return "#56B4E9"
        }
    }

    /// The colour of an agent state.
    static func color(_ state: AgentState) -> String {
        switch state {
        case .ready: return "#009E73"
        case .notReady: return "#D55E00"
        case .afterCallWork: return "#E69F00"
        case .loggedIn: return "#56B4E9"
        case .loggedOut: return "#CCCCCC"
        }
    }

    /// The outcomes in stacking order, each as a series.
    static let outcomeSeries = RequestOutcome.allCases.map { ChartSeries(name: $0.rawValue, color: color($0)) }

    /// The states in stacking order, each as a series.
    static let stateSeries = AgentState.allCases.map { ChartSeries(name: $0.rawValue, color: color($0)) }
}
