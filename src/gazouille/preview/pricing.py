"""What sending a post costs on X's pay-per-use API pricing.

X bills writes per request. The figures below are the "write operations" of
the X API pricing page (https://docs.x.com/x-api/getting-started/pricing, as
read in November 2026, in US dollars). They are assumptions, not invoices: X
changes them, so they can be overridden without a release through
``GAZOUILLE_X_PRICES`` (e.g. ``create=0.015,create_with_url=0.2``).

- each part of a thread is one ``POST /2/tweets`` request: *Content: Create*,
  or *Content: Create (with URL)* when its text holds a link;
- each image's alternative text is one ``POST /2/media/metadata`` request
  (*Media Metadata*); the upload itself is not in the price list and is
  counted as free;
- a retraction is one ``DELETE /2/tweets/:id`` per part (*Interaction: Delete*).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gazouille.errors import ConfigError
from gazouille.tweet_length import extract_urls

SOURCE = "https://docs.x.com/x-api/getting-started/pricing"
SOURCE_DATE = "novembre 2026"
ENV_VARIABLE = "GAZOUILLE_X_PRICES"

PRICES_USD: dict[str, Decimal] = {
    "create": Decimal("0.015"),
    "create_with_url": Decimal("0.200"),
    "media_metadata": Decimal("0.005"),
    "delete": Decimal("0.010"),
}

LABELS = {
    "create": "publication sans lien",
    "create_with_url": "publication avec lien",
    "media_metadata": "texte alternatif d'image",
    "delete": "suppression",
}


def prices(env: Mapping[str, str] | None = None) -> dict[str, Decimal]:
    """The price table, with ``GAZOUILLE_X_PRICES`` applied."""
    env = os.environ if env is None else env
    table = dict(PRICES_USD)
    override = env.get(ENV_VARIABLE, "").strip()
    if not override:
        return table
    for item in override.split(","):
        key, _, value = item.partition("=")
        key = key.strip()
        if key not in table:
            raise ConfigError(
                f"{ENV_VARIABLE} : tarif inconnu « {key} »",
                fix=f"tarifs possibles : {', '.join(PRICES_USD)} (par exemple create=0.015).",
            )
        try:
            price = Decimal(value.strip())
        except InvalidOperation:
            price = Decimal(-1)
        if not price.is_finite() or price < 0:
            raise ConfigError(
                f"{ENV_VARIABLE} : « {value.strip()} » n'est pas un prix en dollars",
                fix="écrivez un nombre avec un point décimal, par exemple create=0.015.",
            )
        table[key] = price
    return table


def has_link(text: str) -> bool:
    """Whether X sees a link in ``text`` (twitter-text's own URL extraction)."""
    return bool(extract_urls(text))


@dataclass(frozen=True)
class Cost:
    items: tuple[tuple[str, int, Decimal], ...]  # (price key, count, subtotal)

    @property
    def total(self) -> Decimal:
        return sum((subtotal for _, _, subtotal in self.items), Decimal(0))

    def describe(self) -> str:
        """« 2 × publication sans lien, 1 × texte alternatif d'image »."""
        return ", ".join(f"{count} × {LABELS[key]}" for key, count, _ in self.items)


def post_cost(
    parts: list[str], media_count: int, table: Mapping[str, Decimal], *, retract: bool = False
) -> Cost:
    """The requests sending (or, with ``retract``, deleting) a post costs."""
    if retract:
        counts = {"delete": len(parts)}
    else:
        with_url = sum(1 for text in parts if has_link(text))
        counts = {
            "create": len(parts) - with_url,
            "create_with_url": with_url,
            "media_metadata": media_count,
        }
    return Cost(tuple((key, count, table[key] * count) for key, count in counts.items() if count))


def dollars(amount: Decimal) -> str:
    """« 0,215 $ US », three decimals as X's price list."""
    return f"{amount.quantize(Decimal('0.001')):f}".replace(".", ",") + " $ US"
