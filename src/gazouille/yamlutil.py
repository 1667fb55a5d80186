"""YAML loading that remembers where every key stands.

PyYAML silently keeps the last of two duplicate keys and turns date-times into
``datetime`` objects; both would hide mistakes from an officer. This loader
refuses duplicates, keeps date-times as the strings the schema describes, and
returns the line of every key so that messages can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from gazouille.errors import GazouilleError

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader without the timestamp resolver: dates stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class YamlError(GazouilleError):
    """The YAML text is not what we expect; ``line`` is in the file's numbering."""


@dataclass
class LoadedYaml:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path: Path_) -> int:
        """Line of the deepest known element of ``path`` (falls back to the document)."""
        for cut in range(len(path), 0, -1):
            found = self.lines.get(tuple(path[:cut]))
            if found is not None:
                return found
        return self.first_line


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line = key_node.start_mark.line + offset
            if key in seen:
                raise YamlError(
                    f"la clé « {key} » est écrite deux fois (déjà ligne {seen[key]})",
                    line=line,
                    fix="gardez une seule fois cette clé.",
                )
            seen[key] = line
            lines[(*path, key)] = line
            _walk(value_node, (*path, key), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + offset
            _walk(item, (*path, index), lines, offset)


def load(text: str, *, first_line: int = 1) -> LoadedYaml:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LoadedYaml(None, {}, first_line)
        lines: dict[Path_, int] = {}
        _walk(node, (), lines, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or exc.context or "syntaxe invalide"
        raise YamlError(
            f"YAML invalide ({problem})",
            line=line,
            fix="vérifiez l'indentation, les deux-points et les guillemets de cette ligne.",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML invalide ({exc})", line=first_line) from None
    except (ValueError, TypeError, RecursionError) as exc:
        # e.g. an unhashable key, or anchors nested too deep.
        raise YamlError(f"YAML invalide ({exc})", line=first_line) from None
    finally:
        loader.dispose()
    return LoadedYaml(data, lines, first_line)
