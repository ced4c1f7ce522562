/// The dashboard's one stylesheet, served from the binary at /assets/dashboard.css: readable on a
/// laptop and a phone, printable (navigation and forms hidden on paper).
enum Stylesheet {
    static let css = """
        :root { --fg: #1b1b1b; --muted: #5c5c5c; --line: #d6d6d6; --accent: #0f5ea8; --bad: #a4262c; --warn: #8a5300; --ok: #107c10; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0; }
        header.top { background: #12324f; color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .25rem 1rem;
          align-items: center; }
        header.top nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
        header.top a { color: #fff; text-decoration: none; }
        header.top form.signout { display: inline; margin-left: .5rem; }
        header.top a:hover, header.top a:focus { text-decoration: underline; }
        header.top .who { margin-left: auto; font-size: .9em; }
        main { padding: 1rem; max-width: 1400px; margin: 0 auto; }
        h1 { font-size: 1.4rem; margin: .2rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; position: sticky; top: 0; }
        th[data-sort] { cursor: pointer; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .table-wrap { overflow-x: auto; }
        .cards { display: flex; flex-wrap: wrap; gap: 1rem; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; min-width: 12rem; }
        .card .big { font-size: 1.8rem; font-weight: 600; }
        .bad { color: var(--bad); font-weight: 600; }
        .warn { color: var(--warn); }
        .ok { color: var(--ok); }
        .muted { color: var(--muted); }
        .error { border-left: 4px solid var(--bad); padding: .5rem 1rem; background: #fdf3f4; }
        .notice { border-left: 4px solid var(--ok); padding: .5rem 1rem; background: #f1faf1; }
        form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: .5rem; }
        form.filters label, form.edit label { display: flex; flex-direction: column; font-size: .85em; color: var(--muted); }
        form.edit { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .5rem 1rem; }
        input, select, textarea, button { font: inherit; padding: .25rem .4rem; }
        button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .35rem .9rem; cursor: pointer; }
        .pager { display: flex; gap: 1rem; align-items: center; }
        .downloads a { margin-right: 1rem; }
        svg.burndown { max-width: 100%; height: auto; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dl.facts dt { color: var(--muted); }
        [hidden] { display: none !important; }
        @media (max-width: 640px) { main { padding: .5rem; } th, td { padding: .25rem; font-size: .9em; } }
        @media print { header.top, form, .pager, .downloads, button { display: none !important; } th { position: static; } }
        """
}
