"""JSON Schema validation with French messages at the line of the offending key.

The schemas in ``schema/`` are the single source of truth for field names and
types; this module only translates jsonschema's findings for an officer.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from gazouille.yamlutil import LoadedYaml


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Read ``schema/<name>`` (shipped in the package: ``src/gazouille/schema`` is
    a link to the repository's ``schema/``)."""
    text = resources.files("gazouille").joinpath("schema", name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@dataclass(frozen=True)
class SchemaProblem:
    message: str
    line: int
    fix: str | None
    key: str
    validator: str = ""


def _describe_path(path: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for element in path:
        if isinstance(element, int):
            parts.append(f"[{element + 1}]")
        else:
            parts.append(("." if parts else "") + element)
    return "".join(parts) or "le document"


def _subschema(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = root
        for piece in ref[2:].split("/"):
            node = node[piece]
        return dict(node)
    return schema


def validate(name: str, loaded: LoadedYaml) -> Iterator[SchemaProblem]:
    """Yield one problem per schema violation in ``loaded``, sorted by line."""
    validator = _validator(name)
    root = load_schema(name)
    found: list[SchemaProblem] = []
    for error in validator.iter_errors(loaded.data):
        path = tuple(error.absolute_path)
        where = _describe_path(path)
        schema = _subschema(error.schema if isinstance(error.schema, dict) else {}, root)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = sorted(schema.get("properties", {}))
            for key in error.instance:
                if key in schema.get("properties", {}):
                    continue
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint = f"vouliez-vous dire « {close[0]} » ?" if close else None
                allowed = ", ".join(known)
                found.append(
                    SchemaProblem(
                        f"clé inconnue « {shown(key)} »" + (f" ({hint})" if hint else ""),
                        loaded.line_of((*path, key)),
                        f"corrigez ou supprimez cette clé ; clés possibles : {allowed}.",
                        str(key),
                    )
                )
            continue
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            wanted = _subschema(schema.get("properties", {}).get(missing, {}), root)
            example = example_of(wanted, missing)
            found.append(
                SchemaProblem(
                    f"le champ obligatoire « {missing} » manque dans {where}",
                    loaded.line_of(path),
                    f"ajoutez par exemple « {example} »."
                    if example
                    else f"ajoutez « {missing}: … ».",
                    missing,
                    "required",
                )
            )
            continue
        key = path[-1] if path else ""
        found.append(
            SchemaProblem(
                f"{where} : {_french(error)}",
                loaded.line_of(path),
                _fix(error, example_of(schema, key)),
                str(key),
                str(error.validator),
            )
        )
    found.sort(key=lambda p: p.line)
    yield from found


_TYPE_NAMES = {
    "string": "un texte",
    "array": "une liste",
    "object": "une liste de champs « nom: valeur »",
    "integer": "un nombre entier",
    "boolean": "true ou false",
    "number": "un nombre",
}


def _expected(error: Any) -> str:
    value = error.validator_value
    return str(value if isinstance(value, str) else value[0])


def _shown(instance: Any) -> str:
    """What the officer wrote, and what YAML made of it when that surprises."""
    if isinstance(instance, list):
        return f"une liste (« {_inline(instance)} »)"
    if isinstance(instance, dict):
        return f"une liste de champs (« {_inline(instance)} »)"
    if instance is None:
        return "vide"
    return f"« {_inline(instance)} »"


def _inline(value: Any) -> str:
    """``value`` as an officer would type it in YAML, on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_inline(item)}" for key, item in value.items()) + "}"
    return shown(value)


def example_of(schema: dict[str, Any], key: str | int) -> str | None:
    """The schema's first ``examples`` entry as a YAML line for ``key``, e.g. ``lang: fr``."""
    examples = schema.get("examples")
    if not isinstance(examples, list) or not examples:
        return None
    value = _inline(examples[0])
    return f"- {value}" if isinstance(key, int) else f"{key}: {value}"


_BARE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _french(error: Any) -> str:
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind == "pattern" and isinstance(instance, str):
        if instance.startswith("@"):
            return f"« {instance} » : le nom du compte s'écrit sans « @ »"
        if _BARE_DATE.match(instance):
            return f"« {instance} » est une date sans heure"
    if kind == "enum":
        choices = ", ".join(str(v) for v in value)
        close = difflib.get_close_matches(str(instance), [str(v) for v in value], n=1, cutoff=0.6)
        hint = f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
        return (
            f"la valeur {_shown(instance)} n'est pas permise{hint} ; valeurs possibles : {choices}"
        )
    if kind == "type":
        expected = _expected(error)
        return f"doit être {_TYPE_NAMES.get(expected, expected)}, pas {_shown(instance)}"
    if kind == "maxItems":
        return f"au plus {value} éléments (il y en a {len(instance)})"
    if kind == "minItems":
        return f"au moins {value} élément(s)"
    if kind == "minLength":
        return "ne doit pas être vide"
    if kind == "maxLength":
        return f"au plus {value} caractères (il y en a {len(instance)})"
    if kind == "pattern":
        return f"la valeur « {shown(instance)} » n'a pas le bon format"
    if kind == "uniqueItems":
        return "contient deux fois la même valeur"
    if kind in {"minimum", "maximum"}:
        return f"la valeur {shown(instance)} est hors limites ({kind} {value})"
    if kind == "minProperties":
        return "ne doit pas être vide"
    return f"valeur refusée ({error.message})"


def shown(value: object) -> str:
    """A value typed by someone, quoted in a message: its personal data redacted
    (CI logs and pull-request comments are kept)."""
    from gazouille.checks.personal_data import masked

    return masked(str(value))


def _fix(error: Any, example: str | None) -> str | None:
    """How to fix ``error``, with the schema's example of the field when it has one."""
    like = f" : par exemple « {example} »" if example else ""
    if error.validator == "enum":
        return f"choisissez une des valeurs possibles{like}."
    if (
        error.validator == "pattern"
        and error.absolute_path
        and error.absolute_path[-1] == "publish_at"
    ):
        return (
            "écrivez la date et l'heure au format ISO 8601, par exemple "
            "« publish_at: 2026-12-01T09:30 » ou « publish_at: 2026-12-01T09:30+01:00 »."
        )
    if error.validator == "type":
        return f"écrivez {_TYPE_NAMES.get(_expected(error), 'la valeur attendue')}{like}."
    if example:
        return f"écrivez par exemple « {example} »."
    return None
