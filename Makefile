# Os poucos comandos que o README cita. Tudo se instala sozinho na primeira vez.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.instalado

.PHONY: serve build check test bench render clean deps-sistema audit

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

## PUPPETEER_SKIP_DOWNLOAD: o pa11y usa o Chromium do Debian (CHROME_PATH), nunca um baixado pelo puppeteer.
node_modules/.instalado: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund --silent
	touch node_modules/.instalado

## Programas do Debian: o Chromium do PDF, a versão dele sem janela em que rodam os testes de navegador,
## o poppler do PDF e o validador de HTML (Java).
deps-sistema:
	@command -v chromium >/dev/null && command -v chromium-headless-shell >/dev/null && command -v pdftotext >/dev/null && command -v java >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell poppler-utils default-jre-headless >/dev/null; }

## Constrói o site e o serve em http://127.0.0.1:8000 com recarga automática.
serve: $(STAMP)
	$(BIN)/engd serve

## Constrói o site em site/ (de forma atômica).
build: $(STAMP)
	$(BIN)/engd build

## Valida os dados de data/.
check: $(STAMP)
	$(BIN)/engd check

## Roda todos os testes, em paralelo: um processo a mais que os processadores, porque os testes de
## navegador passam parte do tempo esperando o Chromium. Os mais longos começam primeiro (conftest) e
## --dist worksteal deixa um processo livre pegar testes da fila de outro, para todos terminarem juntos.
TEST_WORKERS ?= $(shell expr $$(nproc) + 1)
test: $(STAMP) node_modules/.instalado deps-sistema
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

## Audita as dependências travadas em requirements.lock (pip-audit e, se ele não alcançar o PyPI, o endpoint de projeto).
audit: $(STAMP)
	$(BIN)/python -m tools.audit requirements.lock

## Mede desempenho e imprime tabelas.
bench: $(STAMP) node_modules/.instalado deps-sistema
	$(BIN)/python -m tools.bench

## Escreve a árvore Markdown gerada em build/markdown/.
render: $(STAMP)
	$(BIN)/engd render --out build/markdown

clean:
	rm -rf site build .pytest_cache
