"""YAML loading that remembers where every key stands.

PyYAML silently keeps the last of two duplicate keys and turns date-times into
``datetime`` objects; both would hide mistakes from an officer. This loader
refuses duplicates, keeps date-times as the strings the schema describes, and
returns the line of every key so that messages can point at it.

Anchors and aliases (``&x`` / ``*x``) are refused before anything is built:
a few hundred bytes of nested aliases ("billion laughs") expand to gigabytes.
No post or configuration needs them. Syntax errors are told in French, at the
line an officer must fix (where the bracket or quote was opened, where the
colon is missing, where the tab is).
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
    """The YAML text is not what we expect; ``line`` is in the file's numbering.

    ``rule`` names the problem for post files: ``file/yaml``,
    ``file/yaml-alias`` or ``file/duplicate-key``.
    """

    def __init__(
        self, message: str, *, line: int | None, fix: str | None = None, rule: str = "file/yaml"
    ) -> None:
        super().__init__(message, line=line, fix=fix)
        self.rule = rule


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
                    rule="file/duplicate-key",
                )
            seen[key] = line
            lines[(*path, key)] = line
            _walk(value_node, (*path, key), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + offset
            _walk(item, (*path, index), lines, offset)


def _refuse_aliases(text: str, first_line: int) -> None:
    """Raise on the first anchor or alias, reading tokens only (nothing is expanded)."""
    if "&" not in text and "*" not in text:
        return  # an anchor is written "&name", an alias "*name": neither can be here
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
            raise YamlError(
                f"les ancres et alias YAML (« {sign}{token.value} ») ne sont pas acceptés",
                line=token.start_mark.line + first_line,
                fix="écrivez la valeur en entier à chaque endroit où elle sert.",
                rule="file/yaml-alias",
            )


_SYNTAX_FIX = (
    "vérifiez l'indentation (des espaces), les deux-points et les guillemets de cette ligne."
)


def _unclosed(text: str, end: int) -> yaml.Mark | None:
    """Where the last bracket or brace still open before ``end`` was opened."""
    stack: list[int] = []
    for index, char in enumerate(text[:end]):
        if char in "[{":
            stack.append(index)
        elif char in "]}" and stack:
            stack.pop()
    if not stack:
        return None
    index = stack[-1]
    line = text.count("\n", 0, index)
    return yaml.Mark("", index, line, index - text.rfind("\n", 0, index) - 1, text, index)


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlError:
    """One French sentence for PyYAML's syntax errors, at the line to fix."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark if exc.context_mark is not None else mark
    at = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""

    def line_of(where: yaml.Mark | None) -> int | None:
        return where.line + first_line if where is not None else None

    if "tab" in problem or at == "\t":
        return YamlError(
            "tabulation : utilisez des espaces pour indenter",
            line=line_of(mark),
            fix="remplacez chaque tabulation de cette ligne par des espaces (2 par niveau).",
        )
    bracket = _unclosed(text, mark.index) if "flow node" in context and mark else None
    if bracket is not None:
        opened = bracket
        problem = "',' or ']'" if text[bracket.index] == "[" else "',' or '}'"
    if "',' or ']'" in problem:
        return YamlError(
            "crochet « [ » ouvert mais jamais refermé",
            line=line_of(opened),
            fix="fermez la liste par « ] » sur la même ligne, par exemple : allows: [phone, email]",
        )
    if "',' or '}'" in problem:
        return YamlError(
            "accolade « { » ouverte mais jamais refermée",
            line=line_of(opened),
            fix="fermez par « } » sur la même ligne, ou écrivez un champ par ligne.",
        )
    if "quoted scalar" in context:
        return YamlError(
            "guillemet ouvert mais jamais refermé",
            line=line_of(opened),
            fix="fermez le texte par le même guillemet (\" ou ') à la fin de la valeur.",
        )
    if "expected ':'" in problem:
        return YamlError(
            "il manque le deux-points « : » après le nom du champ",
            line=line_of(opened),
            fix="écrivez « nom: valeur », par exemple « lang: fr ».",
        )
    if "mapping values are not allowed" in problem:
        return YamlError(
            "deux-points inattendu : l'indentation est incorrecte, ou la valeur contient "
            "« : » et doit être entre guillemets",
            line=line_of(mark),
            fix="alignez ce champ sur les autres, ou mettez la valeur entre guillemets.",
        )
    if "expected key" in problem or "block end" in problem:
        return YamlError(
            "indentation incorrecte",
            line=line_of(mark),
            fix="alignez ce champ sur ceux du même niveau (même nombre d'espaces).",
        )
    if "cannot start any token" in problem and at:
        return YamlError(
            f"une valeur ne peut pas commencer par « {at} »",
            line=line_of(mark),
            fix='mettez la valeur entre guillemets, par exemple : "@PNationale44".',
        )
    if "single document" in context:
        return YamlError(
            "une ligne --- en trop : le fichier ne doit contenir qu'un seul document",
            line=line_of(mark),
            fix="supprimez cette ligne ---.",
        )
    return YamlError(
        f"syntaxe YAML invalide ({problem or context})", line=line_of(mark), fix=_SYNTAX_FIX
    )


def load(text: str, *, first_line: int = 1) -> LoadedYaml:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    loader = None
    try:
        _refuse_aliases(text, first_line)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return LoadedYaml(None, {}, first_line)
        lines: dict[Path_, int] = {}
        _walk(node, (), lines, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, first_line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + first_line
        raise YamlError(
            f"caractère de contrôle interdit (U+{exc.character:04X})"
            if isinstance(exc.character, int)
            else "caractère interdit",
            line=line,
            fix="supprimez ce caractère invisible (souvent issu d'un copier-coller).",
        ) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        # e.g. an unhashable key, or collections nested too deep.
        raise YamlError(
            f"syntaxe YAML invalide ({exc})", line=first_line, fix=_SYNTAX_FIX
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return LoadedYaml(data, lines, first_line)
