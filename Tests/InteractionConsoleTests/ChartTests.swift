@testable import InteractionStore
import Testing
@testable import InteractionConsole
@testable import InteractionModel

@Suite struct ChartTests {
    @Test func scalesEndOnRoundTicks() {
        #expect(ChartScale(maximum: 47, whole: true).ticks == [0, 10, 20, 30, 40, 50])
        #expect(ChartScale(maximum: 3, whole: true).ticks == [0, 1, 2, 3])
        #expect(ChartScale(maximum: 0).ticks == [0, 1])
        #expect(abs((ChartScale(maximum: 0.8).ticks.last ?? 0) - 0.8) < 1e-9 && ChartScale(maximum: 0.8).ticks.count == 5)
        #expect(ChartScale.label(0.25) == "0.25" && ChartScale.label(1500) == "1,500" && ChartScale.label(0.5) == "0.5")
    }

    @Test func aStackedChartHasAxesTicksLabelsAndALegend() {
        let chart = StackedColumnChart(title: "Outcomes <per day>", valueLabel: "requests", categoryLabel: "day (UTC)",
                                       series: ChartPalette.outcomeSeries,
                                       categories: [ChartCategory(label: "03-02", values: [3, 1, 0, 0, 0]), ChartCategory(label: "03-03", values: [2, 0, 1, 1, 0])])
        let svg = chart.svg().markup
        #expect(svg.hasPrefix("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<title>Outcomes &lt;per day&gt;</title>"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 5 + 5, "one rect per non-zero segment plus five legend swatches")
        #expect(svg.components(separatedBy: "class=\"axis\"").count - 1 == 2)
        for outcome in RequestOutcome.allCases { #expect(svg.contains(">\(outcome.rawValue)</text>"), "legend \(outcome)") }
        #expect(svg.contains(">03-02</text>") && svg.contains(">requests</text>") && svg.contains(">day (UTC)</text>"))
        #expect(svg.contains("<title>03-03 · timeout: 1</title>"))
        #expect(!svg.contains("style="))
    }

    @Test func barsAndTimelinesToo() {
        let bars = StackedBarChart(title: "t", valueLabel: "hours", series: ChartPalette.stateSeries,
                                   categories: [ChartCategory(label: "agent-with-a-very-long-name-indeed", values: [1, 2, 0, 0, 0])]).svg().markup
        #expect(bars.contains(">agent-with-a-very-long-…<title>agent-with-a-very-long-name-indeed</title>"))
        let day: Int64 = 1_772_409_600_000
        let timeline = StateTimelineChart(title: "day", dayStart: day, openEnd: day + 86_400_000, rows: [
            .init(label: "a1", periods: [AgentStatePeriod(agent: "a1", channel: "chat", state: .ready, reason: nil, start: day - 1000, end: day + 3_600_000)]),
        ]).svg().markup
        #expect(timeline.contains("a1 · ready: 00:00:00–01:00:00 UTC, 1 h"))
        #expect(timeline.contains(">00:00</text>") && timeline.contains(">24:00</text>") && timeline.contains(">logged_out</text>"))
    }

    @Test func waitBucketsHaveRoundWidths() {
        let histogram = WaitHistogram(waits: [0, 4_000, 9_999, 10_000, 61_000])
        #expect(histogram.width == 10_000 && histogram.counts == [3, 1, 0, 0, 0, 0, 1])
        #expect(histogram.label(1) == "10–20 s")
        #expect(WaitHistogram(waits: []).counts.isEmpty)
        #expect(WaitHistogram(waits: [150]).label(1) == "100–200 ms")
    }
}
