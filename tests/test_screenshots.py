"""Screenshots of the home, an objective and a recommendation, kept as test artifacts.

Taken in headless Chromium at 1366×900 and 390×844 (whole page), in the light mode, and the
recommendation also in the dark and high-contrast modes, into ``test-artifacts/screenshots/``
(ignored by git; CI can upload the folder). Each file must be a PNG as wide as its viewport.
"""
import struct

import pytest

from site_walk import ROOT

pytestmark = pytest.mark.browser

OUT = ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = [(1366, 900), (390, 844)]
SHOTS = [("inicio", "/", "claro"), ("objetivo-3", "/objetivos/3/", "claro"),
         ("recomendacao-3-7", "/recomendacoes/3-7/", "claro"),
         ("recomendacao-3-7", "/recomendacoes/3-7/", "escuro"),
         ("recomendacao-3-7", "/recomendacoes/3-7/", "alto-contraste"),
         ("glossario", "/glossario/", "claro"), ("dados", "/dados/", "claro"), ("nao-encontrada", "/404.html", "claro")]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "não é PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("width,height", VIEWPORTS)
def test_screenshots(tabs, site_url, width, height):
    OUT.mkdir(parents=True, exist_ok=True)
    for name, path, mode in SHOTS:
        page = tabs.open(mode, viewport={"width": width, "height": height})
        page.goto(site_url + path, wait_until="load")
        target = OUT / f"{name}-{mode}-{width}x{height}.png"
        target.unlink(missing_ok=True)
        page.screenshot(path=str(target), full_page=True)
        page.close()
        shot_width, shot_height = png_size(target.read_bytes())
        assert shot_width == width and shot_height >= height, (target.name, shot_width, shot_height)
