"""Shared fixtures: the project's folders, the model of the real data, build contexts, the outputs
as functions of (model, context), and one built site per run.

Most tests read ``outputs`` (what ``engd.outputs.assemble`` publishes for the real data, in memory,
without MkDocs) or ``assembled(**context_values)`` for another configuration (a site address, a
repository). The site is built once per run (``built_site``, shared by the test workers) with the code path of ``engd
build``, for what only a full build shows; ``build_with`` builds once per other configuration.
Tests read these and never write into them.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import site_walk
from tab_pool import ContextPool, Lender
from engd.context import BuildContext, from_environment
from engd.model import load_strategy
from engd.outputs import assemble
from engd.site.build import build

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_URL = "https://exemplo.gov.br/engd/"
REPOSITORY = "https://github.com/exemplo/engd"


def make_context(data_dir: Path = DATA, output_dir: Path | None = None, pdf: bool = False, **values) -> BuildContext:
    """The context ``engd build`` would make here with nothing configured (the PDF only when ``pdf``,
    then made as ``ENGD_PDF=auto`` makes it), then ``values`` changed (``site_url``, ``repository``...)."""
    environ = {} if pdf else {"ENGD_PDF": "nao"}
    return from_environment(ROOT, data_dir, output_dir, environ=environ).with_values(**values)


def build_into(site: Path, data_dir: Path = DATA, pdf: bool = False, **values) -> Path:
    """Build the site into ``site`` as ``engd build`` does (atomic, strict), with a context made here."""
    build(make_context(data_dir, site, pdf, **values))
    return site


def second_act_data(target: Path) -> Path:
    """A writable copy of the second act (``fixtures/segundo-ato``: 2 objectives, 3 recommendations)
    with the generator's schemas, which are the same for every act. Its site builds in about a third
    of the real one's time: the tests of what a build does whatever the act use it."""
    shutil.copytree(FIXTURES / "segundo-ato", target)
    shutil.copytree(DATA / "esquemas", target / "esquemas")
    return target


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path) with the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def register_output(monkeypatch, name: str, publish) -> str:
    """Add a toy output (a module ``name`` with ``publish``) at the end of the registry, for this test."""
    import sys
    import types

    from engd import outputs as registry

    module = types.ModuleType(name)
    module.publish = publish
    monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(registry, "REGISTRY", registry.REGISTRY + [name])
    return name


@pytest.fixture(scope="session")
def strategy():
    model, problems = load_strategy(DATA)
    assert model is not None, "\n".join(map(str, problems))
    return model


@pytest.fixture(scope="session")
def context() -> BuildContext:
    return make_context(pdf=True)


@pytest.fixture(scope="session")
def outputs(strategy, context):
    """Everything the site publishes for the real data (``engd.outputs.Site``), without MkDocs."""
    return assemble(strategy, context)


@pytest.fixture(scope="session")
def assembled(strategy):
    """``assembled(site_url=..., repository=...)``: the outputs with other context values, once per set."""
    made: dict = {}

    def make(**values):
        key = tuple(sorted(values.items()))
        if key not in made:
            made[key] = assemble(strategy, make_context(**values))
        return made[key]

    return make


@pytest.fixture(scope="session")
def once_per_run(tmp_path_factory, worker_id):
    """``once_per_run(name, make)``: the folder ``make(folder)`` fills, made once for the whole run.
    With test workers (pytest-xdist), the first one to ask makes it in their common temporary folder,
    and the others wait for it and read it (a build that two workers need is made once)."""
    import fcntl

    def made(name: str, make) -> Path:
        if worker_id == "master":
            folder = tmp_path_factory.mktemp(name)
            make(folder)
            return folder
        common = tmp_path_factory.getbasetemp().parent
        folder = common / name
        with open(common / f"{name}.trava", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (common / f"{name}.pronta").exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                make(folder)
                (common / f"{name}.pronta").write_text("")
        return folder

    return made


@pytest.fixture(scope="session")
def built_site(once_per_run) -> Path:
    """The site built once for the whole run, PDF included, as ``engd build`` builds it."""
    return once_per_run("construcao-comum", lambda folder: build_into(folder / "site", pdf=True)) / "site"


@pytest.fixture(scope="session")
def second_act_site(once_per_run):
    """The second act (``second_act_data``) built once for the whole run, PDF included, as ``engd
    build`` builds it: ``.data`` (its data folder, not to be written) and ``.site``."""
    from types import SimpleNamespace

    folder = once_per_run("segundo-ato", lambda folder: build_into(folder / "site", second_act_data(folder / "dados"), pdf=True))
    return SimpleNamespace(data=folder / "dados", site=folder / "site")


@pytest.fixture(scope="session")
def build_with(once_per_run, request):
    """Build the whole site with other context values (``site_url``, ``repository``...), once per set
    for the whole run, for what only a built site shows under that configuration."""
    def build_site(**values) -> Path:
        if not values:
            return request.getfixturevalue("built_site")
        name = "construcao-" + hashlib.sha256(repr(sorted(values.items())).encode()).hexdigest()[:12]
        return once_per_run(name, lambda folder: build_into(folder / "site", **values)) / "site"

    return build_site


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# --- Browser: a real headless Chromium (Debian's package) driven by Playwright ------------------

# ``--max-opt=1``: V8 runs the pages' and axe's JavaScript in its interpreter and baseline compiler
# only, without the optimising compilers. A test page lives for a second or two, so their work is
# never paid back: the page walk costs about 12 % less processor time (``tools`` benchmarks, which
# measure what a reader's browser does, keep V8 as it comes). The tiers run the same JavaScript.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--js-flags=--max-opt=1",
]


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over HTTP on the loopback interface, for the whole session."""
    import functools
    import http.server
    import threading

    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    site_walk.AXE_ORIGINS.add(origin)
    yield origin
    site_walk.AXE_ORIGINS.discard(origin)
    server.shutdown()


class _QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    """Serves a folder quietly; and axe-core at ``site_walk.AXE_ROUTE`` (never part of the site)."""

    def translate_path(self, path):
        if path.split("?", 1)[0] == site_walk.AXE_ROUTE:
            return str(site_walk.AXE)
        return super().translate_path(path)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    """Chromium's headless shell (``site_walk.CHROMIUM``). A missing browser is a failure, never a skip."""
    from playwright.sync_api import sync_playwright

    assert Path(site_walk.CHROMIUM).exists(), site_walk.CHROMIUM_MISSING
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=site_walk.CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def _context_pool(browser):
    pool = ContextPool(browser)
    yield pool
    pool.close()


@pytest.fixture
def tabs(_context_pool):
    """``tabs.open(mode, **options)``: a new tab of a context kept for the whole run (``tab_pool``),
    given back, with what its context shares reset, when the test ends."""
    lender = Lender(_context_pool)
    yield lender
    lender.give_back_all()


@pytest.fixture
def page(tabs):
    return tabs.open()


# The two screens readers were watched on (issue 17): a phone, which has touch, and a computer.
SCREENS = {390: {"viewport": {"width": 390, "height": 844}, "has_touch": True},
           1366: {"viewport": {"width": 1366, "height": 900}}}


@pytest.fixture(params=list(SCREENS), ids=lambda width: f"{width}px")
def tab(tabs, request):
    """A page on each of the two screens, allowed to use the clipboard (copy tests read it back)."""
    return tabs.open(permissions=["clipboard-read", "clipboard-write"], **SCREENS[request.param])


# The longest tests start first, so the test workers end together instead of two of them waiting
# for the third one's last long test (pytest-xdist hands the tests out in this order).
LONGEST_FIRST = ("test_every_page.py", "test_pa11y.py", "test_self_assessment_browser.py", "test_synthetic.py",
                 "test_reproducible.py", "test_screenshots.py", "test_cli.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: LONGEST_FIRST.index(item.path.name) if item.path.name in LONGEST_FIRST
               else len(LONGEST_FIRST))
