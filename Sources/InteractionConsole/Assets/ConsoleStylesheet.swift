/// The console's stylesheet. Print rules keep the charts and tables and drop the navigation.
enum ConsoleStylesheet {
    static let text = #"""
    :root { --ink: #1d232a; --muted: #5b6570; --line: #d8dde3; --panel: #f6f8fa; --accent: #0072B2; --note: #fff6dd; --bad: #b3261e; --good: #1b7f4a; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
    header.top { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #17324d; color: #fff; }
    header.top .brand { font-weight: 700; letter-spacing: .02em; }
    header.top nav a { color: #dbe9f6; text-decoration: none; margin-right: 16px; padding: 4px 0; }
    header.top nav a[aria-current="page"] { color: #fff; border-bottom: 2px solid #fff; }
    header.top form.logout { margin-left: auto; }
    header.top form.logout button { background: transparent; color: #fff; border: 1px solid #8fb3d6; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
    main { padding: 16px 24px 32px; max-width: 1180px; }
    footer { padding: 8px 24px 24px; color: var(--muted); font-size: 13px; }
    h1 { font-size: 22px; margin: 8px 0 12px; }
    h2 { font-size: 17px; margin: 24px 0 8px; }
    a { color: var(--accent); }
    .muted { color: var(--muted); }
    .mono, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; word-break: break-all; }
    form.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; padding: 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
    form.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); }
    form.filters input { font: inherit; padding: 4px 6px; border: 1px solid #b9c2cc; border-radius: 4px; }
    button { font: inherit; padding: 5px 12px; border-radius: 4px; border: 1px solid #0a5d91; background: var(--accent); color: #fff; cursor: pointer; }
    dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 16px 0; }
    dl.figures div { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
    dl.figures dt { font-size: 13px; color: var(--muted); }
    dl.figures dd { margin: 2px 0 0; font-size: 22px; font-weight: 600; }
    dl.facts { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 8px 0 12px; }
    dl.facts dt { font-size: 12px; color: var(--muted); }
    dl.facts dd { margin: 0; }
    .charts { display: grid; grid-template-columns: 1fr; gap: 8px; }
    figure { margin: 0 0 12px; }
    figcaption { font-size: 13px; color: var(--muted); margin-bottom: 4px; }
    svg.chart { max-width: 100%; height: auto; font-size: 11px; font-family: inherit; }
    svg.chart .grid { stroke: #e6e9ed; stroke-width: 1; }
    svg.chart .axis { stroke: #6b7580; stroke-width: 1; }
    svg.chart .tick, svg.chart .legend text { fill: #3b444d; }
    svg.chart .axis-title { fill: #3b444d; font-size: 12px; }
    svg.chart .empty { fill: var(--muted); font-size: 13px; }
    table { border-collapse: collapse; margin: 6px 0 12px; font-size: 14px; }
    th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-weight: 600; color: var(--muted); font-size: 13px; }
    td.number, th.number { text-align: right; padding-right: 14px; }
    details { margin: 4px 0 12px; }
    details summary { cursor: pointer; color: var(--muted); font-size: 13px; }
    .badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px; border: 1px solid var(--line); background: var(--panel); }
    .badge.note { background: var(--note); border-color: #e7c766; }
    .badge.good { color: #fff; background: var(--good); border-color: var(--good); }
    .badge.bad { color: #fff; background: var(--bad); border-color: var(--bad); }
    .views { display: flex; gap: 8px; margin: 8px 0 12px; }
    .views a { padding: 3px 10px; border: 1px solid var(--line); border-radius: 4px; text-decoration: none; }
    .views a.active { background: var(--accent); color: #fff; border-color: var(--accent); }
    .transcripts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 20px; }
    .transcripts section[hidden] { display: none; }
    ol.timeline { list-style: none; padding: 0; margin: 0; }
    ol.timeline li { padding: 6px 8px; border-left: 3px solid var(--line); margin-bottom: 4px; }
    ol.timeline li.message { border-left-color: var(--accent); }
    ol.timeline li.note { background: var(--note); border-left-color: #e7c766; }
    ol.timeline li.event { color: var(--muted); font-size: 14px; }
    ol.timeline li.request { color: #4a3b7a; font-size: 14px; border-left-color: #9b8ad0; }
    ol.timeline .meta { font-size: 12px; color: var(--muted); }
    ol.timeline .text { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .verdict { padding: 10px 14px; border-radius: 6px; margin: 8px 0 16px; font-weight: 600; }
    .verdict.good { background: #e3f4ea; color: var(--good); border: 1px solid #9fd3b4; }
    .verdict.bad { background: #fbe7e6; color: var(--bad); border: 1px solid #eba7a2; }
    .live { font-size: 13px; color: var(--muted); }
    .error { padding: 10px 14px; background: #fbe7e6; border: 1px solid #eba7a2; border-radius: 6px; }
    form.login { max-width: 360px; display: flex; flex-direction: column; gap: 10px; }
    form.login input { font: inherit; padding: 6px 8px; border: 1px solid #b9c2cc; border-radius: 4px; }
    nav.pages { margin: 10px 0; }
    @media print {
      header.top, form.filters, .views, footer, form.logout { display: none; }
      details > table { display: table; }
      main { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
    }
    """#
}
