"""The words that are never a brief's topic, per language (see :mod:`ingest.topics`)."""

from __future__ import annotations

from functools import lru_cache

from summarizer.languages import lexicon

_STOPWORD_LIST = """
    a about above across after again against ago all almost along already also although
    always am among an and another any anyone anything are around as at away back be
    became because become been before being below between both but by came can cannot
    could day days did do does doing done down during each either else even ever every
    few first for former from further get gets getting given go going gone got had has
    have having he her here hers him his how however i if in including into is it its
    itself just last later least less like made make makes making many may me might more
    most much must my near need needs never new next no nor not now of off often on once
    one only or other others our out over own part per put rather re really said same say
    says see seen set several she should show since so some still such take taken than
    that the their them then there these they this those though three through thus time
    times to today told too took toward two under until up upon us use used very via want
    wanted was way we week weeks well went were what when where whether which while who
    whom whose why will with within without would year years yet you your mr mrs ms dr
    according added adding asked expected given going including month months per cent
    percent people number lot lots told tuesday monday wednesday thursday friday
    saturday sunday january february march april june july august september october
    november december st sir also bn m bbc news report reports reported statement
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())


# Per language, what English's list above holds beyond sumy's: function words sumy's lists
# lack (many open sentences, capitalised: "Según", "Après", "Laut", "Cependant"), and the
# news words that are never what a brief is about: dates (months, weekdays), time spans,
# reporting verbs, titles, ordinals, "new" and "last", small numbers and large amounts.
# French keeps "mars": March and the planet (and Mars Inc.) share the word. German's "z" and
# "b" are the letters of "z. B." ("Z. B." opening a sentence).
_EXTRA_STOPWORDS = {
    language: frozenset(words.split())
    for language, words in {
        "es": """
            qué cómo cuándo dónde quién quiénes cuál cuáles según mediante hacia esto eso
            está están estaba estaban ese esa esos esas le les después antes lugar
            aquello aquel aquella muchos muchas mucho algo nada embargo entre contra sobre
            hasta desde durante mientras tras ante bajo además también ya aún todavía así
            sido será serán sería serían había habían hay tiene tienen tenía puede pueden
            podría debe deben hace hacer hecho cada otro otra otros otras mismo misma dos
            tres cuatro cinco diez cien mil millones gran grandes parte pasado próximo
            primer primero primera primeros último última últimos nuevo nueva nuevos nuevas
            día días semana semanas año años mes meses vez veces hoy ayer mañana personas
            número ciento por ciento dijo dice afirmó indicó anunció explicó señaló aseguró
            añadió declaró informó sr sra dr lunes martes miércoles jueves viernes sábado
            domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre
            noviembre diciembre
        """,
        "fr": """
            après selon où quand comment pourquoi lorsque dès ainsi cependant toutefois
            pourtant lors alors avait avaient aura auront aurait auraient ayant soit sera
            seront serait seraient fut sont contre entre chez malgré parmi vers depuis
            pendant sous sans avant devant lieu plusieurs certains certaines autre autres
            celle celui ceux celles cela ceci
            tous toutes tout toute très bien peu beaucoup déjà encore aussi également donc
            puis notamment environ fait faire peut peuvent pourrait doit doivent deux trois
            quatre cinq dix cent mille million millions milliard milliards suite propos part
            premier première premiers premières dernier dernière derniers dernières nouveau
            nouvel nouvelle nouveaux nouvelles ancien ancienne prochain prochaine jour jours
            semaine semaines an ans année années mois heure heures fois aujourd hier demain
            personnes
            nombre pour cent dit déclaré ajouté affirmé indiqué annoncé expliqué précisé
            souligné m mme dr lundi mardi mercredi jeudi vendredi samedi dimanche janvier
            février avril mai juin juillet août septembre octobre novembre décembre
        """,
        "de": """
            laut gemäß trotz während wegen bereits jedoch sowie sei seien würde würden
            diese diesem diesen noch nur sehr schon immer gegen seit beim gibt zwischen
            zwar etwa ob um so alle allem allen alles andere anderen anderer kein keine
            keinen ihm ihn ihnen ihrer ihres seinem seinen seiner seines selbst sondern
            also dann denn ganz viel wohl dabei damit dazu davon daran darauf insgesamt ohne z b
            könnte könnten sollte sollten müsse soll sollen kann können muss müssen zwei
            drei vier fünf zehn hundert tausend million millionen milliarde milliarden mehr
            viele vielen einige etwa rund erste ersten erster letzte letzten letzter neue
            neuen neuer neues bisher heute gestern morgen tag tage tagen woche wochen jahr
            jahre jahren monat monate monaten mal menschen leute zahl prozent sagte sagt
            erklärte betonte berichtete herr frau dr montag dienstag mittwoch donnerstag
            freitag samstag sonntag januar februar märz april mai juni juli august september
            oktober november dezember
        """,
        "hi": """
            दिन दिनों सप्ताह हफ्ते साल सालों वर्ष वर्षों महीने महीना आज कल सोमवार मंगलवार बुधवार
            गुरुवार शुक्रवार शनिवार रविवार जनवरी फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर
            अक्टूबर नवंबर दिसंबर श्री प्रतिशत लाख करोड़ दो तीन चार पांच पहली पहला नए नई नया
        """,
    }.items()
}


@lru_cache(maxsize=64)
def stopwords_of(language: str | None) -> frozenset[str]:
    """The words never a topic alone in a brief in ``language`` (English's for None)."""
    if language is None or language == "en":
        return STOPWORDS
    extra = _EXTRA_STOPWORDS.get(language, frozenset())
    return STOPWORDS | lexicon(language).stop_words | extra
