"""What the browser tests of the web editor share: Chromium, the npm bundles, a throw-away repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import PROJECT, git, make_repo

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium phones home and its
# connections are refused many at a time on a machine without the Internet.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=fr-FR",
]
NODE_MODULES = PROJECT / "node_modules"


def missing_reason() -> str | None:
    """Why the browser tests cannot run here, in plain words, or None."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (make install)"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)"
    if shutil.which("node") is None:
        return "node is missing (apt-get install nodejs npm)"
    if not (NODE_MODULES / "decap-cms" / "dist" / "decap-cms.js").is_file():
        return "node_modules is missing (npm ci; .ci/run and make editor run it)"
    return None


needs_browser = pytest.mark.skipif(missing_reason() is not None, reason=str(missing_reason()))


def build_bundle() -> None:
    """``npm run build``: esbuild, offline, a fraction of a second."""
    subprocess.run(["npm", "run", "-s", "build"], cwd=PROJECT, check=True, capture_output=True)


def editor_repo(root: Path) -> Path:
    """A repository as a department has it: accounts, posts, media and admin/, on main."""
    make_repo(root, commit=False)
    shutil.copytree(PROJECT / "posts", root / "posts", dirs_exist_ok=True)
    (root / "admin").mkdir()
    shutil.copy(PROJECT / "admin" / "index.html", root / "admin" / "index.html")
    shutil.copy(PROJECT / "admin" / "config.yml", root / "admin" / "config.yml")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "initial")
    return root
