/// The outer `<svg>` element every chart is drawn into.
enum ChartSVG {
    /// An accessible, fixed-size SVG of `width` × `height` holding `parts`, titled `title`.
    static func element(title: String, width: Double, height: Double, parts: [HTML]) -> HTML {
        """
        <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(px: width) \(px: height)" \
        width="\(px: width)" height="\(px: height)" role="img" aria-label="\(title)"><title>\(title)</title>\(parts)</svg>
        """
    }
}
