from __future__ import annotations

import importlib.util
import re

from gazouille.checks import CHECKS
from tests.helpers import PROJECT


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen", PROJECT / "scripts/gen_rules_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_doc_is_up_to_date() -> None:
    current = (PROJECT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == _generator().render(), "run: python scripts/gen_rules_doc.py"


def test_every_check_documents_a_passing_and_a_failing_example() -> None:
    for check_id, module in CHECKS.items():
        doc = module.__doc__ or ""
        assert re.search(r"^Passes", doc, re.MULTILINE), check_id
        assert re.search(r"^(Fails|Warns)", doc, re.MULTILINE), check_id


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^(make \w[\w-]*)$", readme, re.MULTILINE)
    assert commands[:2] == ["make demo", "make test"]


def test_docs_links_resolve() -> None:
    for page in [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]:
        for target in re.findall(
            r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")
        ):
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"
