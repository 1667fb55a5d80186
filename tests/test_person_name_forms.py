"""Names as officers type them after the round-4 probe, each class in its own
words: lower case in report order, civilities in lower case, a first name alone
before an age, a description with an age, and what only looks like a name
(a police dog, a car model in a list, a heading in capitals, « M. X »)."""

from __future__ import annotations

import pytest

from gazouille.personal_data import scan


def names(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text) if f.kind == "person-name"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Report order in lower case after a role, closed by a comma or an age.
        ("jugé ce matin, l'accusé moreau théo, 31 ans, a fait appel", "moreau théo"),
        ("la plaignante garnier chloé (27 ans) a été entendue", "garnier chloé"),
        # A surname opened by a particle, after a labelled field.
        ("Interpellée : ben amor yasmine, 22 ans, pour recel.", "ben amor yasmine"),
        ("individu : van dijk pieter, 40 ans, reconduit à la frontière", "van dijk pieter"),
        # In capitals after a cue in capitals, with a known first name.
        ("CONDAMNÉ : SAMIR HADDOU, 6 MOIS FERME.", "SAMIR HADDOU"),
        # Civilities typed in lower case.
        ("relaxé : mme fabienne roux, 58 ans, poursuivie pour abus de confiance", "fabienne roux"),
        ("madame lebrun a reconnu son agresseur sur photo", "lebrun"),
        ("mr hamidou sy devra verser 900 € à la victime", "hamidou sy"),
        # A known first name alone in lower case, right before an age; two of them.
        ("noah, 16 ans, a fugué du foyer de Rezé", "noah"),
        ("inès et mathis, 22 et 24 ans, ont été verbalisés", "inès et mathis"),
        # An unknown first name and a surname, then a description with an age.
        ("Oluwaseun Adeyemi, livreur de 33 ans, a été blessé au couteau.", "Oluwaseun Adeyemi"),
        ("Min-jun Choi, une touriste âgée de 29 ans, a porté plainte.", "Min-jun Choi"),
        # A name opening a sentence, then a description of the person.
        ("Mwangi Otieno, chauffeur-livreur, a été agressé rue de Strasbourg.", "Mwangi Otieno"),
        ("Relaxé : Eero Virtanen, marin-pêcheur, était poursuivi pour outrage.", "Eero Virtanen"),
        # Written in Cyrillic or Greek.
        ("Дмитро Коваленко, 41 ans, a été déféré.", "Дмитро Коваленко"),
        ("Νίκος Παππάς, 52 ans, a été entendu comme témoin.", "Νίκος Παππάς"),
        # Two names joined by « et », then their ages.
        ("Amaru Quispe et Tahu Ngata, respectivement 22 et 25 ans, sont en fuite.", "Amaru Quispe"),
        # A place between the cue and the name.
        ("Interpellé hier à Saint-Nazaire Tenzin Norbu, déjà connu.", "Tenzin Norbu"),
        # A lower-case first name and its age without a comma; a name ending a phrase.
        ("maëlys 13 ans n'est pas rentrée du collège", "maëlys"),
        ("bravo à yannick le floch, retraité de 70 ans, pour son sang-froid", "yannick le floch"),
        # A particle in capitals after a civility; a particle surname before an age.
        ("Mme DE SOUSA, 81 ans, a été victime d'un vol par ruse.", "DE SOUSA"),
        ("Relaxée : Aliénor de Penfentenyo, 45 ans, était poursuivie.", "Aliénor de Penfentenyo"),
        # A description with a complement that names a place.
        ("Haruki Endo, gérant du bar de la place Graslin, a été menacé.", "Haruki Endo"),
        # The victim or witness after a verb of finding, rescue or violence.
        ("Les pompiers ont secouru Wanjiru Kamau, coincée dans sa voiture.", "Wanjiru Kamau"),
        # A lone lower-case first name after a preposition, before an age.
        ("la mère de clémence, 9 ans, a signalé les faits", "clémence"),
        # Report order with a comma: surnames in capitals, then the first name.
        ("Garde à vue : FERREIRA DA SILVA, Tiago, pour recel.", "FERREIRA DA SILVA, Tiago"),
        # An age abbreviated « a. » in brackets.
        ("Déférés : Sione Taufa (31 a.) et Mele Vake (29 a.).", "Sione Taufa"),
        # A lower-case civility after « de », three words, letters beyond Latin-1.
        ("audition de mme ewa wiśniewska-nowak ce matin", "ewa wiśniewska-nowak"),
        # A lower-case name closed by commas after a noun phrase.
        ("le témoin, ismaël ferrand, a relevé la plaque", "ismaël ferrand"),
        # A role, then a lower-case first name and a bare age.
        ("la petite inès 7 ans a été confiée à sa grand-mère", "inès"),
        # A compound first name and a particle in apposition after a role.
        ("Le témoin, Anne-Sophie van Dijk, a filmé la scène.", "Anne-Sophie van Dijk"),
        # Two lower-case words opening a sentence, an age, a verb of arrest.
        ("Contrôle routier. tenzing lhamo, 33 ans, a été verbalisé.", "tenzing lhamo"),
    ],
)
def test_the_name_is_found(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        # Police animals, whatever their breed.
        "Adieu à Oscar, berger australien de l'unité cynophile, après 10 ans de flair.",
        "Nala, rottweiler de la brigade, a retrouvé 2 kg de résine.",
        # Car models listed after their make.
        "Vols en hausse sur les Dacia Sandero, Logan et Duster : un antivol au volant.",
        "Les Renault Twingo, Zoé ou Clio anciennes sont les plus visées.",
        # A heading in capitals: a role word there is no cue.
        "RAPPEL : UN POLICIER NE VOUS DEMANDE JAMAIS VOTRE CODE DE CARTE BANCAIRE.",
        "ATTENTION AUX FAUX AGENTS : LE GENDARME NE SE DÉPLACE PAS SANS CONVOCATION.",
        "MERCI AUX ÉQUIPAGES QUI ONT INTERPELLÉ TROIS SUSPECTS CETTE NUIT À ORVAULT.",
        "UN COLLÉGIEN (14 ANS) BLESSÉ DEVANT LE GYMNASE, UN AUTRE RETROUVÉ SAIN ET SAUF.",
        # A name already withheld.
        "Le conducteur, M. X, 44 ans, a été relaxé.",
        "Mme Y., partie civile, n'a pas souhaité s'exprimer.",
        # Lower-case words after a lower-case civility that are no name.
        "un monsieur âgé de 80 ans a été secouru",
        "à 300 m. de la gare, deux voitures se sont percutées",
        "merci madame la préfète pour votre visite",
        # Descriptions joined by « et » before two ages.
        "hier soir : un homme et une femme, 30 et 31 ans, ont été interpellés",
        # A company, a place or a district described after a comma.
        "Crédit Mutuel, banque de la victime, a bloqué la carte.",
        "Malakoff Moulin, quartier prioritaire, reçoit une patrouille de plus.",
        "Nantes Habitat, bailleur du logement, a porté plainte.",
        # A place after a cue, no name after it.
        "Contrôlé à Saint-Nazaire Centre hier soir, le conducteur roulait sans permis.",
        # Durations, not ages.
        "il y a 14 ans le commissariat ouvrait ses portes",
        # Race and event names, placeholders after « nommé », ages in a heading.
        "Circulation modifiée pour la Transat Paul Vatine et la Solitaire du Figaro.",
        "Jugé hier, le nommé Y…, 40 ans, a été relaxé.",
        "LES INTERPELLÉS, ÂGÉS DE 18 À 25 ANS, SERONT JUGÉS EN MARS.",
        # A place after a verb of finding or violence.
        "Un cycliste a été blessé Avenue Jean Jaurès ; retrouvé Place Royale, le sac est rendu.",
        # A lower-case description, an age, a verb of arrest.
        "deux mineurs, 15 ans, ont été interpellés ; un homme, 29 ans, a été déféré.",
        # A lower-case description between commas.
        "le véhicule, une clio rouge, a été retrouvé ; la victime, mariée et mère, va bien",
        # Brands listed after the goods they name.
        "Saisie de sacs Louis Vuitton, Christian Dior et Yves Saint Laurent contrefaits.",
        # A dateline or a region in capitals, then a capitalised word.
        "LOIRE-ATLANTIQUE, Vendée et Maine-et-Loire : vigilance orange aux orages.",
        # A place and a duration before « de ».
        "Château de Nantes, 20 ans de travaux : le chantier se termine.",
        # A town then a description with an age.
        "Saint-Herblain, une passante de 40 ans a été bousculée.",
    ],
)
def test_no_name_is_found(text: str) -> None:
    assert names(text) == []
