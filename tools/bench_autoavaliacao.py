"""Benchmark: the self-assessment page (issue 14) — first-view weight and input lag.

``run(project)`` builds the site into a temporary folder, serves it on 127.0.0.1 and opens
``/autoavaliacao/`` in headless Chromium with an empty cache, weighing every request of the first view
as ``bench_paginas`` does (raw and gzip level 6). Then it fills every recommendation in (the storage
already holds a complete assessment, as after a long session), and types in the notes of the last
one and the area of the first (after one warm-up key, which pays for scrolling to the field): for each key, the time from the key event (``event.timeStamp``) to
the moment the page has saved and updated the summary (the ``aa:salvo`` event, ``performance.now()``),
and, for information, to the next frame (the goal is read on the first figure, as the issue defines the
lag; the frame figures depend on how busy the machine is). It also changes a status (which redraws the summary) some times. It returns a
Markdown table and whether the figures of issue 14 are reached: first view ≤ 120 KB gzip, no input
lag above 50 ms. It never writes outside its temporary folder. Run with ``python -m tools.bench --so autoavaliacao``.
"""
from __future__ import annotations

from pathlib import Path
from statistics import median

from tools.bench_paginas import KINDS, View, _kb, _until_quiet, _weigh
from tools.bench_site import chromium, served_site

TOTAL_LIMIT = 120_000
LAG_LIMIT_MS = 50.0
KEYS = 40

_LISTEN = """() => {
  window.__aa = {lags: [], frames: [], start: null};
  document.addEventListener('keydown', e => { window.__aa.start = e.timeStamp; }, true);
  document.addEventListener('aa:salvo', () => {
    const start = window.__aa.start;
    if (start === null) return;
    window.__aa.lags.push(performance.now() - start);
    requestAnimationFrame(() => setTimeout(() => window.__aa.frames.push(performance.now() - start), 0));
    window.__aa.start = null;
  });
}"""


def _filled_assessment(page) -> None:
    """Put a complete assessment in the storage and reload, as after a long session."""
    page.evaluate("""() => {
      const config = JSON.parse(document.getElementById('aa-config').textContent);
      const statuses = config.situacoes.map(s => s.id);
      const doc = {formato: config.formato, versao: config.versao,
        cabecalho: {ente_nome: 'Município de Exemplo', ente_tipo: 'municipio', ente_codigo_ibge: '3550308',
                    data_avaliacao: '2026-12-01', preenchido_por: 'Equipe'},
        respostas: config.recomendacoes.map((id, i) => ({recomendacao: id, situacao: statuses[i % statuses.length],
          area_responsavel: 'Secretaria de Administração ' + id, data_prevista: '2027-06-30',
          evidencia: 'https://exemplo.gov.br/' + id, observacoes: 'Observação longa '.repeat(20)}))};
      localStorage.setItem(config.chave, JSON.stringify(doc));
    }""")
    page.reload(wait_until="load")


def measure(base_url: str, browser) -> tuple[View, dict[str, list[float]]]:
    context = browser.new_context(locale="pt-BR", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        first_view = View("autoavaliação")
        weighing = {"on": True}
        page.on("requestfinished", lambda request: weighing["on"] and _weigh(request, first_view))
        page.goto(base_url + "/autoavaliacao/", wait_until="networkidle")
        _until_quiet(page, first_view)
        weighing["on"] = False
        _filled_assessment(page)
        page.evaluate(_LISTEN)
        lags: dict[str, list[float]] = {}
        last = page.evaluate("JSON.parse(document.getElementById('aa-config').textContent).recomendacoes.slice(-1)[0]")
        for label, selector in (("observações da última", f"#aa-{last.replace('.', '-')}-observacoes"),
                                ("área da primeira", "#aa-1-1-area")):
            page.locator(selector).focus()
            page.keyboard.press("End")
            page.keyboard.press("a")  # warm-up: the first key after the focus moved pays for scrolling there
            page.wait_for_timeout(300)
            page.evaluate("() => { window.__aa.lags = []; window.__aa.frames = []; }")
            for _ in range(KEYS):
                page.keyboard.press("a")
            page.wait_for_timeout(200)
            figures = page.evaluate("() => { const r = [window.__aa.lags, window.__aa.frames]; window.__aa.lags = []; window.__aa.frames = []; return r; }")
            lags[label] = figures
        page.locator("#aa-1-1-situacao").focus()
        for key in ["ArrowDown", "ArrowUp"] * 10:
            page.keyboard.press(key)
        page.wait_for_timeout(200)
        lags["situação (redesenha o resumo)"] = page.evaluate("[window.__aa.lags, window.__aa.frames]")
        return first_view, lags
    finally:
        context.close()


def table(view: View, lags: dict) -> str:
    lines = ["Autoavaliação: peso da primeira visita (Chromium sem cache, 390×844; gzip nível 6; KB = 1000 bytes)", "",
             "| tipo | pedidos | KB | KB gzip |", "|---|---:|---:|---:|"]
    for kind in KINDS:
        weight = view.by_kind[kind]
        if weight.requests:
            lines.append(f"| {kind} | {weight.requests} | {_kb(weight.raw)} | {_kb(weight.gzip)} |")
    total = view.total
    lines.append(f"| total | {total.requests} | {_kb(total.raw)} | {_kb(total.gzip)} |")
    lines += ["", f"Atraso ao digitar numa avaliação preenchida ({KEYS} teclas por campo; ms, "
              "da tecla até salvar e atualizar o resumo / até o quadro seguinte)", "",
              "| campo | teclas | mediana | máximo | quadro: mediana | quadro: máximo |", "|---|---:|---:|---:|---:|---:|"]
    worst = 0.0
    fmt = lambda value: f"{value:.1f}".replace(".", ",")
    for label, (saved, frames) in lags.items():
        if not saved:
            lines.append(f"| {label} | 0 | — | — | — | — |")
            continue
        worst = max(worst, max(saved))
        lines.append(f"| {label} | {len(saved)} | {fmt(median(saved))} | {fmt(max(saved))} | "
                     f"{fmt(median(frames)) if frames else '—'} | {fmt(max(frames)) if frames else '—'} |")
    verdict = lambda ok: "atingida" if ok else "NÃO atingida"
    lines += ["", f"Meta: primeira visita ≤ {_kb(TOTAL_LIMIT)} KB gzip: {_kb(total.gzip)} KB, {verdict(total.gzip <= TOTAL_LIMIT)}.",
              f"Meta: nenhum atraso acima de {fmt(LAG_LIMIT_MS)} ms (da tecla até salvar e atualizar o resumo): máximo {fmt(worst)} ms, "
              f"{verdict(worst <= LAG_LIMIT_MS and all(v[0] for v in lags.values()))}."]
    return "\n".join(lines)


def run(project: Path) -> str:
    with served_site(project, "engd-bench-autoavaliacao-") as (_site, base_url), chromium() as browser:
        view, lags = measure(base_url, browser)
    return table(view, lags)
