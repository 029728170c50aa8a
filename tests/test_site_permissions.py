"""The built site is world-readable: every folder 0755, every file 0644 (a web server running as
another user must be able to read it), including the site folder itself, which the atomic build
creates with ``tempfile.mkdtemp`` (mode 0700) before the swap."""
from __future__ import annotations

import stat

from engd.site.permissions import make_world_readable


def _wrong_modes(folder) -> list[str]:
    wrong = []
    for path in [folder, *sorted(folder.rglob("*"))]:
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        expected = 0o755 if path.is_dir() else 0o644
        if mode != expected:
            wrong.append(f"{path.relative_to(folder.parent)}: {oct(mode)} (esperado {oct(expected)})")
    return wrong


def test_every_folder_and_file_of_the_built_site_is_world_readable(built_site):
    wrong = _wrong_modes(built_site)
    assert not wrong, f"{len(wrong)} caminho(s) com permissão errada:\n" + "\n".join(wrong[:20])


def test_the_check_fails_on_a_private_folder_and_the_fix_repairs_it(tmp_path):
    site = tmp_path / "site"
    (site / "objetivos").mkdir(parents=True)
    (site / "objetivos" / "index.html").write_text("<!doctype html>", encoding="utf-8")
    site.chmod(0o700)
    (site / "objetivos" / "index.html").chmod(0o600)
    assert len(_wrong_modes(site)) == 2
    make_world_readable(site)
    assert _wrong_modes(site) == []
