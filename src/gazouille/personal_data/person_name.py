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
- ``prénommé``, ``dénommé``, ``alias``… before a capitalised word;
- a role and a comma before two capitalised words in apposition
  (``L'agresseur présumé, Kofi Mensah,``);
- a compound opened by a first name before a surname (``Yann-Ber Le Bihan``),
  a civility before a lower-case particle (``M. de La Rochefoucauld``);
- lower-case words opened by a first name right before an age
  (``le conducteur, jean-pierre le goff, 52 ans``, ``lucas, 15 ans``) or
  right after a role (``le prévenu benjamin tessier``); after a role and
  closed by a comma or an age, report order (``le prévenu leroy killian,``)
  and surnames opened by a particle (``mis en cause : ould cheikh sidi,``);
- a civility typed in lower case (``mr lucas morin``, ``mme durand``), not
  after a determiner (``un monsieur âgé``) or a number (``200 m.``);
- two words or more before a description with an age (``Ji-woo Park,
  étudiante de 24 ans``), or opening a sentence before a description of a
  person (``Tsegaye Alemu, coureur amateur,``; not ``Crédit Agricole, banque
  mutualiste,``);
- a second name joined by « et » to a name found (``Sipho Dlamini et Xóchitl
  Ramírez, respectivement 34 et 29 ans``); a name after a cue and a place
  (``interpellé à Saint-Herblain Batbayar Ganbold``); names in Cyrillic or
  Greek letters as in Latin ones;
- a lower-case first name and its age without a comma (``lenny 14 ans``), a
  lower-case name ending a phrase (``merci à gwenola le bihan, 52 ans``, ``la
  famille de maxence, 11 ans``);
- report order with a comma (``MELO ROCHA, Leandro``): surnames in capitals
  and a known first name, or two surnames or more after a cue of the report;
  an age abbreviated ``a.`` in brackets (``Abdirahman Warsame (28 a.)``);
- a lower-case name closed by commas after a noun phrase (``la passante,
  aïcha benali,``), a role then a lower-case first name and a bare age (``le
  petit enzo 9 ans``);
- two or three lower-case words opening a sentence, an age, then a verb of
  arrest or sentence in the passive (``arnav deshpande, 29 ans, a été
  interpellé``), unless they describe (``deux mineurs``, ``un homme``);
- a surname with a particle before an age (``Foulques de Kermabon, 59 ans``;
  not ``Château de Nantes, 20 ans de travaux``), a particle in capitals after
  a civility (``Mme LE ROUX``);
- two capitalised or upper-case words after a verb of finding, rescue or
  violence (``a trouvé Rosalind Achterberg``) or a verb or noun of arrest, charge
  or sentence (``Placée en garde à vue, Kateryna Shevchuk``, ``a condamné
  Siddharth Rao``), whatever their first name.

A placeholder (``M. X``, ``Mme Y.``) is a name already withheld; a role word
in a heading in capitals (``AUCUN POLICIER NE…``) is no cue.

Event and competition names (``Festival Jacques Demy``, ``Trophée Jean-Pierre
Papin``) are named after people too: the event word before them lets them
through like a place word.

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
    "Kevin, 25 ans, a été mordu par un chien.",
    "Merci à Léa et Nathan pour leur aide.",
    "le suspect, un certain Bogdan, est en fuite",
    "la vigilance d'un voisin, M. Le Goff, a payé",
    "Le tribunal de Saint-Nazaire a condamné Patrick Morvan à 8 mois.",
    "La victime, Mr Bouvier, souffre d'une fracture.",
    "L'individu, connu sous le nom de « Zaza », a été interpellé.",
    "la petite Zoé, 6 ans, a été retrouvée",
    "Le commissaire Dupont et le brigadier Ngoma ont été décorés.",
    "La victime Nguyen a été hospitalisée.",
    "La victime, Ngozi A., 31 ans, a été agressée.",
    "Interpellé : Dragoș POPESCU, soupçonné de vols.",
    "Le blessé, Tchoumi Ekambi (27 ans), est hors de danger.",
    "M. N'Diaye et Moussa N'Diaye ont été interpellés.",
    "Cambriolage chez la famille Le Gall ; les époux Marchand sont choqués.",
    "Le conducteur, jean-pierre le goff, 52 ans, circulait sans permis.",
    "Placé en détention provisoire, Mirela Constantinescu a demandé un avocat.",
    "Le tribunal correctionnel a condamné Haruto Sato à 300 euros d'amende.",
    "Arrestation de Pham Thi Lan à la sortie du bar.",
    "Écroué hier soir : Bogumił Nowak, déjà connu pour des vols.",
    "la plaignante maëlle guillou a été reçue au commissariat",
    "Mme van den Broek a été auditionnée.",
    "Interpellé : DUPUIS Jordan, 22 ans.",
    "Déféré au parquet, KOWALSKI Tomasz a été placé sous contrôle judiciaire.",
    "Yann-Ber Le Bihan est soupçonné d'incendies volontaires.",
    "Ivresse au volant : M. de La Rochefoucauld a perdu son permis.",
    "L'agresseur présumé, Kofi Mensah, a été reconnu par la victime.",
    "Le mis en cause, Bogdan Ionescu, est en fuite.",
    "Les frères Haddad ont été interpellés.",
    "Fiche :\nNom : KAMARA\nPrénom : Sékou\nSigné au commissariat.",
    "prénom : Awa ; nom : Traoré ; déférée demain",
    "NOM DE NAISSANCE : Lefloch, nom d'usage : Riou",
    "Le chauffeur du car, Aleksander Wiśniewski, a été contrôlé.",
    "La gérante de la supérette, Oyelaran Adebayo, a été menacée.",
    "Le plongeur Pieter van den Heuvel a été secouru.",
    "On recherche Karim ibn Rachid, vu samedi.",
    "Paulo dos Reis, Giulia della Rovere et Otto von Kessel sont convoqués.",
    "interpellation de kevin martin hier soir",
    "garde à vue de jordan lefèvre, soupçonné de trafic",
    "le nommé durand a été reconduit",
    "Le patron du kebab, Erdem Yilmaz, a été menacé.",
    "Aigerim Nurlanovna a été entendue comme témoin.",
    "Audition de Siobhán Ní Bhriain, témoin principal.",
    "lou-ann, 12 ans, n'est pas rentrée",
    "la petite sarah, 8 ans, a été retrouvée",
]

NEGATIVE = [
    "Exercice NRBC ce jeudi avec le @SDIS44 et la @SNCF.",
    "Plan ORSEC déclenché, Réunion CODIS à 9 h.",
    "Nom : inconnu ; prénom : Néant pour l'instant.",
    "Au nom de la loi : Police nationale, ouvrez !",
    "Le nom de l'opération : Tranquillité Vacances.",
    "Le gardien de but, Stade Rennais, a brillé ; la voisine du dessus, Mme la Maire, aussi.",
    "Escale à Porto : la Casa da Música et la Costa del Sol en photo.",
    "Le bureau de police, Place Royale, est fermé.",
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
    "Rendez-vous à l'école élémentaire Jules Ferry et rue du Général Leclerc.",
    "Le lycée professionnel Léonard-de-Vinci accueille le forum.",
    "Hommage à Jeanne d'Arc place Foch. Grâce à vous, merci !",
    "Vol d'une Zoé et de sa Clio devant la gare.",
    "Un jeune Nantais de 17 ans et la victime Française ont été entendus.",
    "Vol au magasin Jules et à la pharmacie Martin, tram Duchesse Anne.",
    "Un homme de Rezé, 45 ans, interpellé. Opération SENTINELLE et Alerte ENLÈVEMENT.",
    "Nouvelle ARNAQUE au bâtiment B. Rendez-vous Bâtiment C. à 14 h.",
    "Hommage à Jean Moulin, 83 ans après sa mort. Une Mégane, 27 ans, Toyota RAV4.",
    "Nouvel OUTIL de signalement. L'auteur, 23 ans, a été interpellé.",
    "Notre équipe cynophile accueille Olga, une malinoise de 2 ans.",
    "Tempête Alex : à l'angle des rues Victor-Hugo et Paul-Bellamy, arbres tombés.",
    "Bienvenue à Ulysse, le nouveau cheval de la brigade équestre ! Notre chien Rex aussi.",
    "Le conducteur, un homme de la région, 52 ans, circulait sans permis.",
    "Le suspect, marié et père de famille, 40 ans ; la victime, marié, 38 ans.",
    "La victime, une femme, 40 ans, a été hospitalisée.",
    "Le suspect, Nantais, a été interpellé. L'auteur, Place Royale, a fui.",
    "Le témoin, Saint-Herblain, Loire-Atlantique : merci à lui.",
    "Sécurité renforcée pour le Festival Georges Brassens et le Rallye Antoine Bourdelle.",
    "La Ronde Suzanne Lenglen et le Mémorial Gilbert Bécaud passent par le centre.",
    "Nos policiers au Tournoi Raymond Kopa et au Challenge Yvonne Printemps.",
    "Saisie de sacs Louis Vuitton, de parfums Christian Dior et de ceintures Hugo Boss.",
    "Numéro SIRET 812 345 678 00015, code APE 8424Z.",
    "Interpellé hier soir à Nantes Nord, le suspect a été placé en garde à vue.",
    "Condamné à 6 mois ferme, le prévenu a été écroué à la maison d'arrêt de Nantes.",
    "Le suspect a été interpellé. Opération Tranquillité Vacances : inscrivez-vous !",
    "la victime a été soignée ; le conducteur est reparti.",
    "Accident rue Jean-Jaurès, puis à Pierre-Bénite Centre : la route est rouverte.",
    "Le secteur, Nantes Nord, est calme ; Nantes Métropole a été contrôlée.",
    "Le bailleur, Nantes Habitat, a porté plainte ; Crédit Agricole a été victime d'un vol.",
    "la garde à vue de la victime ; interpellation de deux hommes ; surnommé le gitan.",
    "Le suspect, franco-algérien, 25 ans ; la victime, belle-mère, 60 ans.",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _folded(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


# First names that are also common words, places, brands or car models when
# they stand alone: only a second cue (a surname, a civility) makes them names.
AMBIGUOUS = _folded("""
    France Nancy Florence Lourdes Valence Orange Vienne Aude Lorraine Marine Rose Victoire
    Constance Prudence Violette Iris Jade Noël Eden Avril Ange Zara Max Line Salomon Olive Ambre
    Capucine Perle Colombe Marianne Alma Mahé Patience Espérance Désiré Aimé Aimée Modeste
    Fidèle Grâce Gloire Divine Merveille Précieuse Exaucée Christ Jésus Prince Junior Constant
    Pape Alpha Milan Roman Can Van Thi Lan Blanche Samba Castille Céleste Joy Luce Montserrat
    Chance Sultan Jazz Mercedes Marin
    """)
# Car models that are also first names: not a name right after a make
# (``Renault Clio``) or a determiner (``une Zoé``, ``sa Mégane``).
CAR_MODELS = _folded("Clio Mégane Zoé Logan Captur Laguna Safrane Twingo Alpine Kangoo Sandero")
_DETERMINERS = _words("une un la le sa son leur cette ce votre notre")
# Place words: a name right after one of them names the place.
_PLACE_WORDS = _folded("""
    rue ruelle avenue av bd boulevard place pl impasse allée chemin route quai cours square
    passage pont parc jardin jardins stade gymnase piscine collège lycée école groupe
    université faculté fac institut iut hôpital chu ch clinique ehpad gare station arrêt métro
    tram tramway aéroport port résidence cité quartier lotissement salle espace centre maison
    médiathèque bibliothèque musée théâtre cinéma caserne halle halles esplanade promenade
    parvis rond-point carrefour giratoire mail fondation association hôtel complexe zone zi za
    zac campus crèche foyer prison base tunnel viaduc boulodrome patinoire pôle marché
    cimetière église mosquée synagogue temple mairie auditorium amphithéâtre prix trophée
    opération plan dispositif promotion navire bateau frégate porte-avions saint sainte st ste
    st. ste. lycee ecole college hopital aeroport residence cite mediatheque bibliotheque
    musee theatre cinema creche cimetiere eglise mosquee boulevard allee impasse quais
    magasin boutique enseigne restaurant bar café brasserie pharmacie boulangerie bijouterie
    supermarché hypermarché discothèque salon agence banque club société entreprise
    duchesse duc roi reine général maréchal président abbé sœur père pape empereur
    impératrice tempête ouragan cyclone rues avenues boulevards places écoles collèges
    lycées stades quartiers résidences
    festival rallye ronde rencontres rencontre tournoi challenge coupe course courses marathon
    semi-marathon foulées trail corrida gala concert orchestre mémorial memorial open meeting
    critérium criterium championnat championnats derby match classique boucles randonnée raid
    régate régates biennale fête fêtes journée journées semaine nuit édition exposition expo
    conférence cérémonie forum tour trophées prix-souvenir souvenir grand-prix cross relais
    transat transatlantique solitaire globe vendée-globe
    """)
# Goods named after their maker (``sacs Louis Vuitton``, ``parfums Christian
# Dior``, ``ceintures Hugo Boss``): a brand, right after the goods, is nobody.
_GOODS = _folded("""
    marque marques sac sacs parfum parfums montre montres ceinture ceintures lunettes baskets
    chaussures vêtements maillot maillots bijoux flacon flacons articles produits contrefaçon
    contrefaçons copies modèle modèles collection sweats doudounes casquettes polos foulards
    """)
# Words that may stand between a place word and the name it carries.
_CONNECTORS = _folded("""
    de du des la le les l d ' ’ général maréchal président docteur professeur abbé commandant
    capitaine colonel lieutenant amiral père mère sœur frère saint sainte élémentaire
    maternelle primaire municipal municipale professionnel professionnelle privé privée public
    publique polyvalente polyvalent omnisports commercial commerciale hospitalier
    hospitalière universitaire scolaire régional régionale départemental départementale
    national nationale nouveau nouvelle grand grande petit petite vieux vieille
    """)
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
        # Police and gendarmes honoured nationally, and the public offices a
        # police account names in an official capacity.
        "Arnaud Beltrame",
        "Xavier Jugelé",
        "Ahmed Merabet",
        "Clarissa Jean-Philippe",
        "Jean-Baptiste Salvaing",
        "Jessica Schneider",
        "Stéphanie Monfermé",
        "Samuel Paty",
        "Dominique Bernard",
        "Emmanuel Macron",
        "Gérald Darmanin",
        "Laurent Nuñez",
        "Bruno Retailleau",
        "Christophe Castaner",
        "Gérard Collomb",
        "Michel Barnier",
        "François Bayrou",
        "Sébastien Lecornu",
    )
)
_FAMOUS_LONGEST = max(len(name) for name in FAMOUS) + 2
_FAMOUS_BY_FIRST_WORD: dict[str, tuple[str, ...]] = {}
for _name in sorted(FAMOUS):
    _first = _name.split(" ", 1)[0]
    _FAMOUS_BY_FIRST_WORD[_first] = (*_FAMOUS_BY_FIRST_WORD.get(_first, ()), _name)
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
    SIRET SIREN RCS TVA APE NAF INSEE RNA RIO NIGEND NUMEN FINESS RPPS ADELI
    NRBC NRBCE ORSEC PCS COD CODIS CTA CRRA PGHM PSPG GIPN BSPP SSIAP
    OK FAQ INFO URGENT ALERTE ATTENTION STOP APPEL TEMOINS TÉMOINS DISPARITION INQUIÉTANTE
    INQUIETANTE VOL VOLS POLICE NATIONALE GENDARMERIE PRÉFECTURE PREFECTURE MERCI RAPPEL
    """
)
# Capitalised particles that start a surname after a civility.
_PARTICLES = _words("Le La Les De Du Des Da Di Del Della Van Von Ben El Al Mac Saint")
_PARTICLE_WORDS = frozenset(fold(p) for p in _PARTICLES)
# Particles inside a name that read as French words (``Siobhán Ní Bhriain``:
# ``Ni`` is a conjunction).
_INNER_PARTICLES = _words("Ní Nic Ó Ua")
CIVILITIES = _words(
    "M. MM. Mr Mr. Mrs Mrs. Ms Mme Mme. Mmes Mlle Mlle. Mlles Monsieur Madame Mademoiselle "
    "Messieurs Mesdames Me "
    "Maître Dr Dr. Docteur Pr Pr."
)
_NAMED = re.compile(
    r"\b(?:prénommée?s?|prenommee?s?|nommée?|dénommée?|denommee?|surnommée?|alias|dit|dite"
    r"|un certain|une certaine|s'appelle|s’appelle|répond au nom de|du nom de|au nom de"
    r"|sous le nom de|surnom|pseudo)\s*[«“\"']?\s*",
    re.IGNORECASE,
)
# Roles that a surname follows in police prose.
_ROLES = _words(
    """commissaire commandant capitaine lieutenant brigadier brigadier-chef major adjudant
    adjudant-chef gendarme policier policière agent agente gardien gardienne docteur professeur
    juge avocat avocate maître suspect suspecte victime prévenu prévenue accusé accusée
    conducteur conductrice automobiliste chauffeur jeune petit petite fillette garçon adolescent
    adolescente enfant bébé collégien collégienne lycéen lycéenne élève étudiant étudiante
    sieur dame individu chef cheffe directeur directrice préfet préfète maire député députée
    sénateur sénatrice ministre témoin témoins voisin voisine propriétaire locataire gérant
    gérante commerçant commerçante retraité retraitée octogénaire nonagénaire septuagénaire
    époux épouse famille couple fils fille père mère mari frère sœur cousin cousine oncle
    tante neveu nièce concubin concubine compagnon compagne ex-compagnon ex-compagne
    conjoint conjointe frères sœurs cousins cousines"""
)
# Roles after which a name stands in apposition, between commas
# (``L'agresseur présumé, Kofi Mensah, a été…``).
_APPOSITION = re.compile(
    r"(?:^|[\s'’])(?P<role>[^\W\d_]+(?:-[^\W\d_]+)*)(?:\s+en\s+cause)?"
    r"(?:\s+(?:présumée?s?|presumee?s?|principale?s?|interpellée?s?|blessée?s?))?\s*,\s*$"
)
# The same with a complement: ``Le gardien d'immeuble, Tenzing Sherpa,``.
_APPOSITION_OF = re.compile(
    r"(?:^|[\s'’])(?P<role>[^\W\d_]+(?:-[^\W\d_]+)*)"
    r"\s+(?:d['’]\s?|de\s+(?:la\s+|l['’]\s?)?|du\s+|des\s+)[^\W\d_]+(?:-[^\W\d_]+)*\s*,\s*$"
)
_APPOSITION_ROLES = _ROLES | _words(
    """auteur auteure autrice auteurs agresseur agresseuse agresseurs plaignant plaignante
    passager passagère mis mise interpellé interpellée blessé blessée défunt défunte"""
)
# Lower-case particles between a civility and a surname (``M. de La Rochefoucauld``).
_PARTICLE_GAP = re.compile(
    r"(?:\s+(?:de|du|des|da|das|dos|di|del|della|van|von|der|den|ten|ter|bin|ibn|ould)){1,3}\s+"
    r"|\s+d['’]"
)
# Particles of Dutch, German, Portuguese, Italian, Arabic names: between two
# capitalised words they make a name, where ``de`` may make a place.
_FOREIGN_PARTICLES = _words("van von der den ten ter dos das del della di da bin ibn ould zu")
# Civilities typed in lower case (``mr lucas morin``).
# Lower-case letters of the names people type: Latin-1 and Latin Extended-A,
# the Romanian ș and ț; and a lower-case word of them, hyphens inside.
_LOWER = "a-zß-öø-ÿā-žșț"
_LOWER_WORD = rf"[{_LOWER}]+(?:-[{_LOWER}]+)?"
_LOWER_CIVILITIES = _words("m. mr mr. mme mme. mlle mlle. monsieur madame mademoiselle")
# Lower-case words that fold to a first name (``marié`` → Marie) or join two
# descriptions (``marié et père``): never part of a lower-case name.
_LOWER_NOT_NAMES = _words("marié mariée et ou sans avec à au aux en sur pour par")
# A name written in lower case (``jean-pierre le goff``): 2 to 4 lower-case words.
_LOWER_WORDS = re.compile(
    rf"[{_LOWER}]+(?:-[{_LOWER}]+)*(?:\s+[{_LOWER}'’]+(?:-[{_LOWER}]+)*){{0,3}}"
)
_DEMONYM_ENDINGS = ("ais", "aise", "ois", "oise", "ien", "ienne", "ain", "aine", "een", "eenne")
# Police dogs and horses have first names too: a first name alone near one of
# these words names an animal (``Olga, une malinoise de 2 ans``).
_ANIMAL = (
    r"(?:chien(?:ne)?|cynophile|malinoise?|berg[eè]re?\s+[a-zà-ÿ]+|labrador|rottweiler|beagle"
    r"|springer|[ée]pagneul|saint-hubert|cheval|jument|poney|chat(?:te)?|chiot)"
)
# ``notre chien Max``, ``la chienne Olga`` (just before), ``Olga, une malinoise``,
# ``Ulysse, le nouveau cheval`` (just after).
_ANIMAL_BEFORE = re.compile(rf"\b{_ANIMAL}s?\s+$")
_ANIMAL_AFTER = re.compile(
    rf",?\s*(?:un|une|le|la|notre|son|sa|leur)?\s*(?:jeune\s+|nouveau\s+|nouvelle\s+)?{_ANIMAL}\b"
)
_AGE_AFTER = re.compile(
    r"\s*(?:,\s*|\(\s*)(?:respectivement\s+|(?:tous|toutes)\s+deux\s+âgée?s\s+de\s+)?"
    r"\d{1,2}(?:\s*(?:et|ou|-|à|,)\s*\d{1,2})*\s*(?:ans\b|a\.(?=\s*[),]))"
)
# A first name typed in lower case, then its age without a comma (``lenny 14 ans``).
_BARE_AGE_AFTER = re.compile(rf"(?<=[{_LOWER}])\s\d{{1,2}}\s*ans\b")
# A second name joined to a name found (``Sipho Dlamini et Xóchitl Ramírez``).
_JOINED_BEFORE = re.compile(
    r"(?:^|(?<=[\s:;,.(]))(?P<name>[A-ZÀ-ÖØ-ÞЀ-ЯΑ-Ω][^\W\d_]+(?:[- ][A-ZÀ-ÖØ-ÞЀ-ЯΑ-Ω][^\W\d_]+){1,2})"
    r"\s+et\s+$"
)
# A description with an age after two words or more: ``Ji-woo Park, étudiante
# de 24 ans``, ``Kofi Mensah, un livreur de 31 ans``.
_DESCRIBED_AGE_AFTER = re.compile(
    r"\s*,\s*(?:(?:un|une)\s+)?[a-zà-ÿ][a-zà-ÿ-]+(?:\s+[a-zà-ÿ][a-zà-ÿ-]+)?\s+(?:âgée?\s+)?de"
    r"\s+\d{1,2}\s*ans\b"
)
_PLACE_PREPOSITIONS = _words(
    "de d à au aux en sur vers depuis pour par près chez du des la le les l"
)
# Capitalised words that open a sentence or a heading, never a first name.
_NOT_FIRST_WORDS = _folded(
    """Opération Plan Alerte Appel Attention Urgent Info Rappel Campagne Dispositif Mission
    Brigade Unité Service Centre Projet Programme Action Nouvelle Nouveau Grande Grand Bilan
    Arrestation Interpellation Interpellé Interpellée Condamnation Disparition Vol Vols Saisie
    Contrôle Contrôles Accident Agression Incendie Trafic Fraude Arnaque Escroquerie Alerte
    Prévention Conseil Conseils Bravo Merci Hommage Soutien Victime Suspect Témoin Témoins
    Avis Recherche Recherché Recherchée Retrouvé Retrouvée Rodéo Cambriolage Violences Affaire
    Quartier Commune Secteur Zone Bâtiment Escalier Catégorie Annexe Groupe Lot Équipe Type
    Classe Niveau Porte Hall Tour Aile Section Série Permis Option Article Point Immeuble
    Entrée Vitamine Partie Phase Étape Note Nouvel Nouveaux Nouvelles Important Importante
    Attention Gros Grosse Belle Bel Beau Bonne Bon Fort Forte Vive Joyeux Joyeuse Heureux
    Très Encore Toujours Jamais Aucun Aucune Tout Toute Tous Toutes Chaque Plusieurs Premier
    Première Dernier Dernière Rappel Stop Halte Non Oui Enfin Ici Voici Voilà Fin Début Suite
    Mise Point Signalement Signalez Appelez Composez Contactez Rendez Retrouvez Suivez
    Découvrez Inscrivez Pensez Attentat Menace Risque Danger Sécurité Tranquillité Opération
    Objet Perte Perdu Trouvé Trouvée Retour Arrivée Départ Visite Réunion Forum Salon Fête
    Deux Trois Quatre Cinq Six Sept Huit Neuf Dix Onze Douze Vingt Trente Cent Mille Quelques
    Certains Certaines Nombreux Nombreuses Divers Diverses Les Des Ces Ses Nos Vos Leurs
    Âgé Âgée Âgés Âgées Agé Agée Agés Agées Notre Votre
    Près Après Avant Devant Derrière Sous Sur Dans Entre Vers Chez Par Pour Avec Sans Contre
    Depuis Pendant Hier Demain Sain Saine Sains Saines"""
)
# Verbs and nouns of arrest, charge and sentence that a name follows
# (``Interpellation de Bui Thi Hoa``, ``Condamné à deux ans ferme, Tenzin Dorje``).
_VERB_CUE = re.compile(
    r"\b(?:interpell[ée]e?s?|arr[êe]t[ée]e?s?|appr[ée]hend[ée]e?s?|[ée]crou[ée]e?s?"
    r"|incarc[ée]r[ée]e?s?|d[ée]f[ée]r[ée]e?s?|condamn[ée]e?s?|relax[ée]e?s?|inculp[ée]e?s?"
    r"|plac[ée]e?s?\s+en\s+(?:garde\s+[àa]\s+vue|d[ée]tention(?:\s+provisoire)?)"
    r"|mise?s?\s+en\s+(?:examen|cause)|verbalis[ée]e?s?|contr[ôo]l[ée]e?s?|auditionn[ée]e?s?"
    r"|(?:interpellation|arrestation|condamnation|audition|interrogatoire|proc[èe]s|garde\s+[àa]\s+vue)"
    r"\s+d(?:e|u|['’])|soup[çc]onn[ée]e?s?|recherch[ée]e?s?"
    # Verbs a victim or a witness follows: ``a trouvé Rosalind Achterberg``.
    r"|(?:re)?trouv[ée]e?s?|secour(?:u|ue|us|ues)|agress[ée]e?s?|frapp[ée]e?s?|bless[ée]e?s?"
    r"|menac[ée]e?s?|aper[çc]u(?:e|s|es)?|reconnu(?:e|s|es)?|identifi[ée]e?s?)(?![\w-])",
    re.IGNORECASE,
)
# Where a cue of ``_VERB_CUE`` may start: found with ``str.find`` (fast),
# then checked by the expression at that place only.
_VERB_STEMS = (
    "interpell", "arrêt", "arret", "appréhend", "apprehend", "écrou", "ecrou", "incarc",
    "défér", "defer", "condamn", "relax", "inculp", "placé", "place", "mis en", "mise en",
    "mises en", "verbalis", "contrôl", "control", "auditionn", "arrestation", "audition",
    "interrogatoire", "procès", "proces", "garde à vue", "garde a vue", "soupçonn", "soupconn",
    "recherch", "trouv", "retrouv", "secour", "agress", "frapp", "bless", "menac",
    "aperçu", "apercu", "reconnu", "identifi",
)  # fmt: skip
# What may stand between the verb and the name: a few lower-case words
# (``à deux ans ferme``, ``hier soir``), then a comma or a colon.
_CUE_GAP = re.compile(
    r"(?:(?:\s+(?:[a-zà-ÿ0-9'’-]+|à)){0,6}?\s*[,:]?\s+|\s*[,:]\s*)(?=[A-ZÀ-ÖØ-ÞЀ-ЯΑ-Ω])"
)
# A name in lower case after a role (``le prévenu benjamin tessier``).
_LOWER_AFTER_ROLE = re.compile(
    r"\b(?i:suspecte?|victime|prévenue?|accusée?|conducteur|conductrice|automobiliste|chauffeur"
    r"|mise?\s+en\s+cause|interpellée?|gérante?|propriétaire|locataire|témoin|individu|auteure?"
    r"|agresseur|plaignante?|passagère?|passager|sieur|dame|détenue?|condamnée?|blessée?"
    r"|arrêtée?|écrouée?|(?:interpellation|arrestation|garde\s+à\s+vue|audition"
    r"|condamnation|interrogatoire|mise?\s+en\s+examen)\s+d[eu])"
    r"\s*[,:]?\s+(?P<name>(?P<first>(?:(?:ould|ben|bin|ibn|van|von|abou|abu|el|al)\s+)?"
    rf"{_LOWER_WORD})\s+"
    rf"(?P<last>(?:(?:de|du|le|la|van|von|da|di|el|ben|ould)\s+)?[{_LOWER}'’]{{2,}}(?:-[{_LOWER}]+)?))"
    r"(?P<closed>\s*(?:[,;(]|\d|$))?"
)
# Particles that open a surname written first (``ould cheikh sidi``).
_LOWER_SURNAME_OPENERS = _words("ould ben bin ibn van von abou abu el al")
_LOWER_ROLE_HINTS = (
    "suspect", "victime", "prévenu", "accusé", "conduct", "automobiliste", "chauffeur",
    "mis en cause", "mise en cause", "interpell", "gérant", "propriétaire", "locataire",
    "témoin", "individu", "auteur", "agresseur", "plaignant", "passag", "sieur", "dame",
    "détenu", "condamn", "blessé", "arrêt", "écrou", "arrestation", "garde à vue", "audition",
    "interrogatoire", "mis en examen", "mise en examen",
)  # fmt: skip
# Lower-case words that never end a name: verbs, pronouns, prepositions.
_LOWER_STOP = _words(
    """a est et ou qui que de du des la le les au aux en avait était sera serait ont sont se
    s n ne y pour par avec sans dans sur été être son sa ses leur leurs il elle ils elles on
    lui ce cet cette ces dont mais donc car ni or puis alors aussi après avant pendant depuis
    chez entre vers selon contre malgré domicilié domiciliée âgé âgée connu connue né née
    originaire interpellé interpellée reste restait avoue nie conteste"""
)
_NAMED_HINTS = ("nomm", "alias", "dit", "certain", "appelle", "nom de")
# A capitalised word: letters with inner hyphens or apostrophes, and an
# optional trailing dot (for initials and civilities).
_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞЀ-ЯΑ-Ω][^\W\d_]*(?:[-'’][^\W\d_]+)*\.?")
# The run of capitalised words, commas and ``et``/``ou`` a listed item ends.
_ENUMERATION = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][\w-]*(?:\s*,\s*|\s+(?:et|ou)\s+|\s+))+$")
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
    """``Durand``, ``Durand.`` at the end of a sentence, but not an initial."""
    return word[0].isupper() and not (word.endswith(".") and len(word) <= 3)


def _is_upper(word: str) -> bool:
    letters = word.replace("-", "").replace("'", "").replace("’", "")
    return len(letters) >= 2 and letters.isupper() and word.upper() not in ACRONYMS


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


# What stands for a name already withheld: ``M. X``, ``Mme Y.``, ``X…``.
_PLACEHOLDERS = frozenset({"X", "Y", "Z", "XX", "XXX", "X.", "Y.", "Z."})


def _is_surname(word: str) -> bool:
    if word in _PLACEHOLDERS:
        return False
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
    Nord Sud Est Ouest Centre Métropole Agglomération Agglo Cedex
    Près Après Avant Devant Derrière Sous Entre Vers Contre Depuis Pendant
    Uber Bolt Heetch Deliveroo Amazon Leboncoin Vinted Facebook Instagram Snapchat TikTok
    WhatsApp Twitter Google Apple Samsung Tesla Airbnb Blablacar BlaBlaCar Waze
    """)


@lru_cache(maxsize=256)
def names(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the names in ``text`` (cached: ``minor`` asks again)."""
    low = lower(text)
    spans: list[tuple[int, int]] = []
    named_hint = any(hint in low for hint in _NAMED_HINTS)
    aged = " ans" in low or " a." in low  # an age, ``29 ans`` or ``(28 a.)``
    if len(low) == len(text):
        for hint in _LOWER_ROLE_HINTS:
            at = low.find(hint)
            while at != -1:
                after_role = _LOWER_AFTER_ROLE.match(text, at)
                if after_role is not None and _is_lower_name(
                    after_role.group("first"),
                    after_role.group("last"),
                    closed=after_role.group("closed") is not None,
                ):
                    spans.append(after_role.span("name"))
                at = low.find(hint, at + 1)
        if named_hint:
            spans.extend(_lower_named(text))
        if any(civility in low for civility in _LOWER_CIVILITY_HINTS):
            spans.extend(_after_lower_civility(text))
        if aged:
            for age in (*_AGE_AFTER.finditer(text), *_DESCRIBED_AGE_AFTER.finditer(text)):
                lower_name = _lower_name_before(text, age.start())
                if lower_name is not None:
                    spans.append(lower_name)
            for age in _BARE_AGE_AFTER.finditer(text):
                alone = _LONE_LOWER_FIRST.search(text, max(0, age.start() - 40), age.start())
                if alone is None:
                    # ``le petit enzo 9 ans``: a role, then the first name.
                    alone = _ROLE_LOWER_FIRST.search(text, max(0, age.start() - 40), age.start())
                    if alone is not None and alone.group("role").lower() not in _ROLES:
                        alone = None
                if alone is not None and _lone_first_name(alone.group("first")):
                    spans.append(alone.span("first"))
        if " été " in low:
            for opening in _LOWER_OPENING_NAME.finditer(text):
                if _lower_opening_name(text, opening):
                    spans.append(opening.span("name"))
        if ", " in text:
            for closed in _LOWER_CLOSED_APPOSITION.finditer(text):
                if _is_lower_name(closed.group("first"), closed.group("last")):
                    spans.append(closed.span("name"))
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    if not words:
        return tuple(spans)
    if ":" in text and _FIELD_HINT.search(low) is not None:
        spans.extend(_fields(text))
    taken: set[int] = set()
    # joined[i]: words i and i + 1 are separated by spaces only.
    joined = [_adjacent(text, words[k], words[k + 1]) for k in range(len(words) - 1)] + [False]

    def run_from(i: int, limit: int = 3) -> int:
        """Index after the surname words starting at ``i``."""
        j = i
        while (
            j < len(words)
            and j - i < limit
            and (
                _is_surname(words[j][2])
                or (j > i and words[j][2] in _INNER_PARTICLES and joined[j] and j + 1 < len(words))
            )
        ):
            if j > i and not joined[j - 1]:
                break
            j += 1
            if words[j - 1][2].endswith("."):
                break  # an initial, or the end of the sentence
        return j

    for i, (_, _, word) in enumerate(words):
        if word not in CIVILITIES or i + 1 >= len(words):
            continue
        if not (joined[i] or _PARTICLE_GAP.fullmatch(text, words[i][1], words[i + 1][0])):
            continue
        first = i + 1
        if words[first][2].title() in _PARTICLES and joined[first]:
            first += 1  # ``M. Le Goff``, ``Mme De Sousa``, ``Mme LE ROUX``
        if fold(words[first][2].rstrip(".")) in _TITLES:
            continue
        j = run_from(first)
        if j > first:
            spans.append((words[i + 1][0], _end(words[j - 1])))
            taken.update(range(i, j))
    if named_hint:
        starts = {start: i for i, (start, _, _) in enumerate(words)}
        for cue in _NAMED.finditer(text):
            found = starts.get(cue.end())
            if found is None or found in taken:
                continue
            i = found
            if words[i][2] in _PLACEHOLDERS:
                continue  # ``le nommé X…``: withheld already
            j = max(run_from(i), i + 1)
            spans.append((words[i][0], _end(words[j - 1])))
            taken.update(range(i, j))
    if aged:
        # ``Dragoș Popescu, 29 ans``, ``Ngozi A. (31 ans)``: words followed by an age.
        for age in _AGE_AFTER.finditer(text):
            spans_before = _name_before(text, words, taken, age.start())
            if spans_before is not None:
                i, j = spans_before
                spans.append((words[i][0], _end(words[j - 1])))
                taken.update(range(i, j))
        for age in _DESCRIBED_AGE_AFTER.finditer(text):
            # Two words at least: a town alone may open the sentence.
            spans_before = _name_before(text, words, taken, age.start())
            if spans_before is not None and spans_before[1] - spans_before[0] >= 2:
                i, j = spans_before
                spans.append((words[i][0], _end(words[j - 1])))
                taken.update(range(i, j))
    for i in range(len(words) - 1):
        # ``Dragoș POPESCU``, ``Ngozi A.``: a capitalised word and a surname in
        # capitals or an initial.
        word, after = words[i][2], words[i + 1][2]
        if not joined[i] or i in taken or i + 1 in taken:
            continue
        after_end = words[i + 1][1]
        glued = after_end < len(text) and text[after_end].isdigit()  # ``RAV4``
        surname = (
            _is_upper(after) and len(after) >= 3 and not glued and after not in ACRONYMS
        ) or (_is_initial(after) and after not in _PLACEHOLDERS)
        if surname and _could_open_name(text, words[i]):
            spans.append((words[i][0], _end(words[i + 1])))
            taken.update((i, i + 1))
    if ", " in text:
        spans.extend(_surnames_comma_first_name(text, words, joined, taken))
    # Only two capitalised words side by side can follow a verb of arrest.
    cues = _verb_cues(text, low) if any(joined) else []
    if cues:
        # ``Placée en garde à vue, Kateryna Shevchuk``, ``a condamné Siddharth
        # Rao``: two capitalised words after a verb of arrest or sentence.
        starts = {start: i for i, (start, _, _) in enumerate(words)}
        for cue in cues:
            gap = _CUE_GAP.match(text, cue.end())
            found = starts.get(gap.end()) if gap is not None else None
            if gap is None or found is None or found in taken:
                continue
            if gap.group().strip(" ,:") and (
                _previous_word(text, words[found][0]).lower() in _PLACE_PREPOSITIONS
            ):
                # ``interpellé hier à Nantes Nord``: a place; ``interpellé à
                # Saint-Herblain Batbayar Ganbold``: a place, then a name.
                found += 1
                if found >= len(words) or not joined[found - 1] or found in taken:
                    continue
            if not _could_open_pair(text, words[found]):
                continue
            j = run_from(found)
            if j - found < 2 or _names_a_place(text, words, found):
                continue
            spans.append((words[found][0], _end(words[j - 1])))
            taken.update(range(found, j))

    def passive() -> bool:
        return any(verb in low for verb in _PASSIVE_HINTS)

    for i, (start, _, word) in enumerate(words):
        if i in taken:
            continue
        if not _after_role(text, start):
            # ``L'agresseur présumé, Kofi Mensah,``: two words at least in apposition.
            if (
                text[start - 2 : start] == ", "
                and _could_open_name(text, words[i])
                and word.lower() not in _APPOSITION_ROLES  # ``, Commissaire Divisionnaire,``
            ):
                role = _after_apposition(text, start)
                j = run_from(i)
                if (
                    j - i >= 2
                    and (role or _closed_apposition(text, start, _end(words[j - 1])))
                    and not _names_a_place(text, words, i)
                ):
                    spans.append((start, _end(words[j - 1])))
                    taken.update(range(i, j))
            elif joined[i] and _opens_sentence(text, start):
                # Two words or three opening a sentence, then a verb of arrest,
                # hearing or sentence in the passive (``Aigerim Nurlanovna a été
                # entendue``) or a description of a person (``Tsegaye Alemu,
                # coureur amateur,``).
                j = run_from(i)
                if (
                    j - i >= 2
                    and _could_open_name(text, words[i])
                    and all(_could_be_surname(w[2]) for w in words[i + 1 : j])
                    and not _names_a_place(text, words, i)
                ):
                    end = _end(words[j - 1])
                    if (passive() and _PASSIVE_AFTER.match(text, end)) or _described_after(
                        text, end
                    ):
                        spans.append((start, end))
                        taken.update(range(i, j))
            continue
        if word in _PARTICLES and joined[i] and _could_be_surname(words[i + 1][2]):
            j = run_from(i + 1)  # ``la famille Le Gall``
        elif _could_be_surname(word):
            j = run_from(i)
        else:
            continue
        if j > i and not _names_a_place(text, words, i):
            spans.append((start, _end(words[j - 1])))
            taken.update(range(i, j))
    if any(f" {particle} " in low for particle in _FOREIGN_PARTICLES):
        # ``Jan van der Berg``, ``Omar ibn Said``: a particle that French does
        # not use between two capitalised words, whatever the first name.
        for i in range(len(words) - 1):
            if i in taken or i + 1 in taken or joined[i]:
                continue
            gap = _PARTICLE_GAP.fullmatch(text, words[i][1], words[i + 1][0])
            if gap is None or not _FOREIGN_PARTICLES.intersection(gap.group().lower().split()):
                continue
            if not (_could_open_name(text, words[i]) and _could_be_surname(words[i + 1][2])):
                continue
            j = run_from(i + 1)
            if j > i + 1 and not _names_a_place(text, words, i):
                spans.append((words[i][0], _end(words[j - 1])))
                taken.update(range(i, j))
    for i, (start, _, word) in enumerate(words):
        if i in taken:
            continue
        bare = word.rstrip(".")
        if _is_first(bare):
            compound = False
        elif "-" in bare and _is_compound_first(bare):
            # ``Yann-Ber Le Bihan``: a compound whose first part is a first name
            # counts when a surname follows, unless a preposition makes it a
            # town (``à Pierre-Bénite``).
            compound = True
        else:
            continue
        if start > 0 and text[start - 1] in "@#":
            continue
        previous_upper = (
            i > 0 and i - 1 not in taken and _is_upper(words[i - 1][2]) and joined[i - 1]
        )
        j = i + 1
        if joined[i]:
            j = run_from(j)
            if (
                j == i + 1
                and i + 2 < len(words)
                and words[i + 1][2] in _PARTICLES
                and joined[i + 1]
                and fold(bare) not in AMBIGUOUS
                and _could_be_surname(words[i + 2][2])
            ):
                j = run_from(i + 2)  # ``Yann Le Bihan``, ``Ahmed Ben Salah``
        elif (
            i + 1 < len(words)
            and fold(bare) not in AMBIGUOUS
            and _PARTICLE_GAP.fullmatch(text, words[i][1], words[i + 1][0])
            and _could_be_surname(words[i + 1][2])
        ):
            j = run_from(i + 1)  # ``Jeanne de La Salle``, ``Ana dos Santos``
        has_surname = j > i + 1
        if compound and (
            not has_surname or _previous_word(text, start).lower() in _PLACE_PREPOSITIONS
        ):
            continue
        begin = i - 1 if previous_upper else i
        span = (words[begin][0], _end(words[j - 1]))
        if _names_a_place(text, words, begin) or _is_famous(text, span[0]):
            taken.update(range(begin, j))
            continue
        if not (has_surname or previous_upper) and (
            fold(word.rstrip(".")) in AMBIGUOUS
            or _after_car_make(text, start)
            or (fold(word.rstrip(".")) in CAR_MODELS and _after_determiner(text, start))
            or _names_an_animal(low, start, span[1])
        ):
            continue
        spans.append(span)
        taken.update(range(begin, j))
    if " et " in text:
        spans.extend(_joined_names(text, words, spans))
    return tuple(sorted(set(spans)))


def _joined_names(
    text: str, words: list[tuple[int, int, str]], spans: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """``Sipho Dlamini et Xóchitl Ramírez``: the name joined by « et » to a name found."""
    starts = {start: i for i, (start, _, _) in enumerate(words)}
    for start, _ in list(spans):
        joined = _JOINED_BEFORE.search(text, max(0, start - 50), start)
        if joined is None:
            continue
        i = starts.get(joined.start("name"))
        if (
            i is not None
            and _could_open_name(text, words[i])
            and all(_could_be_surname(w) for w in joined.group("name").split()[1:])
            and not _names_a_place(text, words, i)
        ):
            yield joined.span("name")


# A form's labelled fields, each at the start of a line or after a separator:
# ``NOM : OUEDRAOGO`` / ``Prénom : Issouf``, ``nom de naissance : Leroy``.
_FIELD = re.compile(
    r"(?:^|(?<=[\n;,|•(]))[ \t]*"
    r"(?i:nom(?:\s+de\s+(?:famille|naissance|jeune\s+fille)|\s+d['’]usage)?|pr[ée]noms?)"
    r"[ \t]*:[ \t]*"
    r"(?P<value>[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[-'’][^\W\d_]+)*"
    r"(?:[ \t](?!(?i:pr[ée]noms?|nom|n[ée]e?|date)\b)[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[-'’][^\W\d_]+)*){0,3})",
    re.MULTILINE,
)
_FIELD_HINT = re.compile(r"nom[^:\n]{0,22}:")
# What a form holds when the name is not known.
_NO_NAME = _folded("Inconnu Inconnue Néant NC Anonyme Masqué Masquée Aucun Aucune Xxx Non")


# ``le nommé durand``: a lower-case word after a word that introduces a name.
_LOWER_NAMED = re.compile(
    r"\b(?:nommée?|dénommée?|prénommée?|surnommée?|alias)\s+"
    rf"(?P<first>[{_LOWER}][{_LOWER}'’-]{{2,}})(?P<second>\s+[{_LOWER}][{_LOWER}'’-]{{2,}})?"
)


def _lower_named(text: str) -> Iterator[tuple[int, int]]:
    for match in _LOWER_NAMED.finditer(text):
        if match.group("first") in _LOWER_STOP:
            continue
        second = match.group("second")
        if second is not None and second.strip() not in _LOWER_STOP:
            yield match.start("first"), match.end("second")
        else:
            yield match.span("first")


# A civility typed in lower case, then the name (``mme durand``, ``mr lucas
# morin``); not after a determiner (``un monsieur âgé``) nor a number (``200 m.``).
_LOWER_CIVILITY = re.compile(
    rf"(?<![\w.])(?<!\d\s)(?:{'|'.join(map(re.escape, sorted(_LOWER_CIVILITIES, key=len)[::-1]))})\s+"
    rf"(?P<first>[{_LOWER}][{_LOWER}'’]+(?:-[{_LOWER}]+)?)"
    rf"(?P<second>(?:\s+[{_LOWER}][{_LOWER}'’]+(?:-[{_LOWER}]+)?){{1,2}})?"
)
# What may follow a name of three words: punctuation, a preposition, a verb.
_NAME_CLOSED = re.compile(
    r"\s*(?:[,.;:()]|$)|\s+(?:à|au|aux|de|du|des|pour|par|dans|sur|qui|a|est|sera|avait)\b"
)
_CIVILITY_DETERMINERS = _DETERMINERS | _words("du des au aux les ces")
_LOWER_CIVILITY_HINTS = ("m. ", "mr", "mme", "mlle", "monsieur ", "madame ", "mademoiselle ")


def _after_lower_civility(text: str) -> Iterator[tuple[int, int]]:
    for match in _LOWER_CIVILITY.finditer(text):
        first = match.group("first")
        if first in _LOWER_STOP or first in _LOWER_NOT_NAMES or fold(first) in _TITLES:
            continue
        if _previous_word(text, match.start()).lower() in _CIVILITY_DETERMINERS:
            continue
        end = match.end("first")
        if match.group("second") is not None:
            for count, word in enumerate(re.finditer(r"\S+", text[end : match.end("second")])):
                if word.group() in _LOWER_STOP or word.group() in _LOWER_NOT_NAMES:
                    break  # ``mme durand a porté plainte``
                after = match.end("first") + word.end()
                if count and not _NAME_CLOSED.match(text, after):
                    break  # a third word only before what closes a name
                end = after
        yield match.start("first"), end


def _fields(text: str) -> Iterator[tuple[int, int]]:
    for field in _FIELD.finditer(text):
        value = field.group("value")
        if fold(value.split()[0]) not in _NO_NAME and value.upper() not in ACRONYMS:
            yield field.span("value")


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


def _could_open_name(text: str, word: tuple[int, int, str]) -> bool:
    """A capitalised word that may be an unknown first name."""
    start, _, value = word
    if value.endswith(".") or not value[1:].islower() or not _could_be_surname(value):
        return False
    folded = fold(value)
    if folded in _NOT_FIRST_WORDS or folded in _CAR_MAKES:
        return False
    if folded in CAR_MODELS and _after_determiner(text, start):
        return False
    if _is_famous(text, start):
        return False
    return _previous_word(text, start).lower() not in _PLACE_PREPOSITIONS


def _name_before(
    text: str, words: list[tuple[int, int, str]], taken: set[int], at: int
) -> tuple[int, int] | None:
    """The 1 to 3 words that end right before position ``at``, if they may be a name."""
    # Index of the last word before ``at``.
    last = max((k for k in range(len(words)) if words[k][1] <= at), default=-1)
    if last < 0 or text[words[last][1] : at].strip(" .") != "" or last in taken:
        return None
    first = last
    while (
        first > 0
        and last - first < 2
        and first - 1 not in taken
        and _adjacent(text, words[first - 1], words[first])
    ):
        first -= 1
    if (
        first > 0
        and first - 1 not in taken
        and _PARTICLE_GAP.fullmatch(text, words[first - 1][1], words[first][0])
        and _particle_name_opener(text, words[first - 1], at)
    ):
        first -= 1  # ``Foulques de Kermabon, 59 ans``
    if any(_is_famous(text, words[k][0]) for k in range(first, last + 1)):
        return None  # ``Jean Moulin, 83 ans après sa mort``
    while first <= last and not _could_open_name(text, words[first]):
        first += 1
    if first > last:
        return None
    if not all(_is_surname(w[2]) for w in words[first + 1 : last + 1]):
        return None
    if _names_a_place(text, words, first):
        return None
    return first, last + 1


# A lower-case word alone at the start of a sentence (``lenny 14 ans``).
_LONE_LOWER_FIRST = re.compile(rf"(?:^|(?<=[.!?:;(\n])\s*)(?P<first>{_LOWER_WORD})$")


# What introduces a report's identity (``GAV pour MELO ROCHA, Leandro``).
_REPORT_CUE = re.compile(
    r"\b(?:GAV|[Gg]arde\s+à\s+vue|[Ii]nterpell|[Ii]dentit|[Mm]ise?\s+en\s+cause|[Pp]révenue?"
    r"|[Cc]ondamn|[Dd]éfér|[Éé]crou|[Nn]om\b|NOM\b)"
)


def _surnames_comma_first_name(
    text: str, words: list[tuple[int, int, str]], joined: list[bool], taken: set[int]
) -> Iterator[tuple[int, int]]:
    """Report order with a comma: surnames in capitals, then the first name
    (``MELO ROCHA, Leandro``): a known first name, or two surnames or more
    after a cue of the report (``GAV``, ``interpellé``, ``identité``)."""
    i = 0
    while i < len(words):
        k = i
        while (
            k < len(words)
            and k not in taken
            and _is_upper(words[k][2])
            and fold(words[k][2]) not in _PLACE_WORDS
            and fold(words[k][2]) not in _STOP_CAPITALS
            and fold(words[k][2]) not in _NOT_FIRST_WORDS
            and (k == i or joined[k - 1])
        ):
            k += 1
        if k == i:
            i += 1
            continue
        if k < len(words) and k not in taken and text[words[k - 1][1] : words[k][0]] == ", ":
            first = words[k]
            if not first[2].isupper() and _could_open_name(text, first):
                cue = _REPORT_CUE.search(text, max(0, words[i][0] - 40), words[i][0])
                if _is_first(first[2]) or (k - i >= 2 and cue is not None):
                    taken.update(range(i, k + 1))
                    yield words[i][0], _end(first)
        i = k


_ROLE_LOWER_FIRST = re.compile(rf"(?P<role>[^\W\d_]+)\s+(?P<first>{_LOWER_WORD})$")
# A lower-case name between commas after a noun phrase: ``la passante, aïcha
# benali, a prévenu le 17``.
_LOWER_CLOSED_APPOSITION = re.compile(
    r"(?:^|(?<=[\s'’]))(?i:le|la|l['’]|un|une|notre|son|sa)\s*[a-zà-ÿ][a-zà-ÿ-]+\s*,\s+"
    rf"(?P<name>(?P<first>{_LOWER_WORD})\s+"
    rf"(?P<last>(?:(?:de|du|le|la|van|von|da|di|el|ben|ould)\s+)?[{_LOWER}'’]{{2,}}"
    rf"(?:-[{_LOWER}]+)?))\s*,"
)


# Two or three lower-case words opening a sentence, their age, then a verb of
# arrest or sentence in the passive: ``arnav deshpande, 29 ans, a été
# interpellé``, whatever the first name.
_LOWER_OPENING_NAME = re.compile(
    rf"(?:^|(?<=[.!?:\n])\s*)(?P<name>{_LOWER_WORD}"
    rf"(?:\s+[{_LOWER}'’]+(?:-[{_LOWER}]+)?){{1,2}})"
    r"\s*(?:,\s*|\(\s*)\d{1,2}\s*ans\s*\)?\s*,?"
)
_NUMERALS = _words("deux trois quatre cinq six sept huit neuf dix plusieurs quelques")
# Words of a description, never of a name (``un homme, 29 ans, a été…``).
_DESCRIPTION_WORDS = (
    _DETERMINERS
    | _APPOSITION_ROLES
    | _words(
        "homme femme hommes femmes personne personnes garçon fille jeune jeunes mineur mineure "
        "majeur majeure adulte riverain riveraine habitant habitante passant passante cycliste "
        "piéton piétonne motard motarde livreur livreuse"
    )
)


def _lower_opening_name(text: str, opening: re.Match[str]) -> bool:
    words = opening.group("name").split()
    if any(
        w in _LOWER_STOP
        or w in _LOWER_NOT_NAMES
        or w in _DESCRIPTION_WORDS
        or w.rstrip("sx") in _DESCRIPTION_WORDS  # ``deux mineurs``
        or w in _NUMERALS
        for w in words
    ):
        return False
    if any(fold(w) in AMBIGUOUS for w in words):
        return False
    return _PASSIVE_AFTER.match(text, opening.end()) is not None


def _lone_first_name(word: str) -> bool:
    folded = fold(word)
    return (
        word not in _LOWER_STOP
        and word not in _LOWER_NOT_NAMES
        and folded not in AMBIGUOUS
        and all(part in first_names() for part in folded.split())
    )


def _particle_name_opener(text: str, word: tuple[int, int, str], age: int) -> bool:
    """The word before ``de Kermabon`` (the age at ``age``): a first name, or an
    unknown one opening the sentence, not a place or a body, and not before a
    duration (``Château de Nantes, 20 ans de travaux``)."""
    folded = fold(word[2])
    if folded in _PLACE_WORDS or folded in _NOT_PERSON_NOUNS or folded in _BODIES:
        return False
    if not _could_open_name(text, word):
        return False
    if _is_first(word[2]):
        return True
    years = _AGE_AFTER.match(text, age)
    duration = years is not None and _DURATION_AFTER.match(text, years.end()) is not None
    return _opens_sentence(text, word[0]) and not duration


# ``20 ans de travaux``, ``30 ans d'existence``: a duration, not an age.
_DURATION_AFTER = re.compile(r"\s+(?:de|d['’])")


def _lower_name_before(text: str, at: int) -> tuple[int, int] | None:
    """A name in lower case ending at ``at``, right before an age, opened by a
    known first name (``Le conducteur, jean-pierre le goff, 52 ans``), also at
    the end of a longer phrase (``merci à gwenola le bihan, 52 ans``)."""
    found = _lower_name_ending(text, at)
    if found is not None:
        return found
    begin = max(text.rfind(c, max(0, at - 50), at) for c in ",:;(") + 1
    words = list(re.finditer(r"\S+", text[begin:at]))
    for k in range(max(0, len(words) - 4), len(words) - 1):
        name = [w.group() for w in words[k:]]
        if (
            _lone_first_name(name[0])
            and all(_LOWER_WORDS.fullmatch(w) for w in name)
            and name[-1] not in _LOWER_STOP
            and all(w not in _LOWER_NOT_NAMES for w in name)
            and all(w not in _LOWER_STOP or w in _LOWER_PARTICLES for w in name[1:-1])
        ):
            return begin + words[k].start(), begin + words[-1].end()
    if (
        len(words) >= 2
        and words[-2].group() in _NAME_PREPOSITIONS
        and _lone_first_name(words[-1].group())
    ):
        return begin + words[-1].start(), begin + words[-1].end()  # ``la famille de maxence``
    return None


_LOWER_PARTICLES = _words("de du le la des van von da di el ben ould")
# Prepositions after which a lone lower-case first name is someone's
# (``la famille de maxence, 11 ans``).
_NAME_PREPOSITIONS = _words("de à chez pour par avec")


def _lower_name_ending(text: str, at: int) -> tuple[int, int] | None:
    begin = max(text.rfind(c, max(0, at - 50), at) for c in ",:;(") + 1
    segment = text[begin:at]
    stripped = segment.lstrip()
    match = _LOWER_WORDS.fullmatch(stripped.rstrip())
    if match is None:
        return None
    words = stripped.split()
    if len(words) >= 2 and words[0] in _LOWER_CIVILITIES:
        # ``mr lucas morin, 29 ans``: the civility is no part of the name.
        stripped = stripped[len(words[0]) :].lstrip()
        words = words[1:]
    # A first name alone in lower case is too often a word, unless it is a
    # compound one (``lou-ann, 12 ans``) or a known first name that stands
    # alone before the age (``lucas, 15 ans``).
    alone = len(words) == 1 and (
        "-" in words[0]
        or (
            words[0] not in _LOWER_STOP
            and fold(words[0]) not in AMBIGUOUS
            and fold(words[0]) in first_names()
        )
    )
    if len(words) >= 2 and words[-2] in _ROLES:
        # ``la petite sarah, 8 ans``: a role, then a first name alone.
        last = fold(words[-1])
        if last in first_names() and last not in AMBIGUOUS and words[-1] not in _LOWER_STOP:
            end = begin + len(segment.rstrip())
            return end - len(words[-1]), end
        return None
    if " et " in stripped and len(words) <= 7:
        # ``karim et sofiane, 19 et 20 ans``: each joined name opened by a known first name.
        groups = [group.split() for group in stripped.split(" et ")]
        if all(
            group
            and fold(group[0]) not in AMBIGUOUS
            and fold(group[0]) in first_names()
            and _LOWER_NOT_NAMES.isdisjoint(group)
            for group in groups
        ):
            start = begin + len(segment) - len(stripped)
            return start, start + len(stripped.rstrip())
        return None
    if (len(words) < 2 and not alone) or not _LOWER_NOT_NAMES.isdisjoint(words):
        return None
    first = fold(words[0])
    parts = first.split()
    known = parts[:1] if alone else parts  # ``lou-ann``: ``Lou`` opens the compound
    if first in AMBIGUOUS or not all(part in first_names() for part in known):
        return None
    start = begin + len(segment) - len(stripped)
    return start, start + len(stripped.rstrip())


def _verb_cues(text: str, low: str) -> list[re.Match[str]]:
    """The cues of arrest or sentence in ``text``, in order."""
    if len(low) != len(text):  # a letter whose lower case is longer (``İ``)
        return list(_VERB_CUE.finditer(text))
    found: dict[int, re.Match[str]] = {}
    for stem in _VERB_STEMS:
        at = low.find(stem)
        while at != -1:
            if at not in found and (at == 0 or not low[at - 1].isalnum()):
                cue = _VERB_CUE.match(text, at)
                if cue is not None:
                    found[at] = cue
            at = low.find(stem, at + 1)
    return [found[at] for at in sorted(found)]


def _could_open_pair(text: str, word: tuple[int, int, str]) -> bool:
    """A capitalised or upper-case word that may open a name after a verb of
    arrest (``Kateryna``, ``NGUYEN``), not a place, a heading or a car."""
    start, _, value = word
    if value.endswith(".") or not _could_be_surname(value):
        return False
    folded = fold(value)
    if folded in _NOT_FIRST_WORDS or folded in _CAR_MAKES or folded in _PARTICLE_WORDS:
        return False
    return not _is_famous(text, start)


def _is_lower_name(first: str, last: str, *, closed: bool = False) -> bool:
    """``benjamin tessier``: a known first name, then a word that is not a verb
    or a preposition; or, closed by a comma, a bracket or an age, report order
    (``leroy killian``) or a surname opened by a particle (``ould cheikh sidi``)."""
    if last.split()[-1] in _LOWER_STOP or last.split()[0] in _LOWER_STOP - _words("de du le la"):
        return False
    if first in _LOWER_NOT_NAMES or first in _LOWER_STOP:
        return False
    folded = fold(first)
    if folded not in AMBIGUOUS and all(part in first_names() for part in folded.split()):
        return True
    if not closed:
        return False
    if first.split()[0] in _LOWER_SURNAME_OPENERS:
        return True
    folded_last = fold(last)
    return folded_last not in AMBIGUOUS and folded_last in first_names()


def _is_compound_first(word: str) -> bool:
    """``Yann-Ber``, ``Marie-Ange``: a first name, a hyphen, a capitalised part."""
    head, _, tail = word.partition("-")
    return bool(tail) and tail[0].isupper() and _is_first(head)


# A noun phrase that opens a sentence, then a comma: ``Le patron du kebab,``,
# ``La serveuse,``; the name after it must close the apposition.
_OPEN_APPOSITION = re.compile(
    r"(?:^|[.!?;:\n]\s*)(?i:le|la|l['’]|les|un|une|son|sa|leur|notre|ce|cette)\s*"
    r"[a-zà-ÿ][a-zà-ÿ-]+(?:\s+(?:d['’]\s?|de\s+(?:la\s+|l['’]\s?)?|du\s+|des\s+)?[a-zà-ÿ][a-zà-ÿ-]+){0,3}"
    r"\s*,\s*$"
)
# What closes an apposition: a comma, a bracket, an age.
_APPOSITION_CLOSE = re.compile(r"\s*(?:,|\(|\s-\s|\s–\s)")
# ``a été entendue``, ``est placé en garde à vue``, ``sera jugé``: the passive
# of the verbs a name follows in police prose, only those said of people (a
# company may be ``victime`` or ``contrôlée``).
_PASSIVE_AFTER = re.compile(
    r"\s+(?:a|ont|est|sont|sera|seront|avait|était)\s+(?:été\s+|bien\s+)?"
    r"(?:interpell|arr[êe]t|entendu|auditionn|condamn|plac[ée]\s+(?:en|sous)|d[ée]f[ée]r|[ée]crou"
    r"|incarc|mise?\s+en\s+(?:examen|cause)|bless|hospitalis|agress|interrog|verbalis|jug[ée]"
    r"|relax|soup[çc]onn|tu[ée]|d[ée]c[ée]d)"
)


_PASSIVE_HINTS = (
    " a été ",
    " ont été ",
    " est ",
    " sont ",
    " sera ",
    " seront ",
    " avait ",
    " était ",
)


def _closed_apposition(text: str, start: int, end: int) -> bool:
    """``Le patron du kebab, Erdem Yilmaz, a été…``: a name between a sentence's
    opening noun phrase and a comma, unless the phrase names a body
    (``Le bailleur, Nantes Habitat,``)."""
    before = text[max(0, start - 60) : start]
    opening = _OPEN_APPOSITION.search(before)
    if opening is None or not _APPOSITION_CLOSE.match(text, end):
        return False
    return _BODIES.isdisjoint(_BEFORE.findall(fold(opening.group())))


# Nouns that a company or a public body stands in apposition to.
_BODIES = _folded("""
    bailleur transporteur fournisseur assureur employeur opérateur exploitant club association
    société entreprise enseigne commune ville établissement syndic prestataire partenaire
    banque chaîne marque groupe équipe festival organisme structure collectivité
    """)


# A description in apposition after a name: ``, coureur amateur,``, ``,
# étudiante péruvienne, a été``, ``, aide à domicile,``.
_DESCRIPTION = re.compile(
    r"\s*,\s*(?:(?:un|une)\s+)?(?P<noun>[a-zà-ÿ][a-zà-ÿ-]+)"
    r"(?:\s+(?:d['’]\s?|de\s+|du\s+|des\s+|à\s+)?[a-zà-ÿ][a-zà-ÿ'’-]*){0,3}"
    # A complement that may name a place: ``, commerçant de la rue de Verdun,``.
    r"(?:\s+(?:d['’]\s?|de\s+(?:la\s+|l['’]\s?)?|du\s+|des\s+|à\s+)?[\w'’-]+){0,3}"
    r"\s*(?:[,.;]|$|\s+(?:a|avait|est|était|sera|ont|sont)\s)"
)
# What a company, a place or an event is described as (``Crédit Agricole,
# banque mutualiste,``, ``Bellevue Chantenay, quartier prioritaire,``).
_NOT_PERSON_NOUNS = _folded("""
    quartier secteur zone commune ville village département région pays territoire cité
    compagnie mutuelle fédération syndicat agence office institut fondation chaîne média
    journal quotidien radio hebdomadaire magazine site application plateforme réseau
    organisme événement opération service brigade unité ligne gare magasin restaurant
    hôtel boutique salle centre collectivité métropole agglomération marque fabricant
    """)


def _described_after(text: str, end: int) -> bool:
    description = _DESCRIPTION.match(text, end)
    if description is None:
        return False
    noun = fold(description.group("noun"))
    return not (
        noun in _NOT_PERSON_NOUNS
        or noun in _BODIES
        or noun in _PLACE_WORDS
        or description.group("noun") in _LOWER_STOP
    )


def _opens_sentence(text: str, start: int) -> bool:
    """The word at ``start`` opens the text, a sentence or a line."""
    return start == 0 or text[start - 1] == "\n" or text[max(0, start - 2) : start] in _OPENERS


_OPENERS = frozenset([". ", "! ", "? ", ": ", "\n "])


def _after_apposition(text: str, start: int) -> bool:
    """A role and a comma right before: ``L'agresseur présumé, Kofi``, ``Le
    gardien d'immeuble, Tenzing``."""
    before = text[max(0, start - 45) : start]
    return any(
        match is not None and match.group("role").lower() in _APPOSITION_ROLES
        for match in (_APPOSITION.search(before), _APPOSITION_OF.search(before))
    )


def _names_an_animal(low: str, start: int, end: int) -> bool:
    """A police dog or horse: an animal word right before or after the name."""
    return bool(
        _ANIMAL_BEFORE.search(low, max(0, start - 25), start) or _ANIMAL_AFTER.match(low, end)
    )


def _after_role(text: str, start: int) -> bool:
    """``le commissaire Dupont``, ``la victime Ngozi``: a role word right before,
    unless written in capitals (``AUCUN POLICIER NE``: a heading, not a cue)."""
    previous = _previous_word(text, start)
    return previous.lower() in _ROLES and not previous.isupper()


def _previous_word(text: str, start: int) -> str:
    """The word right before ``start``, across one space (``""`` after punctuation)."""
    if start < 2 or text[start - 1] not in " \u00a0" or not text[start - 2].isalpha():
        return ""
    end = start - 1
    begin = max(text.rfind(" ", 0, end), text.rfind("'", 0, end), text.rfind("’", 0, end)) + 1
    word = text[begin:end]
    return word if word.replace("-", "").isalpha() else ""


def _could_be_surname(word: str) -> bool:
    bare = word.rstrip(".")
    if len(bare) > 2 and bare[1] in "'’" and bare[2].islower():
        return False  # ``L'auteur``, ``D'après``: an elided article (``N'Diaye`` is a name)
    folded = fold(bare)
    if _is_first(bare):
        return True
    if len(bare) < 2 or bare.upper() in ACRONYMS or folded in AMBIGUOUS:
        return False
    if folded in _TITLES or folded in _PLACE_WORDS or folded in _STOP_CAPITALS:
        return False
    # ``le jeune Nantais``, ``un Algérien``: a demonym, not a surname.
    return not (bare.istitle() and folded.endswith(_DEMONYM_ENDINGS))


def _is_famous(text: str, start: int) -> bool:
    """``Victor Hugo``, ``Jeanne d'Arc``: a name that stands for a place or an era."""
    ahead = fold(text[start : start + _FAMOUS_LONGEST])
    candidates = _FAMOUS_BY_FIRST_WORD.get(ahead.split(" ", 1)[0], ())
    return any(
        ahead.startswith(name) and ahead[len(name) : len(name) + 1] in {"", " ", ",", ".", "'"}
        for name in candidates
    )


def is_famous_name(words: str) -> bool:
    """``Jean Jaurès`` among ``words``: a famous name (a hashtag, a place)."""
    folded = f" {fold(words)} "
    return any(f" {name} " in folded for name in FAMOUS)


def _after_determiner(text: str, start: int) -> bool:
    previous = text[max(0, start - 10) : start].replace("’", "'").split()
    return bool(previous) and previous[-1].split("'")[-1].lower() in _DETERMINERS


def _after_car_make(text: str, start: int) -> bool:
    """``Renault Clio``, ``Dacia Logan``: a model, not a first name; so is a model
    listed after a make (``les Renault Clio, Mégane et Captur``)."""
    previous = text[max(0, start - 20) : start].split()
    if previous and fold(previous[-1]) in _CAR_MAKES:
        return True
    word = _WORD.match(text, start)
    if word is None or fold(word.group().rstrip(".")) not in CAR_MODELS:
        return False
    listed = _ENUMERATION.search(text[max(0, start - 60) : start])
    return listed is not None and any(fold(w) in _CAR_MAKES for w in listed.group().split())


def _names_a_place(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """A place word right before word ``i`` (``collège Victor-Hugo``, ``rue du
    Général Leclerc``, ``école élémentaire Jules Ferry``), or a ``Saint-`` name."""
    start = words[i][0]
    if start > 0 and text[start - 1] == "-":
        return True  # ``Saint-Pierre``, ``Pont-Rousseau``
    if fold(_previous_word(text, start)) in _GOODS:
        return True  # ``sacs Louis Vuitton``: a brand
    listed = _ENUMERATION.search(text, max(0, start - 80), start)
    if listed is not None and fold(_previous_word(text, listed.start())) in _GOODS:
        return True  # ``parfums Jean Paul Gaultier et Yves Saint Laurent``
    before = _BEFORE.findall(text[max(0, start - 60) : start])
    for word in reversed(before[-4:]):
        folded = fold(word)
        if folded in _PLACE_WORDS:
            return True
        if folded not in _CONNECTORS:
            return False
    return False


_BEFORE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]")
