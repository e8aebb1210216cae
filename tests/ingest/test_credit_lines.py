"""Which lines of a brief credit or date it (ingest.credit_lines)."""

from __future__ import annotations

import pytest

from ingest.credit_lines import is_affiliation, is_credit


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe, Defence Correspondent",
        "BY JANE DOE",
        "Von Anna Schmidt",
        "Par Anne Dupont, envoyée spéciale à Kiev",
        "Por Ana García",
        "Автор: Иван Петров",
        "लेखक: राम शर्मा",
        "Фото: Иван Петров / ТАСС",
        "Photo credit: PIB",
        "Quelle: dpa",
        "© Reuters 2026",
        "Published 3 December 2026",
        "Updated: 03.12.2026, 10:05 GMT",
        "Stand: 03.12.2026 12:45 Uhr",
        "Publié le 5 déc. 2026 à 10h05",
        "Publicado el 5 de diciembre de 2026 a las 10:05",
        "Обновлено 5 декабря 2026 г., 10:05 мск",
        "प्रकाशित: 5 दिसंबर 2026, 10:05 बजे",
        "NEW DELHI, 5 November 2026",
        "Berlin, 3. Dezember 2026",
        "नई दिल्ली, 5 दिसंबर 2026 (भाषा)",
        "Tuesday, 1 March",
        # Found by an attack test: formats of news sites the first rules missed.
        "By Reuters",
        "Von dpa",
        "Written by Jane Doe",
        "Edited By: Jane Doe",
        "By Jane Doe Jr.",
        "Photo by Jane Doe / AFP",
        "\u200fBy Jane Doe",  # a right-to-left mark before it
        "di Mario Rossi",
        "By: Express Web Desk | New Delhi | Updated: December 5, 2026 10:05 IST",
        "Posted On: 05 DEC 2026 10:05AM by PIB Delhi",
        "Updated 3:05 PM GMT+1, December 5, 2026",
        "Publish Date: Thu, 05 Dec 2026 10:05 AM (IST)",
        "अपडेटेड: 5 दिसंबर 2026, 10:05 AM",
        "Pubblicato il 5 dicembre 2026",
        "Publicado em 5 de dezembro de 2026",
        "Gepubliceerd op 5 december 2026",
        "Publié le 05 décembre 2026 à 10h05, modifié le 05 décembre 2026 à 12h30",
        "Publié aujourd\u2019hui à 10h05",
        "МОСКВА, 5 дек — РИА Новости",
        "फाइल फोटो",
        "(Photo: PTI)",
        "Image source, Getty Images",
        "Foto: picture alliance/dpa | Kay Nietfeld",
        "Photo: Jane Doe for the Ministry of Defence, 3 December 2026.",
        # Found by a second attack test: lines of pieces between "|", Spanish datelines.
        "World News | Press Trust of India | Updated: December 05, 2026 10:05 am IST",
        "TNN | Updated: Dec 5, 2026, 10:05 IST",
        "Madrid - 05 dic 2026 - 10:05 CET",
        "Madrid, 5 dic (EFE).",
        # Found by a review: an agency and a photographer between "/", press offices, handouts.
        "AP Photo/Evan Vucci",
        "(AP Photo/Evan Vucci)",
        "Reuters/Jane Doe",
        "AFP/Getty Images",
        "EPA-EFE/Clemens Bilan",
        "Jane Doe/AFP via Getty Images",
        "Kay Nietfeld/dpa",
        "Photo: AP Photo/Evan Vucci",
        "Фото: пресс-служба Минобороны РФ",
        "Фото: пресс-служба Кремля",
        "Фото: пресс-служба президента РФ",
        "Photo: Ministry of Defence press office",
        "Photo: handout",
        "Photo: Kremlin press service",
        "Photo: handout via Reuters",
        "Foto: Pressestelle Bundeswehr",
        "Foto: Pressestelle der Polizei Köln",
        "Source: press service of the Ministry of Defence",
    ],
)
def test_a_byline_credit_or_date_line_is_a_credit(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "By Land and Sea: Navy Exercises Begin",  # a heading with a colon after the name
        "Von der Leyen in Kiew",  # a name, not "Von" and a name
        "By Tuesday the deal was done.",  # a sentence
        "von Oktober 2012 bis Oktober 2020 war er Bürgermeister",
        "Nach Daten des Statistischen Landesamtes, Stand 2015.",
        "The Ministry of Defence said on 5 December 2026",
        "78,000",  # a figure is no date
        "Monday",  # a weekday without a date
        "Navy gets six new patrol ships",
        "",
        # Found by an attack test: headings and headlines the first rules took for credits.
        "By 2030, India aims to double its solar capacity",
        "Par 312 voix contre 250, l'Assemblée adopte le budget",
        "Von Montag an gilt neue Maskenpflicht in Bayern",
        "Von Schulden und Schuldigen",
        "Door 2026 stijgen de prijzen",
        "VON DER LEYEN IN KIEW",
        "Par Pacific Holdings Reports Third-Quarter Results",
        "Источник: Кремль готовит перестановки в правительстве",
        "Sources: Nvidia to invest $5bn in Intel",
        "Photos: Massive fire engulfs Mumbai building",
        "Bild: Kanzler plant Kabinettsumbildung",
        "स्रोत: सरकार नई कर नीति लाएगी",
        "Disney verliert \u00a9-Streit um Micky Maus",
        # Found by a second attack test: a lede opening "By <Word>," and Title Case headlines.
        "By Friday, the ministry must publish its plan.",
        "By Christmas, prices will have doubled, analysts say.",
        "Von Montag, 5. Mai, an gilt die neue Regel.",
        "Photos: Massive Fire Engulfs Mumbai Building",
        "Sources: Apple Eyes Netflix",
        "Door County Sheriff Seeks Suspect",
        "PAR Technology Beats Estimates",
        "AV Jennings Reports Profit",
        "Von Tür zu Tür",
        "Budget 2027 | What it means for you",
        # Found by a third test: Hindi headlines after a label, Title Case headlines.
        "फोटो: पीएम मोदी ने किया उद्घाटन",
        "PHOTOS: मुंबई में बारिश",
        "रिपोर्ट: दिल्ली की हवा",
        "Opinion | Biden Must Go",
        "Trump | Putin",
        "Photos: Mumbai Monsoon Chaos",
        "Bilder: Großbrand",
        "Foto: Eröffnung des Flughafens",
        # Found by a review: headlines with "/" and press offices that are news, not credits.
        "Trump/Putin summit ends without deal",
        "Trump/Putin",  # names, but no agency
        "Merkel/Macron",
        "Путин/Зеленский",
        "Harry/Meghan",
        "AC/DC Announce Tour",
        "Reuters/Ipsos poll: Biden leads Trump",
        "Reuters/Ipsos Poll Shows Tight Race",
        "AFP/Reuters Merger Talks Collapse",
        "dpa/Reuters: Scholz tritt zurück",
        "AFP/Le Monde : l'enquête qui dérange",
        "Ukraine/Russland: Verhandlungen gescheitert",
        "Фото: пресс-служба опровергла слухи",
        "Источник: пресс-служба скрывает данные",
        "Photo: Press office staff walk out",
        "Photos: Handout Angers Farmers",
        "Photos: Trump Mocks Handout",
        "Photo: handout sparks anger",
        "Foto: Pressestelle warnt vor Betrug",
        "Photo : service de presse débordé",
        "By Land and Sea: Navy Drills Begin",
        "Von Miller signs with Bills",
    ],
)
def test_news_and_headings_are_not_credits(line: str) -> None:
    assert not is_credit(line)


@pytest.mark.parametrize(
    ("line", "language"),
    [  # found by a review: a byline's marker in another language is a name or a word
        ("Von Miller Retires", "en"),
        ("Von Miller Retires", "fr"),
        ("Por Favor", "it"),
        ("Di Maria Joins Benfica", "en"),
        ("Di Maria verlässt Paris", "de"),
        ("Par Pacific Holdings", "en"),
        ("Door Kees", "en"),
        ("Por Favor", "en"),
    ],
)
def test_a_byline_marker_of_another_language_is_no_byline(line: str, language: str) -> None:
    assert not is_credit(line, language)


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Von Anna Schmidt", "de"),
        ("Par Anne Dupont, envoyée spéciale à Kiev", "fr"),
        ("Por Ana García", "es"),
        ("Por Ana García", "pt"),
        ("di Mario Rossi", "it"),
        ("By Jane Doe", "hi"),  # Indian sites in Hindi credit in English
        ("Автор: Иван Петров", "ru"),
        ("Von Anna Schmidt", None),  # no language known: as before
        ("Par Anne Dupont", "lb"),  # a short French text taken for Luxembourgish
    ],
)
def test_a_byline_in_its_own_language_is_one(line: str, language: str | None) -> None:
    assert is_credit(line, language)


@pytest.mark.parametrize(
    "line",
    [
        "BBC News, Kyiv",
        "Business reporter, BBC News",
        "Reuters, London",
        "BBC News",
        "Kyiv correspondent, The Times",
        "Korrespondentin, Süddeutsche Zeitung",
    ],
)
def test_an_outlet_line_is_an_affiliation(line: str) -> None:
    assert is_affiliation(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reuters",  # alone, perhaps a headline's credit
        "Fox News, CNN Clash Over Debate Coverage",
        "Fox News Chief Quits",
        "Times Up, Says Union",
        "The ministry said on Tuesday that talks had failed.",
        "BBC News, 5 December 2026",
        "Trump, Putin",
        "Новости, которые изменили неделю",
    ],
)
def test_other_lines_are_no_affiliation(line: str) -> None:
    assert not is_affiliation(line)
