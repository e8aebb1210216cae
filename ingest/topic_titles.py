"""A person's role written before their name ("Defence Secretary John Healey", "Bundeskanzler
Friedrich Merz"): the name is the topic, the role is not (:mod:`ingest.topic_names`).

Without it "Defence Secretary John Healey", "Prime Minister Keir Starmer" and "President
Lula" were topics of their own, counted apart from the same person named alone, and a
particle after a role ("President Lula da Silva") joined nothing, since particles join a
one-word name only.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

# Roles, in any language's brief (foreign names come in every language), lower-cased. A
# portfolio ("Defence", "Foreign") needs no entry: the role's last word ends it. Romance
# languages write their roles in lower case but at a sentence's start ("Presidente Lula da
# Silva disse"). Not roles here, as they open the names of places and firms: "Major" ("Major
# League Baseball"), "Private", a royal's ("Queen Mary University", "Prince Edward Island";
# "King Charles" is how he is named).
_TITLE_WORDS = """
    president minister secretary chancellor senator sen governor gov mayor ambassador
    spokesman spokeswoman spokesperson premier adm cmdr colonel col lieutenant lt capt
    sergeant sgt corporal cpl brigadier marshal director chairman chairwoman envoy speaker
    commissioner judge justice prosecutor attorney adviser advisor whip rabbi imam constable
    inspector archbishop rev reverend generaal commandant oberst capo jefe jefa chefe mantri
    presidente presidenta président présidente ministro ministra ministre canciller
    chanceler secretario secretaria portavoz porta-voz
"""
# Roles only after another word of the name: they open the names of firms, programmes and
# places ("General Dynamics Land Systems", "Executive Order Protecting ...", "Captain America",
# "Sheikh Zayed Grand Mosque", "Bishop Auckland"), while "NATO Secretary General Mark Rutte",
# "Chief of the General Staff Valery Gerasimov" and "Army Chief Executive ..." end at the person.
_INNER_TITLE_WORDS = """
    general gen executive captain admiral commander officer staff chief chair vice leader
    representative rep sheikh emir bishop cardinal
"""
TITLES = frozenset(_TITLE_WORDS.split())
INNER_TITLES = frozenset(_INNER_TITLE_WORDS.split())
_ALL_TITLES = TITLES | INNER_TITLES
# German compounds end in their role: "Verteidigungsminister", "Bundeskanzlerin",
# "Regierungschef", "Generalsekretär".
TITLE_ENDINGS = (
    "minister", "ministerin", "kanzler", "kanzlerin", "präsident", "präsidentin", "sprecher",
    "sprecherin", "chef", "chefin", "sekretär", "sekretärin", "botschafter", "botschafterin",
    "bürgermeister", "bürgermeisterin", "inspekteur", "inspekteurin", "leutnant", "beauftragte",
    "beauftragter", "diplomat", "diplomatin",
)  # fmt: skip
# Roles that name their holder by surname alone ("President Trump", "Kanzler Merz"); the
# others may lead into a name of one word that is not a person ("General Motors", "King
# Charles", "Premier League", "Captain America").
_SURNAME_TITLE_WORDS = """
    president presidente presidenta président présidente minister ministro ministra ministre
    secretary chancellor canciller senator governor mayor ambassador spokesman spokeswoman
"""
_SURNAME_TITLES = frozenset(_SURNAME_TITLE_WORDS.split())
# A knight's or dame's title after a role ("Admiral Sir Tony Radakin"): the role is a person's.
_KNIGHTS = frozenset(["sir", "dame"])
# A person's name after a role: at most this many capitalised words ("Luiz Inácio Lula da
# Silva"); after a role and a portfolio joined by a connector ("Secretary of State Marco
# Rubio"), where the portfolio's end cannot be told, the last two.
_MAX_PERSON_WORDS = 4
_PERSON_AFTER_PORTFOLIO = 2
# A portfolio's last words, after which a person of three names keeps three ("[ministro de]
# Asuntos Exteriores José Manuel Albares" was "Manuel Albares"); after any other word, where
# the portfolio's end cannot be told ("[presidente di] Panama Juan Carlos Varela"), the last
# two.
_PORTFOLIO_END_WORDS = """
    defence defense affairs interior exchequer treasury justice health education security
    exteriores interiores hacienda economía justicia sanidad educación defensa seguridad
    nacional pública público exterior social
    armées intérieur économie finances santé défense nationale
    difesa esteri interno economia giustizia salute istruzione nazionale
    defesa fazenda justiça saúde educação segurança
"""
_PORTFOLIO_ENDS = frozenset(_PORTFOLIO_END_WORDS.split())


@lru_cache(maxsize=4096)
def is_title(word: str, *, inner: bool = True) -> bool:
    """Whether a capitalised ``word`` is a role ("Secretary", "Vice-President",
    "Verteidigungsminister"); in capitals it is an initialism ("CPL World Tour"). ``inner``:
    after another word of a name, where "General" and "Chief" are roles too."""
    if word.isupper():
        return False
    lowered = word.lower()
    titles = _ALL_TITLES if inner else TITLES
    if lowered in titles or lowered.endswith(TITLE_ENDINGS):
        return True
    return "-" in lowered and any(part in titles for part in lowered.split("-"))


def _names_by_surname(word: str) -> bool:
    lowered = word.lower()
    return lowered in _SURNAME_TITLES or lowered.endswith(TITLE_ENDINGS)


def person_start(run: Sequence[str]) -> int:
    """Where the name after the run's last role begins (0 where no role leads into one). A
    role only found after another word is one opening a run too before a connector or a
    knight's title ("Leader of the Opposition ...", "Admiral Sir Tony Radakin")."""
    for index in range(len(run) - 2, -1, -1):
        inner = index > 0 or run[1].islower() or run[1].lower() in _KNIGHTS
        if run[index][:1].isupper() and is_title(run[index], inner=inner):
            return index + 1
    return 0


def person_after_title(run: Sequence[str], joining: frozenset[str]) -> list[str]:
    """The person a run of capitalised words names after their role, or the run itself.

    ``joining`` holds the lower-case words that join names ("of", "da", "von der"): inside
    a person's name ("Lula da Silva") they stay; leading the rest ("Minister of Defence Ben
    Wallace") they mark a portfolio, whose end cannot be told, so the last two names are
    the person's.
    """
    start = person_start(run)
    rest = list(run[start:])
    # A role's last word alone is no person ("Governor General"); a surname that is a role's
    # word is ("Foreign Minister Julie Bishop", "Prime Minister Hun Sen").
    if not start or (len(rest) == 1 and is_title(rest[0])):
        return list(run)
    if rest[0] in joining:
        return person_after_portfolio(rest, joining) or list(run)
    capitalised = [n for n, word in enumerate(rest) if word not in joining]
    if len(capitalised) > _MAX_PERSON_WORDS:
        return list(run)
    if len(capitalised) == 1 and not _names_by_surname(run[start - 1]):
        return list(run)  # "General Motors", "Premier League"
    return rest


def person_after_portfolio(run: Sequence[str], joining: frozenset[str]) -> list[str] | None:
    """The person after a role's portfolio ("of State Marco Rubio", and after a role in lower
    case, "[ministre des] Armées Sébastien Lecornu"): the last two names, where the run holds
    more than two (else None: "Minister of Foreign Affairs" names no person), or three right
    after a portfolio's last word (:data:`_PORTFOLIO_ENDS`)."""
    capitalised = [n for n, word in enumerate(run) if word not in joining]
    if len(capitalised) <= _PERSON_AFTER_PORTFOLIO:
        return None
    first = capitalised[-_PERSON_AFTER_PORTFOLIO]
    three = capitalised[-_PERSON_AFTER_PORTFOLIO - 1]
    before = capitalised[-4] if len(capitalised) > 3 else -1
    # (a portfolio's word of its own is the portfolio's: "Defensa Nacional Juan Pérez")
    ends = before >= 0 and run[before].lower() in _PORTFOLIO_ENDS and before == three - 1
    if ends and run[three].lower() not in _PORTFOLIO_ENDS:
        first = three  # "Asuntos Exteriores José Manuel Albares"
    person = list(run[first:])
    # A role's word ends no person: "Chief of Integrated Defence Staff" names none.
    return None if is_title(person[-1]) else person
