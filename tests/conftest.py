from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from gazouille.sandbox import Sandbox, start
from tests.helpers import NOW, make_repo
from tests.xfake import FakeX


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never inherit CI or credentials from the machine running them."""
    for name in list(os.environ):
        if name.startswith(("GAZOUILLE_", "GITHUB_")):
            monkeypatch.delenv(name, raising=False)
    # One clock for the whole suite: nothing depends on the day the tests run.
    monkeypatch.setenv("GAZOUILLE_NOW", NOW)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "depot")


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A local X sandbox on a free port, stopped after the test."""
    with start(port=0) as running:
        yield running


@pytest.fixture
def x() -> Iterator[FakeX]:
    """A scripted X API (tests/xfake.py) on a free port, stopped after the test."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield FakeX(server).install()
    finally:
        server.clear()
        server.stop()
