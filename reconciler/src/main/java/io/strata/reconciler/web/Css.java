package io.strata.reconciler.web;

/**
 * The page's only style sheet, inline so the page needs no second request and no network. Colours
 * meet WCAG AA contrast (4.5:1 and more) on their backgrounds; narrow screens stack the cards and
 * let wide tables scroll inside their region.
 */
final class Css {
  private Css() {}

  static final String TEXT =
      """
      :root{--fg:#1b1f24;--muted:#4d5560;--bg:#fff;--line:#d0d7de;--ok:#0a5c2b;--okbg:#dcf3e3;
      --bad:#8b1a1a;--badbg:#fde4e4;--warn:#6b4700;--warnbg:#fff1c7;--sync:#0b4a8b;--syncbg:#dde9f9;
      --neutral:#33393f;--neutralbg:#eceff2;--bar:#2f6fb2;--full:#a3261d}
      *{box-sizing:border-box}
      body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
      header,main,footer{padding:0 1rem;max-width:80rem;margin:0 auto}
      h1{margin:.5rem 0 0;font-size:1.6rem}h2{border-bottom:1px solid var(--line);padding-bottom:.25rem;margin-top:2rem}
      h3{font-size:1.1rem;margin:.25rem 0}
      .sub{margin:.25rem 0;color:var(--muted)}
      nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
      a{color:#0b4a8b}a:focus-visible,[tabindex]:focus-visible{outline:3px solid #0b4a8b;outline-offset:2px}
      .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
      code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
      .muted{color:var(--muted)}.small{font-size:.875rem;margin:.1rem 0}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dd{margin:0}
      .scroll{overflow-x:auto}
      table{border-collapse:collapse;width:100%;margin:.5rem 0}
      caption{text-align:left;font-weight:600;padding:.25rem 0}
      th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
      thead th{background:#f3f5f7}
      ul.plain{list-style:none;margin:0;padding:0}ul.plain li{margin:.1rem 0}
      .badge{display:inline-block;border-radius:.75rem;padding:0 .5rem;font-size:.85rem;font-weight:600;white-space:nowrap}
      .ok{color:var(--ok);background:var(--okbg)}.bad{color:var(--bad);background:var(--badbg)}
      .warn{color:var(--warn);background:var(--warnbg)}.sync{color:var(--sync);background:var(--syncbg)}
      .neutral{color:var(--neutral);background:var(--neutralbg)}
      .callout{border-left:4px solid var(--bad);padding:.5rem 1rem;margin:1rem 0}
      .callout.bad{color:var(--fg)}
      .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem}
      .card{border:1px solid var(--line);border-radius:.5rem;padding:.75rem}
      .pool{margin:.75rem 0}.pool p{margin:.1rem 0}
      .bar{height:.9rem;background:var(--neutralbg);border:1px solid #8c959f;border-radius:.25rem;overflow:hidden}
      .bar .used{display:block;height:100%;background:var(--bar)}.bar .used.full,.bar .used.over{background:var(--full)}
      .bar.thin .used{background:#6b4fa3}
      progress{width:5rem;vertical-align:middle}
      pre.plan{white-space:pre-wrap;background:#f6f8fa;border:1px solid var(--line);padding:.75rem;font-size:.85rem}
      footer{color:var(--muted);margin-top:2rem;border-top:1px solid var(--line)}
      @media (max-width:40rem){body{font-size:15px}header,main,footer{padding:0 .5rem}
      table.volumes thead{position:absolute;left:-999px}
      table.volumes tr{display:block;border-bottom:2px solid var(--line);padding:.25rem 0}
      table.volumes th,table.volumes td{display:block;border:0;padding:.15rem .25rem}
      table.volumes td::before{content:attr(data-label);display:block;font-size:.8rem;color:var(--muted)}}
      """;
}
