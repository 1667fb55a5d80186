"""Names of people: patterns, a list of first names and context cues.

A name is found by one of these cues:

- a civility (``M.``, ``Mme``, ``Monsieur``, ``Me``…) before a capitalised
  word (``M. GIRAUD``, ``Mme Sophie Durand``), unless it is a title
  (``M. le Préfet``, ``Madame la Procureure``);
- a known first name before a surname, an initial or a capitalised word
  (``Kevin MARTIN``, ``Yanis B.``), or after a surname in capitals
  (``MARTIN Kevin``);
- a known first name alone (``Yanis, 17 ans``), unless the word is also a
  common noun, a place or a car (``Prudence``, ``Nancy``, ``Clio``…);
- ``prénommé``, ``dénommé``, ``alias``… before a capitalised word.

Places and institutions named after people (``collège Victor-Hugo``,
``boulevard Victor Hugo``, ``avenue Jean Jaurès``) are not names: a place
word before the name, or a famous name, lets them through. Acronyms (BAC,
GIGN, CRS, DDSP) are never surnames. See docs/personal-data.md for why this
beats a French NER model here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

from gazouille.personal_data._text import fold, lower

KIND = "person-name"

POSITIVE = [
    "Kevin MARTIN a été interpellé hier soir.",
    "Mme Sophie Durand a porté plainte.",
    "M. GIRAUD, 45 ans, a été placé en garde à vue.",
    "Yanis B. est activement recherché.",
    "MARTIN Kevin, connu des services.",
    "La victime, prénommée Lindsay, a été hospitalisée.",
    "Lucas, 24 ans, a été interpellé.",
    "Le conducteur, Mohamed, a pris la fuite.",
    "Monsieur Dupont est invité à se présenter.",
    "Jean-Pierre Giraud a été condamné.",
    "Merci à Léa et Nathan pour leur aide.",
    "le suspect, un certain Bogdan, est en fuite",
]

NEGATIVE = [
    "Le collège Victor-Hugo a accueilli nos policiers.",
    "Accident boulevard Victor Hugo ce matin.",
    "Travaux avenue Jean Jaurès : circulation déviée.",
    "La BAC, le GIGN, les CRS et la DDSP étaient mobilisés.",
    "M. le Préfet a salué l'action des équipes.",
    "Madame la Procureure de la République a été informée.",
    "Prudence sur les routes ce week-end !",
    "Une Renault Clio et une Peugeot 208 volées à Nancy.",
    "Vol à l'étalage au magasin Zara de Saint-Herblain.",
    "Rendez-vous au stade Pierre-Mauroy et à la gare Saint-Lazare.",
    "Opération Tranquillité Vacances : inscrivez-vous !",
    "Suivez @PoliceNationale pour plus d'informations.",
    "Hommage à Victor Hugo et à Jean Jaurès.",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _folded(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


# First names that are also common words, places, brands or car models when
# they stand alone: only a second cue (a surname, a civility) makes them names.
AMBIGUOUS = _folded("""
    France Nancy Florence Lourdes Valence Orange Vienne Aude Lorraine Marine Rose Victoire
    Constance Prudence Violette Iris Jade Noël Mégane Zoé Clio Mercedes Eden Avril Ange Zara
    Max Line Lou Mia Salomon Olive Ambre Capucine Perle Colombe Marianne Alma Mahé Charlotte
    Pascal Lana Luna Mona Gaston Clémence Patience Espérance Désiré Aimé Aimée Modeste Fidèle
    Lina Albert Laval Martin Colin Rémy Sandro Lino Jack Jean Louis Léon Paul Guy Tom Ben Dan
    Lorenzo Diego Carlos Matteo Marin Malo Louison Solal Roméo Elle Soleil Ciel Lys Olivier
    Logan Ella Rita Chance Sultan Jazz Sacha Alba Flora Sofia Lucie Mira
    """)
# Place words: a name right after one of them names the place.
_PLACE_WORDS = (
    "rue|ruelle|avenue|av|boulevard|bd|place|impasse|allée|allee|chemin|route|quai|cours|square|"
    "passage|pont|parc|jardin|jardins|stade|gymnase|piscine|collège|college|lycée|lycee|école|ecole|"
    "groupe scolaire|scolaire|maternelle|élémentaire|primaire|université|universite|faculté|"
    "institut|iut|hôpital|hopital|chu|ch|clinique|ehpad|gare|station|arrêt|arret|métro|metro|tram|"
    "tramway|aéroport|aeroport|port|résidence|residence|cité|cite|quartier|lotissement|salle|"
    "espace|centre|maison|médiathèque|mediatheque|bibliothèque|bibliotheque|musée|musee|théâtre|"
    "theatre|cinéma|cinema|caserne|halle|halles|esplanade|promenade|parvis|rond-point|carrefour|"
    "giratoire|boulevard|mail|cours|fondation|association|centre commercial|hôtel|hotel|"
    "complexe|zone|zi|za|zac|campus|crèche|creche|foyer|prison|maison d'arrêt|base|tunnel|viaduc|"
    "lycée professionnel|lycee professionnel|boulodrome|patinoire|stade municipal|pôle|pole|"
    "marché|marche|cimetière|cimetiere|église|eglise|mosquée|mosquee|synagogue|temple|"
    "mairie|salle polyvalente|auditorium|amphithéâtre|amphitheatre|prix|trophée|trophee|"
    "opération|operation|plan|dispositif|promotion|navire|bateau|frégate|fregate|porte-avions|"
    "saint|sainte|st|ste"
)
_PLACE = re.compile(rf"(?:^|[\s'’(\-])(?:{_PLACE_WORDS})[\s\-]", re.IGNORECASE)
# Famous names often used alone for a place, a station or a school.
FAMOUS = frozenset(
    fold(w)
    for w in (
        "Victor Hugo",
        "Jean Jaurès",
        "Jean Moulin",
        "Louis Pasteur",
        "Jules Ferry",
        "Jules Verne",
        "Marie Curie",
        "Pierre Curie",
        "Émile Zola",
        "Charles de Gaulle",
        "Georges Pompidou",
        "François Mitterrand",
        "Jacques Chirac",
        "Simone Veil",
        "Pierre Mauroy",
        "Jean Macé",
        "Paul Bert",
        "Jeanne d'Arc",
        "Louise Michel",
        "Nelson Mandela",
        "Léon Blum",
        "Pierre Mendès France",
        "Jean Monnet",
        "Albert Camus",
        "Jean de La Fontaine",
        "Antoine de Saint-Exupéry",
        "Gustave Eiffel",
        "Jacques Prévert",
        "Paul Éluard",
        "Anatole France",
        "Aristide Briand",
        "Maréchal Foch",
        "Général Leclerc",
        "Roger Salengro",
        "Paul Vaillant-Couturier",
        "Gabriel Péri",
        "Marcel Cachin",
        "Salvador Allende",
        "Martin Luther King",
        "Abbé Pierre",
        "Joséphine Baker",
        "Olympe de Gouges",
        "Germaine Tillion",
        "Lucie Aubrac",
        "Jean Zay",
        "Pablo Picasso",
        "Claude Monet",
        "Marcel Pagnol",
        "Jean Rostand",
        "Paul Langevin",
        "Henri Barbusse",
        "Jean Lurçat",
        "Camille Claudel",
        "Rosa Parks",
    )
)
# Official titles after a civility (``M. le Préfet`` is not a name).
_TITLES = _folded("""
    Préfet Préfète Sous-Préfet Sous-Préfète Maire Adjoint Adjointe Procureur Procureure Juge
    Commissaire Directeur Directrice Ministre Président Présidente Député Députée Sénateur
    Sénatrice Général Colonel Commandant Capitaine Lieutenant Brigadier Major Gardien Gardienne
    Officier Contrôleur Contrôleuse Inspecteur Inspectrice Secrétaire Délégué Déléguée Chef
    Conseiller Conseillère Recteur Rectrice Principal Principale Proviseur Proviseure
    """)
ACRONYMS = _words(
    """
    BAC GIGN CRS DDSP DDPN DIPN DZPN DGPN DGGN SAMU SMUR SDIS SNCF RATP EDF GDF PJ PAF OFAST
    BRI RAID CSP UPJ SIC DCPJ OPJ APJ PN GN URSSAF CAF CPAM PHAROS ANTS DDCS DDPP PSIG BMO
    TGI TJ CHU SOS DIR SPIP PJJ ASE OCRTIS OCLCTIC BRAV GAV PV RN RD SUV VTC TER TGV LGV SMS
    COVID FBI ONU UE EU OTAN AFP TF1 BFM RTL AVC EHPAD ZAD VTT CB RIB IBAN NIR CNI EPI RSA RER
    OK FAQ INFO URGENT ALERTE ATTENTION STOP APPEL TEMOINS TÉMOINS DISPARITION INQUIÉTANTE
    INQUIETANTE VOL VOLS POLICE NATIONALE GENDARMERIE PRÉFECTURE PREFECTURE MERCI RAPPEL
    """
)
CIVILITIES = _words(
    "M. MM. Mme Mme. Mmes Mlle Mlle. Mlles Monsieur Madame Mademoiselle Messieurs Mesdames Me "
    "Maître Dr Dr. Docteur Pr Pr."
)
_NAMED = re.compile(
    r"\b(?:prénommée?s?|prenommee?s?|nommée?|dénommée?|denommee?|surnommée?|alias|dit|dite"
    r"|un certain|une certaine|s'appelle|s’appelle|répond au nom de|du nom de|au nom de)\s+",
    re.IGNORECASE,
)
_NAMED_HINTS = ("nomm", "alias", "dit", "certain", "appelle", "nom de")
# A capitalised word: letters with inner hyphens or apostrophes, and an
# optional trailing dot (for initials and civilities).
_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*\.?")
_CAR_MAKES = _folded("""
    Renault Peugeot Citroën Dacia Seat Mercedes Mercedes-Benz Opel Ford Fiat Toyota Nissan Kia
    Hyundai Volkswagen VW Audi BMW Skoda Škoda Tesla Mini Alpine Jeep Suzuki Honda Mazda Volvo
    Porsche Smart DS Lancia Alfa Romeo Cupra Lexus Mitsubishi Chevrolet Jaguar Land Rover
    """)


@cache
def first_names() -> frozenset[str]:
    """The shipped list of first names, folded (``léa`` → ``lea``)."""
    text = resources.files("gazouille").joinpath("data", "first_names_fr.txt").read_text("utf-8")
    words = (w for line in text.splitlines() if not line.startswith("#") for w in line.split())
    return frozenset(fold(w) for w in words)


def is_first_name(folded: str) -> bool:
    return folded in first_names()


@lru_cache(maxsize=8192)
def _is_first(word: str) -> bool:
    """``Léa``, ``KEVIN``, ``Jean-Pierre`` (every part a first name)."""
    if not word[0].isupper():
        return False
    names = first_names()
    folded = fold(word)
    return folded in names or all(part in names for part in folded.split())


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and not word.endswith(".")


def _is_upper(word: str) -> bool:
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    return len(letters) >= 2 and letters.isupper() and word.upper() not in ACRONYMS


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _is_surname(word: str) -> bool:
    return _is_initial(word) or (
        _is_capitalised(word)
        and (fold(word) not in _STOP_CAPITALS)
        and word.upper() not in ACRONYMS
    )


# Capitalised words that follow a first name without being a surname.
_STOP_CAPITALS = _folded("""
    Le La Les Un Une Des Et Ou Mais Donc Car Ni Or À Au Aux En Dans Sur Pour Par Avec Sans Chez
    Il Elle Ils Elles On Nous Vous Je Tu Ce Cette Ces Son Sa Ses Leur Leurs Merci Bravo Bonne
    Police Nationale Gendarmerie Préfecture Commissariat Ville Mairie Conseil
    """)


@lru_cache(maxsize=256)
def names(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the names in ``text`` (cached: ``minor`` asks again)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    if not words:
        return ()
    spans: list[tuple[int, int]] = []
    taken: set[int] = set()

    def run_from(i: int, limit: int = 3) -> int:
        """Index after the surname words starting at ``i``."""
        j = i
        while j < len(words) and j - i < limit and _is_surname(words[j][2]):
            if j > i and not _adjacent(text, words[j - 1], words[j]):
                break
            j += 1
            if _is_initial(words[j - 1][2]):
                break
        return j

    for i, (_, _, word) in enumerate(words):
        if word not in CIVILITIES or i + 1 >= len(words):
            continue
        if not _adjacent(text, words[i], words[i + 1]):
            continue
        if fold(words[i + 1][2].rstrip(".")) in _TITLES:
            continue
        j = run_from(i + 1)
        if j > i + 1:
            spans.append((words[i + 1][0], _end(words[j - 1])))
            taken.update(range(i, j))
    low = lower(text)
    if any(hint in low for hint in _NAMED_HINTS):
        starts = {start: i for i, (start, _, _) in enumerate(words)}
        for cue in _NAMED.finditer(text):
            found = starts.get(cue.end())
            if found is None or found in taken:
                continue
            i = found
            j = max(run_from(i), i + 1)
            spans.append((words[i][0], _end(words[j - 1])))
            taken.update(range(i, j))
    for i, (start, _, word) in enumerate(words):
        if i in taken or not _is_first(word.rstrip(".")):
            continue
        if start > 0 and text[start - 1] in "@#":
            continue
        previous_upper = (
            i > 0
            and i - 1 not in taken
            and _is_upper(words[i - 1][2])
            and _adjacent(text, words[i - 1], words[i])
        )
        j = i + 1
        if j < len(words) and _adjacent(text, words[i], words[j]):
            j = run_from(j)
        has_surname = j > i + 1
        begin = i - 1 if previous_upper else i
        span = (words[begin][0], _end(words[j - 1]))
        if _names_a_place(text, words, begin) or fold(text[span[0] : span[1]]) in FAMOUS:
            taken.update(range(begin, j))
            continue
        if not (has_surname or previous_upper) and (
            fold(word.rstrip(".")) in AMBIGUOUS or _after_car_make(text, start)
        ):
            continue
        spans.append(span)
        taken.update(range(begin, j))
    return tuple(sorted(set(spans)))


def find(text: str) -> Iterator[tuple[int, int]]:
    yield from names(text)


def _end(word: tuple[int, int, str]) -> int:
    """End of a word, without a sentence's final dot unless it is an initial."""
    _, end, value = word
    if value.endswith(".") and not _is_initial(value):
        return end - 1
    return end


def _adjacent(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """Two words separated by spaces only (a comma ends a name)."""
    gap = text[left[1] : right[0]]
    return bool(gap) and gap.strip() == "" and "\n" not in gap


def _after_car_make(text: str, start: int) -> bool:
    """``Renault Clio``, ``Dacia Logan``: a model, not a first name."""
    previous = text[max(0, start - 20) : start].split()
    return bool(previous) and fold(previous[-1]) in _CAR_MAKES


def _names_a_place(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """A place word in the few words before word ``i``, same clause."""
    start = words[i][0]
    before = text[max(0, start - 45) : start]
    for stop in ".!?;:,\n()":
        before = before.rpartition(stop)[2]
    if "-" in words[i][2] and start > 0 and text[start - 1] == "-":
        return True
    return bool(_PLACE.search(" " + before))
