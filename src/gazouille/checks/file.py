"""The post file can be read: where it stands, what it is, its encoding and its
front matter. These rules are reported while the file is read, before any
other check; a file that breaks one is refused alone.

- ``file/location``: a post is a ``.md`` file under ``posts/<account>/``, for an
  account of ``accounts.yml``.
- ``file/not-a-file``: a folder, a FIFO or another special file named ``*.md``
  (it is never opened: reading a FIFO would wait forever).
- ``file/symlink``: a link is replaced by the file itself.
- ``file/missing``, ``file/encoding`` (UTF-8 only), ``file/too-large``,
  ``file/empty`` (no text under the front matter).
- ``file/front-matter``: the file starts with ``---``, fields, ``---``.
- ``file/yaml``: a YAML syntax error, said in French at the line to fix (a tab,
  an unclosed bracket or quote, a bad indentation, a missing colon).
- ``file/yaml-alias``: YAML anchors and aliases (``&x``, ``*x``) are refused
  before anything is built: a few hundred bytes of nested aliases ("billion
  laughs") would expand to gigabytes.
- ``file/duplicate-key``: a field written twice.
- ``file/unchecked``: a check could not handle the post (a gazouille bug); the
  post is held back, the others go on.

Passes::

    ---
    category: prevention
    ---
    Fermez votre porte à clé.

Fails (``file/yaml-alias``)::

    ---
    category: &c prevention
    ---
    Fermez votre porte à clé.
"""

from __future__ import annotations

from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

ID = "file"


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    """Nothing more to say once the file was read: see the module docstring."""
    return iter(())
