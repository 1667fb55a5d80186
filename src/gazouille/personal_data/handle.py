"""A private person's account on a social network: ``@handle``, a profile
link, a hashtag made of a name.

``@kevin_lmd44``, ``instagram.com/ines_moreau``, ``tiktok.com/@theo.bzh``,
``facebook.com/kevin.lemarchand.3``, ``#JusticePourYanisBerrada``,
``#SamiraOuali``. Institutions are not private people: an account's
``allow.handles`` in accounts.yml lists its own and its partners' accounts
(``@PoliceNationale``, ``@Prefet44``), and a handle that names an institution
(``police``, ``prefet``, ``gendarmerie``, ``mairie``, ``sdis``…) passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.personal_data._text import fold, lower

KIND = "handle"

POSITIVE = [
    "Menaces publiées par @lucas_drn44 hier soir.",
    "Merci à @Chloe.Vasseur pour son aide !",
    "Le profil https://www.facebook.com/mathieu.pelletier.52 a été signalé.",
    "vidéo vue sur instagram.com/sarah_lgd",
    "compte TikTok : tiktok.com/@nono.bzh22",
    "snapchat.com/add/julie_k2010 diffusait les photos",
    "profil linkedin.com/in/olivier-marchal-7b2a91",
    "partagé par x.com/MarcoRossi_75",
    "Mobilisation derrière #JusticePourAdamaKone.",
    "#EmmaLefort a été retrouvée.",
    "Marche blanche #VeritePourNadia ce samedi.",
    "Harcèlement via @ lina_b2009, compte suspendu.",
    "menaces du compte insta kevin_lmd44 ; Snap : k3vin.mrt",
    "rassemblement #justicepourlina, #RIPYanis",
    "profil mastodon.social/@kevin_m44 et www.reddit.com/user/kevin_lmd44",
    "instagram.com/stories/lina_b2009/ et fb.me/kevin.lemarchand",
    "l'escroc contactait ses victimes sur Snap : nolann.44. Ne payez pas.",
    "commandes passées par son compte insta _theo.lgr. Un homme interpellé.",
    "La cagnotte #JeSuisCorentinLeDuff n'a pas été créée par la famille.",
    "Hommage : #MathildeDeLaRoche",
    "Soutien à #KarimBenAli",
    "le compte « snap : lila.bzh » a été identifié",
    "il se faisait appeler « tonyb44 » sur son compte Telegram",
    "des photos de l'élève diffusées via le compte @actu_du_bahut44",
]

NEGATIVE = [
    "Suivez @PoliceNationale, @Prefet44 et @Gendarmerie.",
    "Infos trafic : @SDIS44, @VilledeNantes, @Prefecture_44.",
    "Écrivez à contact@exemple.fr, pas à @ bientôt.",
    "#Prévention #Nantes #NonAuHarcèlement #OpérationTranquillitéVacances",
    "Rendez-vous sur facebook.com/events/123456 et instagram.com/explore/tags/nantes",
    "#TourDeFrance #FêteDeLaMusique #JeanJaurès",
    "Notre page : facebook.com/PoliceNationale44",
    "Merci à tous @ bientôt ; compte rendu à 14 h ; profil bas.",
    "#hommageauxvictimes #soutienauxforces #justice",
    "Notre compte Instagram officiel, le compte 2026 et le compte rendu.pdf.",
    "#JeSuisCharlie ; #NuitDesMusées ; #MarcheDeNoël",
    "Notre compte : exemple.fr. Voir le profil fr.",
    "sur votre compte, saisissez le code « SECU2026 »",
    "Retrouvez l'interview sur @franceinfo et @OuestFrance ; merci à @actu_nantes.",
]

_MENTION = re.compile(r"(?<![\w@.+-])@(?P<name>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)")
_HASHTAG = re.compile(r"(?<![\w#&])#(?P<name>\w{4,60})")
_PROFILE = re.compile(
    r"(?:https?://)?(?:(?:www|m|mobile|[a-z]{2}-[a-z]{2})\.)?"
    r"(?P<site>facebook\.com|fb\.com|instagram\.com|tiktok\.com|snapchat\.com|x\.com|"
    r"twitter\.com|linkedin\.com|youtube\.com|t\.me|threads\.net|bsky\.app|twitch\.tv|"
    r"vinted\.fr|leboncoin\.fr/profil|fb\.me|linktr\.ee|reddit\.com|onlyfans\.com|"
    r"pinterest\.\w+|telegram\.me|discord\.com/users)/(?P<path>[^\s?#]*(?:\?id=\d+)?)",
    re.IGNORECASE,
)
# Where a profile link may start (a cheap look before the full pattern).
_SITES = (
    "facebook", "fb.com", "instagram", "tiktok", "snapchat", "x.com", "twitter", "linkedin",
    "youtube", "t.me/", "threads", "bsky", "twitch", "vinted", "leboncoin", "fb.me", "linktr",
    "reddit", "onlyfans", "pinterest", "telegram", "discord",
)  # fmt: skip
# On any other site, a path that names a user: ``mastodon.social/@kevin``,
# ``exemple.fr/user/kevin``, ``…/u/kevin``.
_ANY_PROFILE = re.compile(
    r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}/(?:@|(?:u|user|users|profile|profil|people|membres?"
    r"|members?)/)(?P<name>[\w.\-]*[A-Za-z][\w.\-]*)",
    re.IGNORECASE,
)
_USER_PATHS = ("/@", "/u/", "/user", "/profil", "/people/", "/membre", "/member")
# Path prefixes before the user name (``linkedin.com/in/…``, ``snapchat.com/add/…``).
_PREFIXES = (
    "in/", "add/", "u/", "user/", "member/", "membre/", "profile/", "c/", "@", "stories/",
)  # fmt: skip
# First path segments that are not a person (events, search, a shared post…).
_NOT_PROFILES = frozenset(
    [
        "events",
        "event",
        "groups",
        "hashtag",
        "explore",
        "share",
        "sharer",
        "sharer.php",
        "watch",
        "reel",
        "reels",
        "p",
        "tv",
        "search",
        "intent",
        "home",
        "pages",
        "page",
        "help",
        "legal",
        "privacy",
        "about",
        "policies",
        "i",
        "status",
        "tags",
        "login",
        "signup",
        "settings",
    ]
)
# Words in a handle that name an institution, not a private person.
_INSTITUTIONS = (
    "police", "prefet", "prefecture", "pref_", "gendarmerie", "gouv", "interieur", "justice",
    "mairie", "ville", "sdis", "pompier", "samu", "douane", "ministere", "sncf", "ratp", "cnil",
    "pharos", "securite", "republique", "elysee", "metropole", "departement", "region",
    "tribunal", "parquet", "procureur", "hopital", "chu", "universite", "college", "lycee",
    "ecole", "armee",
)  # fmt: skip
# Words of the press that any account may claim (``@lesvraiesinfos_3e``).
_CLAIMED = ("officiel", "info", "actu", "france", "presse", "journal", "radio")
# The account an act went through: ``via le compte @…``, ``depuis le profil @…``
# (not ``par``: a post relayed ``par @franceinfo`` names the press).
_THROUGH = re.compile(
    r"\b(?:via|depuis)\s+(?:(?:le|son|leur|un|ce)\s+)?(?:(?:faux\s+)?(?:compte|profil)\s+)?$",
    re.IGNORECASE,
)
# Words that say a hashtag is about a person (``#JusticePourAdama``).
_CAUSE = frozenset(
    ["justice", "verite", "vérité", "pour", "soutien", "hommage", "merci", "retrouvons", "rip"]
)
# The same words glued in a hashtag typed in one case (``#justicepourlina``,
# ``#JUSTICEPOURLINA``, ``#ripyanis``): what follows them is a first name.
_GLUED_CAUSE = re.compile(
    r"(?:justice|verite|soutien|hommage|merci|retrouvons|liberez|rip)"
    r"(?:pour|a|au|avec)?(?P<rest>[a-z]{3,40})"
)
_CAMEL = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+|[A-ZÀ-Ý]+(?![a-zà-ÿ])|[a-zà-ÿ]+|\d+")


def find(text: str) -> Iterator[tuple[int, int]]:
    profiles: list[tuple[int, int]] = []
    low = lower(text)
    if "/" in text and any(site in low for site in _SITES):
        for match in _PROFILE.finditer(text):
            name = profile_name(match.group("path"))
            if name and not _institutional(name):
                profiles.append(match.span())
    if "/" in text and any(path in low for path in _USER_PATHS):
        for match in _ANY_PROFILE.finditer(text):
            inside = any(a <= match.start() < b for a, b in profiles)
            if not inside and not _institutional(match.group("name")):
                profiles.append(match.span())
    yield from profiles
    if "@" in text:
        for match in _MENTION.finditer(text):
            inside = any(a <= match.start() < b for a, b in profiles)
            if not inside and not _institutional(match.group("name"), text, match.start()):
                yield match.span()
        for match in _SPACED_MENTION.finditer(text):
            if _handle_shaped(match.group("name")):
                yield match.span()
    if "#" in text:
        for match in _HASHTAG.finditer(text):
            if _names_a_person(match.group("name")):
                yield match.span()
    for cue in _NETWORK_HINTS:  # a plain loop: faster than any() on every post
        if cue in low:
            yield from _cued_names(text)
            break


def _cued_names(text: str) -> Iterator[tuple[int, int]]:
    for match in _CUED_NAME.finditer(text):
        name = match.group("name")
        if _handle_shaped(name) and not _institutional(name):
            yield match.span("name")
    for match in _QUOTED_NAME.finditer(text):
        name = match.group("name")
        if not name.isupper() and _handle_shaped(name) and not _institutional(name):
            yield match.span("name")


# A user name in quotes anywhere in a post that speaks of networks or
# accounts: ``se faisait appeler « tonyb44 » sur Telegram``, ``ses tags,
# signés « kevin.ld_44 » sur ses réseaux``. Codes in capitals are not names.
_QUOTED_NAME = re.compile(r"[«\"“]\s*(?P<name>[A-Za-z0-9_.]{3,30}[A-Za-z0-9_])\s*[»\"”]")


# ``@ lina_b2009``: a space after the ``@`` (``@ bientôt`` is not a handle).
_SPACED_MENTION = re.compile(r"(?<![\w@])@[ \u00a0]+(?P<name>[A-Za-z0-9_.]{3,30}[A-Za-z0-9_])")
# A user name without its ``@``, right after the network or the word that
# introduces it: ``compte insta kevin_lmd44``, ``Snap : k3vin.mrt``,
# ``pseudo TikTok nono.bzh22``.
_NETWORK = (
    r"insta(?:gram)?|snap(?:chat)?|tik\s?tok|facebook|fb|twitter|telegram|discord|twitch"
    r"|threads|bluesky|youtube|pseudo|identifiant|compte|profil"
)
_CUED_NAME = re.compile(
    # The network may follow the word that introduces it inside quotes
    # (``le compte « snap : lila.bzh »``).
    rf"\b(?i:{_NETWORK})\b(?:\s*[«\"“]?\s*(?i:{_NETWORK})\b)?\s*:?\s*[«\"“]?\s*"
    # A full stop may end the sentence after it (``Snap : nolann.44.``).
    r"(?P<name>[A-Za-z0-9_.]{3,30}[A-Za-z0-9_])(?![\w@/-]|\.\w)"
)
_NETWORK_HINTS = (
    "insta", "snap", "tiktok", "tik tok", "facebook", "fb", "twitter", "telegram", "discord",
    "twitch", "threads", "bluesky", "youtube", "pseudo", "identifiant", "compte", "profil",
    "réseau", "reseau",
)  # fmt: skip


# A file or a site, not a user name: ``rendu.pdf``, ``exemple.fr``.
_NOT_USER_ENDINGS = (
    ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".doc", ".docx", ".odt", ".xls", ".mp4", ".html",
    ".php", ".fr", ".com", ".net", ".org", ".eu", ".gouv", ".be", ".io",
)  # fmt: skip


def _handle_shaped(name: str) -> bool:
    """A user name, not a word: letters with digits, an underscore or an inner
    dot (``kevin_lmd44``, ``k3vin.mrt``), two letters at least."""
    letters = sum(c.isalpha() for c in name)
    if letters < 2 or name.isdigit() or name.lower().endswith(_NOT_USER_ENDINGS):
        return False
    marked = "_" in name or "." in name.strip(".")
    return marked or (any(c.isdigit() for c in name) and letters >= 2)


def profile_name(path: str) -> str:
    """The user name of a profile link's path, ``""`` if it is not a profile."""
    path = path.strip("/")
    for prefix in _PREFIXES:
        if path.lower().startswith(prefix):
            path = path[len(prefix) :]
            break
    segment = path.split("/", 1)[0]
    if segment.lower().startswith("profile.php"):
        return segment
    if not segment or segment.lower() in _NOT_PROFILES or not re.search(r"[A-Za-z]", segment):
        return ""
    return segment.lstrip("@")


def mentions(text: str) -> Iterator[re.Match[str]]:
    """Every ``@name`` mention in ``text``."""
    return _MENTION.finditer(text)


def handle_name(value: str) -> str:
    """What an allow entry is compared with: ``@Prefet44`` → ``prefet44``,
    a profile link → its user name."""
    value = value.strip()
    match = _PROFILE.search(value)
    if match is not None:
        value = profile_name(match.group("path"))
    return value.lstrip("@").lower()


def _institutional(name: str, text: str = "", at: int = 0) -> bool:
    """A handle that names an institution. A word any account may take
    (``info``, ``actu``, ``officiel``…) does not make one of an account that
    an offence went through (``harcelé via le compte @lesvraiesinfos_3e``)."""
    plain = fold(name).replace(".", "").replace("-", "")
    if any(word in plain for word in _INSTITUTIONS):
        return True
    if not any(word in plain for word in _CLAIMED):
        return False
    return not (text and _THROUGH.search(text, max(0, at - 30), at))


def _glued_cause(tag: str) -> bool:
    """``justicepourlina``: a cause, then a first name alone or opening a surname."""
    from gazouille.personal_data.person_name import AMBIGUOUS, is_first_name

    cause = _GLUED_CAUSE.search(tag)
    if cause is None:
        return False
    rest = cause.group("rest")
    for cut in range(len(rest), 2, -1):
        head = rest[:cut]
        whole = cut == len(rest) or len(rest) - cut >= 3
        if whole and is_first_name(head) and head not in AMBIGUOUS:
            return True
    return False


def _names_a_person(tag: str) -> bool:
    """``SamiraOuali``, ``JusticePourKevin``: a first name with a surname or a cause."""
    from gazouille.personal_data.person_name import AMBIGUOUS, is_famous_name, is_first_name

    words = _CAMEL.findall(tag)
    if len(words) == 1 and (tag.islower() or tag.isupper()):
        return _glued_cause(fold(tag))
    if len(words) < 2 or is_famous_name(" ".join(words)):
        return False
    for i, word in enumerate(words):
        folded = fold(word)
        if not word[0].isupper() or folded in AMBIGUOUS or not is_first_name(folded):
            continue
        before = fold(words[i - 1]) if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if before in _CAUSE or _surname(after):
            return True
        # A surname with its particles: ``CorentinLeDuff``, ``MathildeDeLaRoche``.
        j = i + 1
        while j < min(len(words), i + 3) and fold(words[j]) in _PARTICLES:
            j += 1
        if i + 1 < j < len(words) and _surname(words[j]):
            return True
    return False


_PARTICLES = frozenset(["le", "la", "de", "du", "des", "da", "di", "van", "von", "ben", "el"])


def _surname(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower() and len(word) > 2
