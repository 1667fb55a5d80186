"""requirements/publish.txt: the publish job's dependencies, pinned with hashes.

Regenerate it after changing pyproject's dependencies with ``make lock``.
"""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.helpers import PROJECT

LOCK = PROJECT / "requirements" / "publish.txt"
FIX = "pyproject.toml and requirements/publish.txt differ: run `make lock`"


def pins() -> dict[str, tuple[str, list[str]]]:
    """``name → (version, hashes)`` of every requirement in the lock file."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    found: dict[str, tuple[str, list[str]]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        spec, *options = line.split()
        name, _, version = spec.partition("==")
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", " ".join(options))
        found[canonicalize_name(name)] = (version, hashes)
    return found


def pyproject() -> dict[str, object]:
    with open(PROJECT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)


def test_every_runtime_dependency_is_pinned_within_its_range() -> None:
    locked = pins()
    dependencies = pyproject()["project"]["dependencies"]  # type: ignore[index]
    build = pyproject()["build-system"]["requires"]  # type: ignore[index]
    for text in [*dependencies, *build]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in the lock file; {FIX}"
        version, _ = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), f"{name}: {FIX}"


def test_every_pin_is_exact_and_carries_hashes() -> None:
    locked = pins()
    assert len(locked) > 10
    for name, (version, hashes) in locked.items():
        assert re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), f"{name} is not pinned with =="
        assert hashes, f"{name} has no --hash"


def test_the_lock_file_names_no_index_of_this_machine() -> None:
    text = LOCK.read_text(encoding="utf-8")
    assert "--find-links" not in text and "--index-url" not in text
    assert "--extra-index-url" not in text
