"""The search index in pieces (format 2, for large corpora) finds what the single file finds.

``search_shards.split_index`` turns the single-file index into a manifest, term shards and record
blocks; the browser's engine reads either. Here the real data's index is split on purpose (it is
small enough to stay whole on the site) and, in Chromium, every query of the fixtures gives the same
first results from both formats, and a first query fetches only the manifest, the shards of its
terms and the blocks of the results on screen. The 10,000-item figures are the benchmark's
(``python -m tools.bench --so busca_escala``).
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from engd.outputs.search_index import index_bytes
from engd.outputs.search_shards import BLOCK, MANIFEST, SPLIT_ABOVE, should_split, split_index, write_split_index

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = yaml.safe_load((Path(__file__).parent / "fixtures" / "consultas_busca.yml").read_text(encoding="utf-8"))
QUERIES = [q["consulta"] for q in FIXTURE["consultas"]] + [q["consulta"] for q in FIXTURE["precisao"]]


@pytest.fixture(scope="module")
def single(strategy) -> dict:
    return json.loads(index_bytes(strategy))


def test_the_real_index_stays_whole_and_a_large_one_is_split(single):
    assert not should_split(single)
    assert should_split({"documentos": [{}] * (SPLIT_ABOVE + 1)})


def test_the_pieces_hold_every_record_and_every_radical(single):
    files = split_index(single)
    manifest = json.loads(files[MANIFEST])
    docs = single["documentos"]
    assert manifest["formato"] == 2 and "documentos" not in manifest
    assert len(manifest["chaves"]) == len(docs) and manifest["lingua"] == single["lingua"]
    assert manifest["chaves"][:2] == ["1", "1.1"]
    blocks = [json.loads(files[f"busca/registros/{n}.json"]) for n in range((len(docs) + BLOCK - 1) // BLOCK)]
    assert [r["url"] for block in blocks for r in block] == [d["url"] for d in docs]
    radicals = {item.split(":")[0] for d in docs for field in d["radicais"] if field for item in field.split(" ")}
    sharded = {r for key in manifest["fragmentos"] for r in json.loads(files[f"busca/termos/{key}.json"])["r"]}
    assert sharded == radicals
    assert split_index(single) == files  # deterministic


def _serve(folder: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


_BOTH = """async queries => {
    const modulo = await import('/javascripts/busca-motor.js');
    const baixar = c => fetch('/' + c).then(r => r.json());
    const inteiro = modulo.criarMotor(await baixar('inteiro/indice.json'));
    const dividido = modulo.criarMotor(await baixar('busca/indice.json'), baixar);
    const nome = r => r.tipo === 'recomendacao' ? r.numero : r.tipo === 'objetivo' ? 'objetivo ' + r.numero : r.url;
    const out = [];
    for (const q of queries) {
        const a = inteiro.buscar(q + ' ').slice(0, 5);
        const b = (await dividido.buscar(q + ' ', 5)).slice(0, 5);
        out.push([q, a.map(nome), b.map(nome), a.map(r => JSON.stringify(r.trecho())), b.map(r => JSON.stringify(r.trecho()))]);
    }
    return out;
}"""


@pytest.mark.browser
def test_both_formats_give_the_same_first_results_and_excerpts(page, single, tmp_path):
    site = tmp_path / "site"
    (site / "javascripts").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "javascripts" / "busca-motor.js", site / "javascripts")
    (site / "index.html").write_text('<!doctype html><html lang="pt-BR"><title>x</title>', encoding="utf-8")
    (site / "inteiro").mkdir()
    (site / "inteiro" / "indice.json").write_text(json.dumps(single, ensure_ascii=False), encoding="utf-8")
    write_split_index(single, site)
    server, base = _serve(site)
    try:
        page.goto(base + "/")
        fetched = []
        page.on("request", lambda request: fetched.append(request.url.removeprefix(base)))
        differences = [(q, a, b) for q, a, b, ea, eb in page.evaluate(_BOTH, QUERIES) if a != b or ea != eb]
    finally:
        server.shutdown()
    assert not differences, differences[:5]
    assert any(url.startswith("/busca/termos/") for url in fetched)
    assert any(url.startswith("/busca/registros/") for url in fetched)
