"""Briefs in Hindi, French, German and Spanish, written for these tests (not from a corpus)."""

from __future__ import annotations

# One paragraph, five sentences, each ended by the danda and no other terminator.
HINDI_BRIEF = (
    "भारत और इज़राइल के बीच रक्षा सहयोग पर संयुक्त कार्य समूह की बैठक नई दिल्ली में हुई। "
    "बैठक की सह-अध्यक्षता दोनों देशों के रक्षा सचिवों ने की। "
    "दोनों पक्षों ने रक्षा उद्योग सहयोग, प्रशिक्षण और प्रौद्योगिकी साझेदारी की समीक्षा की। "
    "उन्होंने संयुक्त अनुसंधान और विकास परियोजनाओं को आगे बढ़ाने पर सहमति व्यक्त की। "
    "संयुक्त कार्य समूह की अगली बैठक अगले वर्ष इज़राइल में होगी।"
)
HINDI_TITLE = "भारत-इज़राइल रक्षा सहयोग पर संयुक्त कार्य समूह की बैठक"

# Sentences 1 and 3 are filler made of French function words ("de", "la", "ceux", "qui"):
# with English stop words they look central (they share those words), with French ones not.
FRENCH_SENTENCES = (
    "La mairie de Lyon a voté lundi un budget de trois milliards pour les tramways.",
    "Ce qui est sûr, c'est que la plupart de ceux qui en parlent ne le font pas pour la "
    "première fois, et que cela se voit dans ce qu'ils en disent.",
    "Les tramways desserviront Villeurbanne, Vénissieux et Bron dès 2027.",
    "Il y a dans la ville une part de ceux qui ne sont pas de cet avis, et c'est à eux que "
    "la plupart de ceux qui en parlent doivent ce qu'ils en disent.",
    "Les travaux des tramways commenceront au printemps à Villeurbanne.",
)
FRENCH_BRIEF = " ".join(FRENCH_SENTENCES)
FRENCH_FILLER = {FRENCH_SENTENCES[1], FRENCH_SENTENCES[3]}

GERMAN_BRIEF = (
    "Die Bundesregierung hat am 3. Oktober ein neues Programm für den Ausbau der Bahn "
    "vorgestellt. Es umfasst z. B. neue Strecken zwischen Berlin und Hamburg. "
    "Nach Angaben des Ministeriums soll der Bau im Frühjahr beginnen."
)
SPANISH_BRIEF = (
    "¿Qué cambiará con la nueva ley de vivienda? El Gobierno aprobó el martes la reforma en "
    "el Consejo de Ministros. ¡Los alquileres quedarán limitados en las zonas tensionadas! "
    "La ministra de Vivienda presentó el texto ante la prensa en Madrid."
)
