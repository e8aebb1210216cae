"""The words that are never a brief's topic, per language (see :mod:`ingest.topics`).

Two kinds. Function words (articles, pronouns, prepositions, auxiliaries, reporting verbs,
titles such as "Mr", and dates: "Berlin on April 21" is "Berlin") are never a topic, never
open a name at a sentence's start, and are cut from a name's ends ("Mr Blair" is "Blair").
Name words ("new", ordinals, number words, time spans) are never a topic alone either, but
may be part of a name: "New Delhi", "Republic Day", "Gran Bretaña", "Erste Bank" keep them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from ingest.word_forms import WordForms, word_forms
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
    whom whose why will with within without would year years yet you your mr mrs ms dr shri smt
    according added adding asked expected given going including month months per cent
    percent people number member members lot lots told tuesday monday wednesday thursday friday
    saturday sunday january february march april june july august september october
    november december st sir also bn m bbc news report reports reported statement
    rs crore crores lakh lakhs
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())


def _words(text: str) -> list[str]:
    return text.split()


# English's name words, among STOPWORDS above.
_ENGLISH_NAME_WORDS = frozenset(
    _words(
        """
        new first last next former later one two three day days week weeks year years month
        months time times today number member members
        """
    )
)

# Per language, what English's list holds beyond sumy's (Russian: sumy has no list, so all of
# its function words). Function words sumy's lists lack
# (many open sentences, capitalised: "Según", "Après", "Laut", "Cependant"), reporting verbs,
# titles, abbreviated amounts ("Mrd", "Md") and dates (months, weekdays); German's "z" and "b"
# are the letters of "z. B." ("Z. B." opening a sentence). French keeps "mars": March and the
# planet (and Mars Inc.) share it. Hindi's lists hold each word in Latin letters too (Hindi in
# Latin letters is detected as Hindi: summarizer.languages.is_romanised_hindi), and "gaya"
# (went, was done), which the city of Gaya keeps out of Hindi's stop words.
_FUNCTION_WORDS = {
    "es": """
        qué cómo cuándo dónde quién quiénes cuál cuáles según mediante hacia esto eso está están
        estaba estaban ese esa esos esas le les después antes lugar aquello aquel aquella muchos
        muchas mucho algo nada embargo entre contra sobre hasta desde durante mientras tras ante
        bajo además también ya aún todavía así sido será serán sería serían había habían hay
        tiene tienen tenía puede pueden podría debe deben hace hacer hecho cada otro otra otros
        otras mismo misma parte ciento dijo dice afirmó indicó anunció explicó señaló aseguró
        subrayó destacó aunque
        añadió declaró informó sr sra dr personas lunes martes miércoles jueves viernes sábado
        domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
        diciembre
    """,
    "fr": """
        après selon où quand comment pourquoi lorsque dès ainsi cependant toutefois pourtant
        lors alors avait avaient aura auront aurait auraient ayant soit sera seront serait
        seraient fut sont contre entre chez malgré parmi vers depuis pendant sous sans avant
        devant lieu plusieurs certains certaines autre autres celle celui ceux celles cela ceci
        tous toutes tout toute très bien peu beaucoup déjà encore aussi également donc puis
        notamment environ fait faire peut peuvent pourrait doit doivent suite propos part
        aujourd hier demain pour cent dit déclaré ajouté affirmé estimé assuré rappelé réagi
        indiqué annoncé expliqué
        précisé souligné m mme dr md mds personnes lundi mardi mercredi jeudi vendredi samedi
        dimanche
        janvier février avril mai juin juillet août septembre octobre novembre décembre
    """,
    "de": """
        laut gemäß trotz während wegen bereits jedoch sowie sei seien würde würden könnte
        könnten sollte sollten müsse soll sollen kann können muss müssen diese diesem diesen
        noch nur sehr schon immer gegen seit beim gibt zwischen zwar etwa ob um so alle allem
        allen alles andere anderen anderer kein keine keinen ihm ihn ihnen ihrer ihres seinem
        seinen seiner seines selbst sondern also dann denn ganz viel wohl dabei damit dazu davon
        daran darauf insgesamt ohne z b mehr viele vielen einige rund bisher heute gestern
        morgen mal sagte sagt erklärte betonte berichtete herr frau dr mrd mio menschen leute montag
        dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni
        juli august september oktober november dezember
    """,
    "hi": """
        उन्होंने उन्हें उनके उनकी उनका उनको इसके इसकी इसका इसमें इससे उसके उसकी उसका दौरान तहत
        द्वारा करेंगे करेगा करेगी करेगे दिया दी दिए दिये देगा देगी देंगे देने देते देता देती लिया
        ली लेगा लेगी लेंगे लेने लेते लेता लेती शुरू पूरा पूरी पूरे चाहिए सकता सकते सकती सकेंगे
        उसने इसने लोग लोगों पीछे मैंने मुझे मेरा मेरी मेरे हमें हमने हमारा हमारी हमारे आपने आपको
        क्या क्यों इसलिए बहुत अलावा अधिक करना जाएगा जाएगी जाएंगे सुश्री श्रीमती लगता करेंगी
        देंगी लेंगी रहेगा रहेगी रहेंगे रहेंगी होंगी मिलेगा मिलेगी मिलेंगे चाहता चाहती चाहते
        karenge karega karegi diya diye dega degi denge dene liya lega legi lenge lene shuru
        poora poori poore pura puri pure chahiye sakta sakte sakti usne isne log logon maine
        mujhe mera meri mere hamein humne hamara hamari hamare aapne aapko kya kyon isliye bahut
        alawa adhik karna jayega jayegi jayenge lagta karengi dengi lengi rahega rahegi rahenge
        milega milegi milenge chahta chahti chahte
        ज़्यादा ज्यादा ज़्यादातर ज्यादातर जिससे जिसमें जिसके जिसकी जिसका जिसने जिन्हें किसी विरुद्ध
        ख़िलाफ़ खिलाफ जैसे जैसा जैसी बारे सबसे मिला मिली मिले zyada jyada zyadatar jisse jisme kisi viruddh
        khilaf jaise jaisa jaisi baare sabse
        कहना कहते कहती कहने बताते बताती बताए बोले बोला किये अनुसार मुताबिक उससे
        आज कल श्री सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार जनवरी फरवरी मार्च अप्रैल
        मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर
        unhone unhonne unhen unhe unke unki unka unko iske iski iska ismein isse uske uski uska
        dauran tahat dwara aaj kal shri shree somvar mangalvar budhvar guruvar shukravar shanivar
        ravivar janvari farvari aprail mai joon julai agast sitambar aktubar navambar disambar
        gaya
    """,
    # Arabic and Hebrew: verbs of saying ("وأضاف الجيش", "and the army added", was one term).
    "ar": """
        قالت أضاف وأضاف أضافت وأضافت أوضح وأوضح أوضحت وأوضحت أكد وأكد أكدت وأكدت أشار وأشار
        أشارت وأشارت أعلن وأعلن أعلنت وأعلنت ذكر وذكر ذكرت وذكرت تابع وتابع صرح وصرح أفاد وأفاد
        أفادت وأفادت
    """,
    "he": "אמר ואמר אמרה אמרו הוסיף והוסיף הוסיפה מסר מסרה מסרו ציין ציינה הודיע הודיעה נמסר לדברי",
    # Italian and Portuguese (ranked with sumy's stop words only until 2026-12-05): what those
    # lists lack that NTREX's news made topics of ("affermato", "sobre", "após", "disse").
    "it": """
        affermato dichiarato detto spiegato aggiunto sottolineato annunciato riferito ribadito
        precisato ammesso dovrebbe secondo
        appena circa oltre verso contro durante dopo prima mentre ancora già anche però quindi
        inoltre tuttavia sig sig.ra dott persone lunedì martedì mercoledì giovedì venerdì sabato
        domenica gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre
        novembre dicembre
    """,
    "pt": """
        afirmou disse declarou referiu explicou acrescentou anunciou sublinhou garantiu salientou
        frisou acabou segundo sobre após então
        contra durante antes depois ainda cada quando onde enquanto também apenas cerca além
        entre desde sr sra dr pessoas segunda-feira terça-feira quarta-feira quinta-feira
        sexta-feira sábado domingo janeiro fevereiro março abril maio junho julho agosto setembro
        outubro novembro dezembro
    """,
    "ru": """
        в во на и а но или что чтобы как это этот эта эти этого этой этом тот та те по с со к ко
        у о об от до из за для при без над под про через после перед между также уже ещё еще не
        ни он она оно они мы вы я его её ее их ему ей им был была были было будет будут быть
        есть который которая которые которое которого которой которых сегодня вчера завтра
        такой другой каждый весь свой самый мистер миссис мисс
        заявил заявила заявили сообщил сообщила сообщили сказал сказала отметил отметила г гг
        утром днём днем вечером ночью сейчас теперь пока
        понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
        январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля
        август августа сентябрь сентября октябрь октября ноябрь ноября декабрь декабря январе
        феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре
    """,
}
# The name words: "new" and "last", ordinals, numbers and amounts, time spans.
_NAME_WORDS = {
    "es": """
        gran grandes pasado próximo primer primero primera primeros último última últimos nuevo
        nueva nuevos nuevas dos tres cuatro cinco diez cien mil millones día días semana semanas
        año años mes meses vez veces hoy ayer mañana número
    """,
    "fr": """
        premier première premiers premières dernier dernière derniers dernières nouveau nouvel
        nouvelle nouveaux nouvelles ancien ancienne prochain prochaine deux trois quatre cinq
        dix cent mille million millions milliard milliards jour jours semaine semaines an ans
        année années mois heure heures fois nombre
    """,
    "de": """
        zwei drei vier fünf zehn hundert tausend million millionen milliarde milliarden erste
        ersten erster letzte letzten letzter neue neuen neuer neues tag tage tagen woche wochen
        jahr jahre jahren monat monate monaten zahl prozent
    """,
    "hi": """
        दिन दिनों सप्ताह हफ्ते साल सालों वर्ष वर्षों महीने महीना प्रतिशत लाख करोड़ दो तीन चार
        पांच पाँच पहली पहला दूसरा दूसरी दूसरे तीसरा तीसरी तीसरे नए नई नया अगले अगला अगली मिलियन
        बिलियन
        din dinon saptah hafte hafta saal saalon varsh varshon mahine mahina pratishat lakh crore
        karod do teen char paanch panch pehli pehla pahli pahla naye nae nayi nai naya agle agla
        agli million billion doosra doosri doosre teesra teesri teesre
    """,
    "it": """
        nuovo nuova nuovi nuove primo prima primi ultimo ultima ultimi due tre quattro cinque
        dieci cento mille milioni miliardi giorno giorni settimana settimane anno anni mese mesi
        volta volte oggi ieri domani numero
    """,
    "pt": """
        grande grandes novo nova novos novas primeiro primeira último última dois duas três
        quatro cinco dez cem mil milhões dia dias semana semanas ano anos mês meses vez vezes
        hoje ontem amanhã número
    """,
    "ru": """
        новый новая новое новые нового новой новых первый первая первое первые первого первой
        последний последняя последнее два две три четыре пять десять сто тысяча тысячи тысяч
        миллион миллиона миллионов миллиард миллиарда миллиардов год года году лет день дня дней
        неделя недели месяц месяца
    """,
}


# Endings of the adjectives a language puts after their noun (ingest.topics): French only,
# where the keyphrase benchmark can measure them (benchmarks/README.md, "Languages: the
# record"). Masculine and feminine, singular and plural: -al (électorale, nationaux), -el,
# -ique, -ien, -éen, -ais, -aire, -if, -iste.
_ADJECTIVE_ENDINGS = {
    "fr": """al ale aux ales el elle els elles ique iques ien ienne iens iennes éen éenne éens
        éennes ais aise aises aire aires if ive ifs ives iste istes""",
}


# Lower-case words that join two capitalised words into one name, in briefs of any language
# (foreign names come in every language): "Bank of England", "Ministerio de Defensa".
_CONNECTOR_WORDS = "of for and & the on de"
# Names' particles, which join a name's one word to the next ("Corea del Norte", "Ministero
# della Difesa", "Lula da Silva", "Ludwig van Beethoven") but not a longer name to another:
# "Matteo Salvini della Lega", "Marine Le Pen du Rassemblement national" are two.
_PARTICLE_WORDS = "del della delle dei degli di da dos du des van von фон ван де дель ди"
# Pairs that join as one, as particles do: "Banco de la Nación", "Ursula von der Leyen",
# "Chancellor of the Exchequer".
_CONNECTOR_PAIRS = frozenset(
    {
        ("of", "the"), ("de", "la"), ("de", "las"), ("de", "los"), ("von", "der"), ("van", "der"),
        ("van", "den"), ("van", "de"), ("фон", "дер"), ("ван", "дер"),
    }
)  # fmt: skip
# Portuguese's contractions: "Ministério da Defesa", "Ministério das Relações Exteriores".
_MORE_PARTICLES = {"pt": "do das"}
# A particle and the last word it joins to a longer name (ingest.topic_names.connects), where
# the one-word rule parts names: Portuguese surnames ("Luiz Inácio Lula da Silva") and
# places' last words ("Banco Central do Brasil", "Rio Grande do Sul"). Not any word: a
# person, then a ministry or a place, is two ("Fernando Haddad da Fazenda", "Flávio Bolsonaro
# do Rio").
_LAST_WORDS = {
    "pt": """
        da:silva da:costa da:cunha da:rocha da:fonseca da:luz da:mota da:cruz da:gama
        da:conceição da:paz da:veiga da:silveira da:mata do:nascimento do:carmo do:rosário
        do:amaral do:prado do:vale do:couto dos:santos dos:reis dos:anjos das:neves do:brasil
        do:sul do:norte
    """
}
# Pairs that join only the names they are known before, where their words join nothing (in
# German, "Hilfe von der Regierung" is no name, "Ursula von der Leyen" is).
_NAMED_PAIRS = {"de": [("von", "der", "leyen")]}
# Connectors that join a name's one last word only: Dutch's "de" is "the" too ("Hugo de
# Jonge" is one name, "dat Rutte de Verenigde Staten bezoekt" two).
_LAST_WORD_ONLY = {"nl": "de"}
# Words that join nothing in a language where they are common between two capitalised words:
# German capitalises every noun ("Aufgabe des Staates", "Millionen von Menschen", "Putin da
# Erfolg hat", "Hast du Angst"), and Italian's "da" is "from" ("Zelensky da Trump") and "di"
# "of" a leader ("Lega di Salvini", "Russia di Putin"). (Dutch's "de" joins, though it is "the"
# too, before a name's last word: _LAST_WORD_ONLY.)
_NO_CONNECTORS = {"de": "des von da du", "it": "da di"}
# The pronouns French and Portuguese verbs carry after a hyphen ("fera-t-il", "disse-me").
_CLITICS = {
    "fr": "il elle ils elles on je tu nous vous moi toi",
    "pt": "me te se lhe lhes nos vos o a os as lo la los las no na",
}
# Stop words (verb forms) that open names: never a topic alone, but not cut from a name's
# start ("Stati Uniti" was "Uniti", "Stato Islamico" "Islamico", "Estado Islámico" "Islámico").
_NAMES_FIRST_WORDS = {"it": "stato stati stata state", "es": "estado estados"}
# Languages that capitalise every noun (German, Luxembourgish).
_CAPITALISED_NOUNS = frozenset({"de", "lb"})


@dataclass(frozen=True)
class TopicWords:
    """A language's words that are never a topic alone (``never``), and those of them that
    are cut from a name's ends and never open one at a sentence's start (``edges``)."""

    never: frozenset[str]
    edges: frozenset[str]
    # Endings of the adjectives that follow their noun (French): "Parti socialiste".
    adjectives: tuple[str, ...] = ()
    # How the language's words are keyed and shown (Russian: lemmas, names in the nominative).
    forms: WordForms | None = None
    # Lower-case words, and pairs of them, that join two capitalised words into one name; the
    # particles among them (and the pairs) only a one-word name to the next.
    connectors: frozenset[str] = frozenset((_CONNECTOR_WORDS + " " + _PARTICLE_WORDS).split())
    particles: frozenset[str] = frozenset(_PARTICLE_WORDS.split())
    # Particles and the last words they join ("do", "brasil": "Banco Central do Brasil").
    last_words: frozenset[tuple[str, str]] = frozenset()
    # The connectors that join a name's one last word only ("Hugo de Jonge").
    last_word_only: frozenset[str] = frozenset()
    # Pairs and the one name each joins, where its words join nothing ("von", "der", "leyen").
    named_pairs: frozenset[tuple[str, str, str]] = frozenset()
    connector_pairs: frozenset[tuple[str, str]] = _CONNECTOR_PAIRS
    # Whether a lower-case word alone may be a topic: not in German, which capitalises every
    # noun, so its lower-case words are verbs, adjectives and function words ("habe", "denen").
    lower_case_topics: bool = True
    # Pronouns a verb carries after a hyphen (French "a-t-il", Portuguese "disse-me"): a word
    # ending in one is a verb, no topic.
    clitics: frozenset[str] = frozenset()
    # Whether a name may be read as a person's where it opens a sentence (ingest.topic_persons):
    # where the function words opening sentences are listed ("Hoewel", "Eközben" were names).
    names_open_sentences: bool = True

    @cached_property
    def joining(self) -> frozenset[str]:
        """The words that join names: the connectors and the words of connector pairs."""
        return self.connectors | {word for pair in self.connector_pairs for word in pair}


def _pairs(text: str) -> frozenset[tuple[str, str]]:
    """``"da:silva do:sul"`` as ``("da", "silva"), ("do", "sul")``."""
    pairs = (pair.partition(":") for pair in text.split())
    return frozenset((first, last) for first, _, last in pairs)


@lru_cache(maxsize=64)
def topic_words(language: str | None) -> TopicWords:
    """The topic words of a brief in ``language`` (English's for None or a language
    without lists of its own, with sumy's stop words where it has them)."""
    edges = STOPWORDS - _ENGLISH_NAME_WORDS
    if language is None or language == "en":
        return TopicWords(never=STOPWORDS, edges=edges)
    edges |= lexicon(language).stop_words | frozenset(_FUNCTION_WORDS.get(language, "").split())
    edges -= frozenset(_NAMES_FIRST_WORDS.get(language, "").split())
    names = frozenset(_NAME_WORDS.get(language, "").split())
    adjectives = tuple(_ADJECTIVE_ENDINGS.get(language, "").split())
    unjoined = frozenset(_NO_CONNECTORS.get(language, "").split())
    particles = frozenset(_PARTICLE_WORDS.split() + _MORE_PARTICLES.get(language, "").split())
    connectors = frozenset(_CONNECTOR_WORDS.split()) | particles
    return TopicWords(
        never=STOPWORDS | edges | names,
        edges=edges,
        adjectives=adjectives,
        forms=word_forms(language),
        connectors=connectors - unjoined,
        particles=particles - unjoined,
        last_words=_pairs(_LAST_WORDS.get(language, "")),
        last_word_only=frozenset(_LAST_WORD_ONLY.get(language, "").split()),
        named_pairs=frozenset(_NAMED_PAIRS.get(language, [])),
        connector_pairs=frozenset(p for p in _CONNECTOR_PAIRS if not unjoined & set(p)),
        lower_case_topics=language not in _CAPITALISED_NOUNS,
        clitics=frozenset(_CLITICS.get(language, "").split()),
        names_open_sentences=language in _FUNCTION_WORDS,
    )
