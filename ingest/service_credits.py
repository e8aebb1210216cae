"""Whether a piece of a line credits a picture as the forces do (:mod:`ingest.credit_lines`).

Armed forces and defence ministries credit their pictures in forms of their own, under every
picture of a release and often at its top:

* a service's or unit's photo, perhaps by someone of a rank: ``U.S. Navy photo by Mass
  Communication Specialist 2nd Class John Doe``, ``(U.S. Army photo by Sgt. Jane Roe/Released)``,
  ``DoD photo by EJ Hersom``, ``U.S. Navy photo``, ``Estonian Defence Forces photo``; the owner
  must hold a word of the forces (``Army``, ``Division``, ``DoD`` ...), so ``Iconic photo by Nick
  Ut`` is no credit;
* a courtesy photo: ``(Courtesy photo)``, ``Photo courtesy of the Estonian Defence Forces``;
* a photo by someone of a rank, with a label or without: ``Photo by Staff Sgt. Jane Roe``,
  ``Photo By: Army Sgt. 1st Class Jane Roe``, ``Photo: Cpl Jane Roe, RAF`` (a name alone is
  :mod:`ingest.credit_lines`' byline);
* DVIDS's and defense.gov's record number, ``VIRIN: 230101-A-AB123-001``, and the UK's ``Crown
  copyright``.

Their forms name a rank, a service or a record, which news written as a sentence does not do
alone on a line or in brackets, so :mod:`ingest.credits` drops them wherever they stand
(:func:`is_caption_credit`), not only at a brief's top.
"""

from __future__ import annotations

import re

from ingest.credit_names import SENTENCE_END, is_names, words

__all__ = ["is_caption_credit", "is_ranked_name", "is_service_credit", "is_service_rest"]

# Ranks as the US forces (AP style) and the UK's write them before a name, abbreviated or in
# words no headline uses so ("Sgt.", "Cpl", "Airman"): case-folded, without a stop. One of
# them, or an ordinal's class ("2nd Class"), makes the words before a name a rank.
_RANKS = words(
    """
    pvt pfc spc cpl sgt maj lt capt col brig gen cmdr adm lcpl l/cpl ssgt wo1 wo2 pte spr gnr
    tpr rfn gdsm lphot pophot la(phot) sac sac(t) flt fg plt sqn ldr wg gp cdr j.g sra a1c
    amn ssg sfc tsgt msgt smsgt cmsgt po1 po2 po3 mc1 mc2 mc3 mcc mcsn cpt airman seaman petty
    sergeant corporal lieutenant ensign aircraftman aircraftwoman gunnery
    """
)
# Words of ranks that headlines use too ("Major", "Staff", "Chief"), and the services
# defense.gov writes before a rank ("Army Staff Sgt. Jane Roe"): in a rank, never one alone.
_RANK_WORDS = _RANKS | words(
    """
    staff master first major command warrant officer chief captain colonel general recruit
    apprentice class mass communication specialist commander rear vice admiral basic senior
    tech technical lance private leading able ab lh po cpo fus off 1st 2nd 3rd 1 2 3 4 5 army
    navy air force marine marines corps space coast guard national reserve u.s us
    """
)
_ORDINALS = words("1st 2nd 3rd")
# Words of an owner of pictures among the forces: "U.S. Army", "1st Armored Division",
# "Estonian Defence Forces", "U.S. Indo-Pacific Command".
_SERVICE_WORDS = words(
    """
    army navy air force forces marine marines corps guard military defence defense command
    division brigade regiment battalion squadron wing fleet dod mod nato dvids u.s us raf
    bundeswehr pentagon ministry department
    """
)
# Defence institutions that credit a picture alone after a label ("Foto: Bundeswehr", "Photo:
# Pentagon", "Фото: Минобороны"): names of one word, which a label's rest takes for a headline
# ("Bilder: Großbrand") unless known.
_INSTITUTIONS = words(
    "bundeswehr bundesheer pentagon nato otan нато минобороны dod mod raf idf цахал"
) | frozenset(
    # names of several words, as whole rests: "Фото: Минобороны России", "Photo: Indian Navy"
    [
        "минобороны россии", "минобороны рф", "министерство обороны россии",
        "министерство обороны рф", "ministère des armées", "armée de terre", "marine nationale",
        "ministry of defence", "ministry of defense", "indian army", "indian navy",
        "indian air force",
    ]
)  # fmt: skip
# Words that end a unit's name after its service's word: "U.S. Army Reserve", "U.S. Army Corps
# of Engineers", "3rd Infantry Division Public Affairs".
_OWNER_ENDS = _SERVICE_WORDS | words("reserve engineers affairs")
# An owner's word: letters, figures, and the stops, hyphens and apostrophes of "U.S.",
# "Indo-Pacific", "Ukraine's"; no comma or bracket.
_OWNER_WORD = re.compile(r"[\w.'\u2019&-]+")
# A web address alone after a label: "Фото: mil.ru", "Photo: defense.gov".
_ADDRESS = re.compile(
    r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:ru|ua|by|gov|mil|int|eu|uk|de|fr|it|es|pl|in|il"
    r"|com|org|net)$",
    re.IGNORECASE,
)
_KIND = r"(?:photo(?:graph)?s?(?:\s+illustration)?|graphic|illustration|video)"
_COURTESY = re.compile(rf"\bcourtesy\s+(?={_KIND})", re.IGNORECASE)  # "Courtesy photo"
# The owner ends on no kind's word, or "Photo illustration by …" would be an owner "Photo"'s
# illustration. "U.S. Air Force photo/Jane Roe" credits as "by" does.
_OWNED = re.compile(
    rf"^(?:(?P<owner>\S.*?)(?<!photo)(?<!photograph)\s+)?(?P<kind>{_KIND})"
    r"(?:(?:\s+(?:by|courtesy\s+of)\s*:?\s+|\s*(?P<slash>/)\s*)(?P<by>\S.*?))?$",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    r"^(?:photo(?:graph)?s?|pictures?|images?|foto|bild|фото)(?:\s+by)?\s*:\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_RELEASED = re.compile(r"\s*/\s*released$", re.IGNORECASE)
_VIRIN = re.compile(r"^virin\s*:?\s*\d{6}-[a-z]-[a-z0-9]{2,8}-\d{2,5}(?:\.[a-z]{3,4})?$", re.I)
# "Crown copyright", "© Crown copyright 2026", and the MOD's "MOD Crown Copyright".
_CROWN = re.compile(
    r"^(?:mod\s+)?(?:\u00a9\s*)?crown\s+copyright(?:\s*\u00a9)?(?:\s+(?:19|20)\d\d)?$", re.I
)
# Words a unit's name holds after a credit's name: "Jane Roe, 1st Armored Division Public
# Affairs", "Cpl Jane Roe, RAF".
_UNIT_WORDS = words("of the and &")
MAX_UNIT_WORDS = 8


def is_caption_credit(line: str) -> bool:
    """A line (or a bracket's content) that is nothing but the forces' credits, between ``|``:
    ``Photo By: Sgt. Jane Roe | VIRIN: 230101-A-AB123-001``."""
    pieces = [piece.strip() for piece in line.split(" | ")]
    return all(piece and is_service_credit(piece) for piece in pieces)


def is_service_credit(piece: str) -> bool:
    """``U.S. Navy photo by …``, ``Courtesy photo``, ``Photo by Staff Sgt. …``, ``Photo: Cpl
    Jane Roe, RAF``, ``VIRIN: …``, ``Crown copyright``: one piece of a line, no brackets."""
    piece = _bare(piece)
    if _VIRIN.match(piece) or _CROWN.match(piece):
        return True
    if (labelled := _LABELLED.match(piece)) is not None:
        return is_service_rest(labelled["rest"])  # "Photo: Cpl Jane Roe, RAF", "Picture: MOD"
    courtesy = "courtesy" in piece.casefold()
    if (owned := _OWNED.match(_COURTESY.sub("", piece))) is None:
        return False
    owner, by = owned["owner"], owned["by"]
    if owner is not None and not _is_owner(owner):
        return False  # "The photo by Jane Doe won a prize", "Pentagon Releases UFO Video"
    if owned["slash"] and owner is None:
        return False  # "Photo/Jane Roe" is an agency's credit (ingest.photo_credits)
    if by is None:
        if owner is not None and owned["kind"][:1].isupper() and not courtesy:
            # a headline in Title Case ends so ("New Army Video"), a credit alone seldom:
            # only the service's own words ("U.S. Navy Photo")
            return all(_is_service_word(word) for word in owner.split())
        return owner is not None or courtesy  # "U.S. Navy photo", "Courtesy photo"
    by = by.removeprefix("the ")
    if owner is not None or courtesy:
        return is_ranked_name(by) or _is_credited_names(by) or _is_owner(by)
    return is_ranked_name(by)  # "Photo by Jane Doe" is ingest.photo_credits' (and a byline)


def is_service_rest(rest: str) -> bool:
    """What follows a credit's label in the forces' credits: a ranked name (``Cpl Jane Roe,
    RAF``), ``Crown copyright``, a defence institution alone (``Bundeswehr``) or a web address
    (``mil.ru``), or several of them and names between ``/``."""
    pieces = [piece.strip() for piece in _bare(rest).split("/")]
    found = [_is_service_piece(piece) for piece in pieces]
    return any(found) and all(f or is_names(p) for f, p in zip(found, pieces, strict=True))


def _bare(credit: str) -> str:
    """A credit without its closing stop and DVIDS's "/Released"."""
    return _RELEASED.sub("", credit.strip().removesuffix("."))


def _is_service_piece(piece: str) -> bool:
    return (
        is_ranked_name(piece)
        or _CROWN.match(piece) is not None
        or " ".join(piece.casefold().split()) in _INSTITUTIONS
        or _ADDRESS.match(piece) is not None
    )


def is_ranked_name(text: str) -> bool:
    """A person's name after a rank, perhaps a service before it and a unit after a comma:
    ``Mass Communication Specialist 2nd Class John Doe``, ``Army Staff Sgt. Jane Roe``, ``Cpl
    Jane Roe, RAF``. Names that are rank words too are tried as names (``Spc. Lance Roe``)."""
    name, _, unit = text.partition(",")
    if unit and not _is_unit(unit):
        return False
    split = name.split()
    ranks = 0
    while ranks < len(split) and _is_rank(split[ranks]):
        ranks += 1
    # The rank holds a rank's own word (the services and "Major" are a headline's words:
    # "Navy Sinks Drone", "Major Storm Hits"), the name two words ("Sgt. Roe" may be news).
    # A letter alone opens no name: "Photo: Gen Z Protesters" shows them.
    return any(
        _holds_rank(split[:cut])
        and len(split) - cut >= 2
        and len(split[cut]) > 1
        and is_names(" ".join(split[cut:]))
        for cut in range(ranks, 0, -1)
    )


def _holds_rank(split: list[str]) -> bool:
    folded = [word.casefold().strip(".()") for word in split]
    # "2nd Class", and "Communication Specialist" (the Navy's, "Chief Mass Communication
    # Specialist"): ranks of words headlines use too
    classed = any(
        (word == "class" and index > 0 and folded[index - 1] in _ORDINALS)
        or (word == "specialist" and index > 0 and folded[index - 1] == "communication")
        for index, word in enumerate(folded)
    )
    return classed or any(_is_rank(word, _RANKS) for word in split)


def _is_rank(word: str, ranks: frozenset[str] = _RANK_WORDS) -> bool:
    folded = word.casefold()
    return folded.rstrip(".") in ranks or folded.strip(".()") in ranks


def _is_unit(unit: str) -> bool:
    """A unit or a service after a credit's name: ``RAF``, ``1st Armored Division``."""
    split = unit.split()
    if not split or len(split) > MAX_UNIT_WORDS or SENTENCE_END.search(unit.strip()):
        return False
    return (
        all(
            word[:1].isupper() or word[:1].isdigit() or word.casefold() in _UNIT_WORDS
            for word in split
        )
        and split[0].casefold() not in _UNIT_WORDS
    )


def _is_owner(owner: str) -> bool:
    """The forces' owner of a picture: capitalised words or figures ("1st") and "of" inside,
    the last a word of the forces ("U.S. Navy", "1st Armored Division", "DoD", "Ministry of
    Defence", "U.S. Army Reserve"). A headline's verb or object ends none ("Pentagon Releases
    UFO Video", "Air Force Shares Photos"), nor does a colon stand in one ("Watch: Navy
    Video")."""
    split = owner.split()
    if not split or len(split) > MAX_UNIT_WORDS or ":" in owner:
        return False
    if not all(
        word[:1].isupper() or word[:1].isdigit() or (word == "of" and 0 < index < len(split) - 1)
        for index, word in enumerate(split)
    ) or not all(_OWNER_WORD.fullmatch(word) for word in split):
        return False  # a date's "1, 2026)" is no owner's
    return split[-1].split("-")[-1].casefold().strip(".()") in _OWNER_ENDS


def _is_service_word(word: str) -> bool:
    """A word of the forces ("Navy"), an abbreviation ("U.S.", "DoD") or a figure ("1st")."""
    folded = word.casefold().strip(".()")
    return folded in _SERVICE_WORDS or "." in folded or word[:1].isdigit() or word.isupper()


def _is_credited_names(text: str) -> bool:
    """Names after a courtesy or an owner's photo: ``Jane Roe``, ``Jane Roe, DVIDS``."""
    name, _, unit = text.partition(",")
    return is_names(name.strip()) and (not unit or _is_unit(unit))
