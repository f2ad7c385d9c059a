/// One series of a stacked chart: a name for the legend and a fill colour.
struct ChartSeries: Sendable, Equatable {
    /// The legend text.
    let name: String
    /// The fill, as an SVG colour (a presentation attribute, allowed under the CSP).
    let color: String
}

/// One category of a stacked chart (a day, a target kind, an agent) with a value per series.
struct ChartCategory: Sendable, Equatable {
    /// The axis label.
    let label: String
    /// One value per series, in the chart's series order.
    let values: [Double]
    /// The tooltip text of each segment, one per series (nil: "series: value").
    var tooltips: [String]? = nil

    /// The stack's height.
    var total: Double { values.reduce(0, +) }
}

/// The legend and shared drawing bits of the charts.
enum ChartLegend {
    /// A row of swatches and names starting at (`x`, `y`), wrapping at `width`; returns the
    /// markup and the height used.
    static func draw(_ series: [ChartSeries], x: Double, y: Double, width: Double) -> (HTML, Double) {
        var parts: [HTML] = []
        var cursorX = x
        var cursorY = y
        for entry in series {
            let itemWidth = 22 + Double(entry.name.count) * 7 + 16
            if cursorX + itemWidth > x + width, cursorX > x {
                cursorX = x
                cursorY += 18
            }
            parts.append("""
                <g class="legend-item"><rect x="\(px: cursorX)" y="\(px: cursorY)" width="12" height="12" fill="\(entry.color)"/>\
                <text x="\(px: cursorX + 17)" y="\(px: cursorY + 10)">\(entry.name)</text></g>
                """)
            cursorX += itemWidth
        }
        return ("<g class=\"legend\">\(parts)</g>", cursorY - y + 18)
    }

    /// A label no longer than `limit` characters (with an ellipsis), for a fixed label column.
    static func shortened(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
