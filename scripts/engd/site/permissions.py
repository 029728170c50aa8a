"""World-readable output: every folder of a built site 0755, every file 0644.

Contract: ``make_world_readable(folder)`` sets those modes on ``folder`` itself and on everything
under it (symbolic links are left alone) and returns nothing. The atomic build (``build.py``)
calls it on the temporary folder just before the swap: ``tempfile.mkdtemp`` creates that folder
with mode 0700, so without this a web server running as another user would answer 403.
"""
from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o755
FILE_MODE = 0o644


def make_world_readable(folder: Path) -> None:
    folder = Path(folder)
    os.chmod(folder, FOLDER_MODE)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, FOLDER_MODE)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)
