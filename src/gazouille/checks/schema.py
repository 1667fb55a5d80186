"""The front matter follows ``schema/post.schema.json``: known keys, right types.

Unknown keys are errors with a "did you mean" hint, so that a typo such as
``catgory:`` never passes silently.

Passes::

    ---
    category: prevention
    lang: fr
    ---
    …

Fails (``schema``)::

    ---
    category: prevention
    publish-at: 2026-12-01T09:00
    ---
    …
"""

from __future__ import annotations

from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem
from gazouille.validation import validate
from gazouille.yamlutil import LoadedYaml

ID = "schema"


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    loaded = LoadedYaml(post.meta, post.lines, first_line=2)
    for problem in validate("post.schema.json", loaded):
        if problem.key == "category":
            continue  # the category check says it better
        if problem.key == "alt" and problem.validator in {"required", "minLength", "maxLength"}:
            continue  # so does the media check, as media/alt-missing
        yield Problem(ID, problem.message, line=problem.line, fix=problem.fix)
