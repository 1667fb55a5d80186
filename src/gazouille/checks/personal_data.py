"""No personal data in a post, its image descriptions or its images' metadata.

The law behind each rule:

- loi du 29 juillet 1881, art. 39 bis: nothing that identifies a minor who ran
  away, was abandoned or is the victim of an offence (``personal-data/minor``);
- art. 39 quinquies: nothing that identifies a victim of a sexual offence;
- art. 35 ter and code civil art. 9-1: no one presented as guilty before
  judgement (``personal-data/person-name``…);
- code de procédure pénale art. 11: only the prosecutor releases case
  details; an ``appel-a-temoins`` or ``disparition-inquietante`` publishes
  the kinds listed in ``authorization.allows``, and those only;
- GDPR and the police-justice directive (2016/680): data minimisation, so every
  identifier is refused by default (phone, e-mail, NIR, IBAN, card, plate,
  address, date of birth, identity document, image GPS position).

The account's ``allow`` in accounts.yml lets through its own institutional
data (switchboard number, press e-mail, the préfet's name, the station's
address). Messages show only a redacted copy of what was found.

Passes::

    category: prevention
    ---
    Cambriolages : en cas d'urgence, composez le 17. Un mineur de 16 ans a été
    interpellé avenue Jean Jaurès.

Fails (``personal-data/phone``, ``personal-data/person-name``)::

    category: interpellation
    ---
    Kevin MARTIN a été interpellé. Témoins : appelez le 06 12 34 56 78.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from gazouille.accounts import Allow
from gazouille.checks.authorization import (
    allowed_kinds,
    published_texts,
    withheld_for_victims,
)
from gazouille.checks.base import Context
from gazouille.personal_data import scan
from gazouille.posts import Post, media_entries
from gazouille.problems import PostResult, Problem, Report
from gazouille.repo import MEDIA_DIR, inside

ID = "personal-data"

LABELS = {
    "person-name": "nom de personne",
    "minor": "élément identifiant un mineur",
    "phone": "numéro de téléphone",
    "email": "adresse e-mail",
    "nir": "numéro de sécurité sociale",
    "iban": "IBAN",
    "card": "numéro de carte bancaire",
    "plate": "plaque d'immatriculation",
    "address": "adresse postale",
    "date-of-birth": "date de naissance",
    "id-document": "numéro de pièce d'identité",
    "image-metadata": "métadonnées personnelles dans l'image",
    "handle": "compte de réseau social d'un particulier",
}

_AUTHORIZED = (
    "si le parquet a autorisé sa publication (appel à témoins, disparition inquiétante), "
    "ajoutez « {kind} » à authorization.allows"
)
FIXES = {
    "person-name": "retirez le nom ou décrivez la personne (« un homme de 25 ans ») : "
    "présomption d'innocence (loi du 29 juillet 1881 art. 35 ter, code civil art. 9-1), "
    "protection des victimes (art. 39 quinquies) ; " + _AUTHORIZED + " ; pour un nom "
    "institutionnel (préfet, porte-parole), ajoutez-le à allow.names du compte dans accounts.yml.",
    "minor": "retirez tout ce qui identifie le mineur (nom, prénom, école) et écrivez par exemple "
    "« un mineur de 15 ans » (loi du 29 juillet 1881 art. 39 bis) ; " + _AUTHORIZED + ".",
    "phone": "retirez le numéro (RGPD, minimisation des données) : le public compose le 17 ; "
    "pour le standard du service, ajoutez-le à allow.phones du compte dans accounts.yml ; "
    + _AUTHORIZED
    + ".",
    "email": "retirez l'adresse (RGPD) ; pour une adresse du service, ajoutez-la (ou son "
    "@domaine) à allow.emails du compte dans accounts.yml.",
    "nir": "retirez le numéro de sécurité sociale : il ne se publie jamais (RGPD, art. 87 loi "
    "Informatique et libertés).",
    "iban": "retirez l'IBAN : une coordonnée bancaire ne se publie jamais (RGPD).",
    "card": "retirez le numéro de carte : il ne se publie jamais (RGPD).",
    "plate": "retirez ou masquez la plaque (« AB-•••-CD ») : elle identifie le propriétaire "
    "(RGPD, directive police-justice) ; " + _AUTHORIZED + ".",
    "address": "gardez la rue sans le numéro (« rue des Lilas ») ou la commune (RGPD) ; pour "
    "l'adresse du commissariat, ajoutez-la à allow.addresses du compte dans accounts.yml ; "
    + _AUTHORIZED
    + ".",
    "date-of-birth": "remplacez la date de naissance par l'âge (« 25 ans ») (RGPD) ; "
    + _AUTHORIZED
    + ".",
    "id-document": "retirez le numéro de pièce d'identité : il ne se publie jamais (RGPD).",
    "handle": "retirez le @compte, le lien de profil ou le mot-dièse qui nomme la personne "
    "(RGPD, présomption d'innocence) ; pour un compte de l'institution ou d'un partenaire, "
    "ajoutez-le à allow.handles du compte dans accounts.yml ; " + _AUTHORIZED + ".",
    "image-metadata": "effacez les métadonnées : gazouille strip-metadata {file} , puis "
    "ajoutez l'image au commit (RGPD : la position GPS désigne souvent un domicile).",
}


# When art. 39 quinquies takes back what the prosecutor authorized.
VICTIM_FIX = (
    "la publication évoque une infraction sexuelle : l'autorisation du parquet ne couvre pas "
    "ce qui identifie la victime (loi du 29 juillet 1881, art. 39 quinquies) ; retirez-le, ou, "
    "si la victime a donné son accord écrit, indiquez sa référence dans "
    "authorization.victim_consent ; s'il s'agit d'une autre personne (l'auteur présumé "
    "recherché), demandez l'avis du parquet avant toute publication."
)


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    texts = published_texts(post.meta, (part.text for part in post.parts))
    exempt = allowed_kinds(post.meta, texts)
    withheld = withheld_for_victims(post.meta, texts)
    account = ctx.account(post)
    allow = account.allow if account is not None else None
    for part in post.parts:
        for finding in scan(part.text, allow, exempt):
            line = part.line_at(finding.start)
            yield _problem(finding.kind, finding.redacted, line, victim=finding.kind in withheld)
    for index, item in post.media():
        alt = item.get("alt")
        if isinstance(alt, str):
            line = post.line_of("media", index, "alt")
            for finding in scan(alt, allow, exempt):
                yield _problem(
                    finding.kind,
                    finding.redacted,
                    line,
                    where=" (texte alternatif)",
                    victim=finding.kind in withheld,
                )
        file = item.get("file")
        if "image-metadata" not in exempt and isinstance(file, str) and file:
            yield from _image(ctx, file, post.line_of("media", index, "file"))


def _problem(
    kind: str, redacted: str, line: int, where: str = "", *, victim: bool = False
) -> Problem:
    return Problem(
        f"{ID}/{kind}",
        f"donnée personnelle{where} : {LABELS[kind]} « {redacted} »",
        line=line,
        fix=VICTIM_FIX if victim else FIXES[kind].format(kind=kind),
    )


def _image(ctx: Context, file: str, line: int) -> Iterator[Problem]:
    where = inside(ctx.root, file)
    if where is None or not file.startswith(f"{MEDIA_DIR}/") or not where.is_file():
        return  # the media check reports it
    if where.is_symlink():
        return
    from gazouille.personal_data.image import personal_metadata

    found = personal_metadata(where)
    if found:
        yield Problem(
            f"{ID}/image-metadata",
            f"l'image « {file} » contient des métadonnées personnelles : {', '.join(found)}",
            line=line,
            fix=FIXES["image-metadata"].format(file=file),
        )


# Front-matter fields typed freely by an officer, which the reports and the preview quote.
FREE_TEXT = (("retract",), ("authorization", "reference"), ("authorization", "victim_consent"))


def masked(text: str, allow: Allow | None = None, exempt: frozenset[str] = frozenset()) -> str:
    """``text`` with every piece of personal data replaced by its redacted form."""
    for finding in reversed(scan(text, allow, exempt)):
        text = text[: finding.start] + finding.redacted + text[finding.end :]
    return text


def redact_quoted(report: Report, ctx: Context) -> None:
    """Mask what a report or the preview quotes of each post: its parts, its image
    descriptions, the free-text fields of its front matter and an unknown category.

    The Markdown report (pull-request comment, job summary), ``gazouille
    preview`` and its PNG card quote them; personal data must not reach them.
    Kinds the prosecutor authorized stay readable: reviewers approve them.
    """
    for result in report.posts:
        _redact_quoted(result, ctx)


def _redact_quoted(result: PostResult, ctx: Context) -> None:
    if result.account is None:
        return
    account = ctx.accounts.get(result.account)
    allow = account.allow if account is not None else None
    texts = published_texts(result.meta, (part.text for part in result.parts))
    exempt = allowed_kinds(result.meta, texts)
    # The parts were scanned by the check: without a finding, nothing to mask.
    if any(p.rule.startswith(f"{ID}/") for p in result.problems):
        for part in result.parts:
            part.text = masked(part.text, allow, exempt)
    if not any(key in result.meta for key in ("media", *(path[0] for path in FREE_TEXT))):
        meta = result.meta  # nothing typed freely to mask
    else:
        meta = copy.deepcopy(result.meta)
    for _, item in media_entries(meta):
        if isinstance(item.get("alt"), str):
            item["alt"] = masked(item["alt"], allow, exempt)
    for path in FREE_TEXT:
        holder: Any = meta
        for key in path[:-1]:
            holder = holder.get(key) if isinstance(holder, dict) else None
        if isinstance(holder, dict) and isinstance(holder.get(path[-1]), str):
            holder[path[-1]] = masked(holder[path[-1]], allow, exempt)
    result.meta = meta
    from gazouille.checks.category import categories

    if result.category is not None and result.category not in categories():
        result.category = masked(result.category)  # the json report repeats it
