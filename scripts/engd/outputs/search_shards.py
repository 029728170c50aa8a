"""The search index split in pieces, for large corpora: the first query downloads only what it needs.

Contract: ``split_index(index) -> dict[path, bytes]`` takes the single-file index that
``search_index.index_bytes`` makes (format 1, as a dict) and returns the files of format 2, paths
relative to the site folder:

- ``busca/indice.json``: the manifest (format 2): the language, the fields, the kinds, the "about"
  field (``sobre``) and, per record, one short key (``chaves``): "3" an objective, "3.7" a
  recommendation, "p" a page, "t" a theme, "g" a glossary entry; plus the list of term shards
  that exist and the size of a record block;
- ``busca/termos/KK.json``, one per shard key KK (the first two characters of a radical or of a
  word, "." written "_"): ``r`` maps each radical of the shard to its postings, one string
  "doc,weight[,s] doc,weight[,s] …" (doc = the record's position, weight = the field's weight
  times the saturated count, as the engine of format 1 computes it, rounded to 4 decimals; ",s"
  when the radical is in the "about" field); ``p`` maps each word of the records' texts that
  starts with KK to its radical (the engine finds the words a typed prefix begins);
- ``busca/registros/N.json``: the records N×BLOCK … N×BLOCK+BLOCK−1 as the engine shows them
  (address, title, kind, number, context, texts), fetched only for the results on screen.

``write_split_index(index, site_dir)`` writes them and removes the single file's content (the
manifest takes its name). ``should_split(index)`` says when to: above ``SPLIT_ABOVE`` records,
where the single file passes 300 KB gzip (10,000 recommendations make 1.1 MB). The site of the
real data (about 400 records) keeps the single file: one request is faster there.
Deterministic: same index, same bytes. ``docs/javascripts/busca-motor.js`` reads both formats.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from .. import urls
from ..search_language import fold, stem, words

SPLIT_ABOVE = 2000
BLOCK = 50
SATURATION = 1.2  # the same constant as SATURACAO in busca-motor.js
MANIFEST = urls.SEARCH_INDEX
TERMS = urls.SEARCH_TERMS
RECORDS = urls.SEARCH_RECORDS


def shard_key(text: str) -> str:
    return text[:2].replace(".", "_")


def should_split(index: dict) -> bool:
    return len(index["documentos"]) > SPLIT_ABOVE


def _key_of(doc: dict) -> str:
    if doc["tipo"] == "objetivo":
        return doc["numero"]
    if doc["tipo"] == "recomendacao":
        return doc["numero"]
    return {"pagina": "p", "tema": "t", "glossario": "g"}.get(doc["tipo"], "p")


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def split_index(index: dict) -> dict[str, bytes]:
    weights = [field["peso"] for field in index["campos"]]
    names = [field["nome"] for field in index["campos"]]
    about = names.index(index["sobre"]) if index.get("sobre") in names else -1
    stopwords = set(index["lingua"]["vazias"])
    postings: dict[str, list[str]] = defaultdict(list)
    vocabulary: dict[str, dict[str, str]] = defaultdict(dict)

    for d, doc in enumerate(index["documentos"]):
        for field, text in enumerate(doc["radicais"]):
            if not text:
                continue
            for item in text.split(" "):
                radical, _, times = item.partition(":")
                n = int(times or 1)
                weight = weights[field] * n * (1 + SATURATION) / (n + SATURATION)
                postings[radical].append(f"{d},{round(weight, 4)}" + (",s" if field == about else ""))
        for text in doc["textos"] + [doc["titulo"]]:
            for word in words(fold(text)):
                if word not in stopwords:
                    vocabulary[shard_key(word)].setdefault(word, stem(word))
    shards: dict[str, dict] = defaultdict(lambda: {"r": {}, "p": {}})
    for radical, items in postings.items():
        shards[shard_key(radical)]["r"][radical] = " ".join(items)
    for key, forms in vocabulary.items():
        shards[key]["p"].update(forms)
    docs = index["documentos"]
    manifest = {key: value for key, value in index.items() if key != "documentos"}
    manifest.update({"formato": 2, "chaves": [_key_of(doc) for doc in docs], "fragmentos": sorted(shards),
                     "bloco": BLOCK, "termos": TERMS.replace("{}", "{chave}"),
                     "registros": RECORDS.replace("{}", "{bloco}")})
    files = {MANIFEST: _dump(manifest)}
    for key in sorted(shards):
        files[TERMS.format(key)] = _dump(shards[key])
    for start in range(0, len(docs), BLOCK):
        block = [{k: doc[k] for k in ("url", "titulo", "tipo", "numero", "contexto", "textos")}
                 for doc in docs[start:start + BLOCK]]
        files[RECORDS.format(start // BLOCK)] = _dump(block)
    return files


def write_split_index(index: dict, site_dir: Path) -> None:
    for path, content in split_index(index).items():
        target = Path(site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
