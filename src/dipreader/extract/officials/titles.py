"""Vocabulary of titles and institutions; reading a title phrase into role and country."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from dipreader.extract.officials.regions_and_bodies import body_in_title
from dipreader.model.countries import (
    country_names_longest_first,
    country_of,
    demonyms,
    place_words,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns that make a phrase a title: "Deputy Foreign *Minister*", "his Italian *counterpart*".
HEADS = _words(
    """
    president vice-president minister ministers premier chancellor vice-chancellor ambassador envoy
    chairman chairwoman chairperson chair co-chair co-chairman co-chairwoman speaker vice-speaker
    deputy-speaker secretary secretary-general under-secretary undersecretary senator deputy king
    queen emir amir sultan sheikh sheikha shaikh shaikha prince princess monarch governor mayor commissioner
    director director-general head leader spokesperson spokesman spokeswoman counselor counsellor
    adviser advisor aide assistant representative consul consul-general attaché attache chargé
    rector ceo chief commander general admiral colonel lieutenant marshal officer member mp lawmaker
    parliamentarian counterpart diplomat founder executive manager prosecutor judge ombudsman
    patriarch pope archbishop bishop imam mufti delegate dean professor chairperson-in-office
    president-elect vice-premier viceroy sovereign emperor empress crown-prince ayatollah rapporteur
    coordinator administrator superintendent peer pm fm dpm commandant brigadier commodore
    """
)

# Words that may stand inside a title or an institution's name before a person's name.
_TITLE_WORDS = _words(
    """
deputy vice first second third acting former prime foreign interior defense defence executive
senior chief general special permanent presidential extraordinary plenipotentiary great national
state federal honorary incoming outgoing new late then assistant under high lord supreme royal
crown majority minority opposition principal lead main regional international bilateral joint
affairs republic government cabinet parliament senate ministry ministries council ministers
cooperation development relations delegation embassy consulate mission office administration
committee commission assembly chamber deputies house lords commons congress duma majlis mejlis
milli sejm bundestag knesset union confederation federation unions trade industry commerce
economy economic energy finance financial health education culture tourism agriculture transport
digital science higher investment investments labour labor social protection environment ecology
natural resources emergency emergencies situations youth sports sport family women children
communications information technologies technology innovation infrastructure housing urban
justice security intelligence service services customs agency fund diaspora religious migration
water food mining oil gas petroleum company corporation authority board directors bank central
court constitutional armed forces staff army navy air force border guard police municipal city
province region county party movement organization organisation association society institute
university academy foundation center centre group secretariat sector department directorate
division bureau people's peoples democratic islamic arab socialist popular unity united nations
european african asian american pacific atlantic eastern western northern southern central
kingdom emirates state-owned holding public private parliamentary legislative executive judicial
inter-parliamentary friendship working intergovernmental inter-governmental economic-trade
trade-economic country nation state our his her its their the of and for on in a an to at with &
    livestock fisheries forestry emigration emigrants expatriates nationals abroad compatriots
    planning reform reforms policy coordination statistics budget revenue treasury privatization
    property land lands aviation railways roads ports shipping maritime posts telecommunications
    media press broadcasting heritage antiquities endowments awqaf hajj employment pensions welfare
    solidarity equality gender veterans martyrs population climate sustainable green home homeland
    works utilities electricity power nuclear atomic hydrocarbons minerals mines metals enterprises
    entrepreneurship hospitality olympic arts languages europe legal strategic studies analysis
    research audit accounts standing select caretaker interim designate elect newly appointed
    elected external community communist political bureau management highness majesty grand
    mineral jobs human rights irrigation manpower sanitation visiting accompanying integration
    consular skills vocational charge
    """
)

TITLE_VOCABULARY = HEADS | _TITLE_WORDS

# Honorifics that precede a name and never belong to it.
HONORIFIC_WORDS = _words(
    """
    Mr Mrs Ms Miss Dr Prof H.E H.E. His Her Excellency Madam Sir Dame Highness Majesty Sayyid
    HE HH Datuk Datin Dato Seri Tun Eng Hon Amb Engr
    Lt Gen Col Maj Brig Adm Capt Cdr Sgt ret retd rtd Ret Retd
    """
)

# Capitalised words that end a person's name when they follow it: "Heydar Aliyev *Foundation*".
INSTITUTION_WORDS = _words(
    """
    Foundation Fund University Center Centre Institute Airport Street Avenue Prize Award Museum Park
    Square Mosque Cathedral Church Stadium Hall Palace School Academy Library Order Medal Doctrine
    Plan Bridge Company Corporation Group Holding Bank Hospital Boulevard Road Station Port Harbour
    Harbor Complex Memorial Monument Mausoleum Prospect Avenue Lyceum College Gymnasium Theatre
    Theater Festival Forum Cup Trophy Stadium Arena District Village Town City Region Province
    Island Islands Lake River Mountain Valley Corridor Pipeline Initiative Agency Society
    Association Federation Programme Program Fellowship Scholarship Lecture Lectures Readings Days
    Week Year Prize Endowment Trust Network Club Institute Exchange Casa Palacio Palais Palazzo
    Diwan Headquarters
    """
)

# Capitalised words that start sentences or name months and days: never a person's name.
FUNCTION_WORDS = _words(
    """
    The This That These Those In On At During After Before Also Furthermore Moreover Besides
    Additionally However Meanwhile Thus Therefore Then According As By For From With Without Within
    While When Where Which Who Whom Whose What Why How It Its He She They We Our His Her Their Both
    Each Every All Some Many Most Several Other Another Such Of And But Or Nor Yet So To Into Over
    Under Between Among Since Until Following Speaking Addressing Noting Emphasizing Emphasising
    Stressing Touching Referring Highlighting Today Yesterday Tomorrow Last Next First Second Third
    Finally Later Earlier Recently Currently Now Here There Please Read Photo Source Related Note
    Notably Indeed Overall Earlier Likewise Similarly Further Furthermore Accordingly Consequently
    Subsequently Nevertheless Nonetheless Although Though If Unless Because Once Upon Apart Along
    Alongside Against Amid Amidst Despite Regarding Concerning Including Through Throughout Toward
    Towards Via Per About Above Below Around Across Behind Beyond Near Off Out Up Down An A I You
    Your My Me Us Them Him Mine One Two Three Four Five Six Seven Eight Nine Ten Dear Ladies
    Gentlemen Excellency Excellencies Yes No Not Only Just Even Still Again Already Always Never
    Often January February March April May June July August September October November December Jan
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday Mr Mrs Ms Miss Dr Prof Sir Dame Madam Saint St Santa San Sao São Holy God Allah Christmas
    Easter Ramadan Novruz Nowruz Eid Bayram Independence Victory Day Days Week Summit Conference
    Forum Session Meeting Round Declaration Agreement Treaty Memorandum Protocol Statement
    Communique Charter Convention Accord Accords Pact Resolution Joint Strategic Partnership Program
    Programme Plan Roadmap Road Map Trend Azernews Report APA AZERTAC Azertac Reuters Xinhua Anadolu
    TASS Interfax Kazinform MENAFN Menafn Kun Dunya Daily News Agency Press Times Post Herald
    Gazette Today Tribune Journal Observer Review Telegraph Guardian Express Independent Sabah
    Hurriyet Dawn Kyodo Yonhap Agenzia Nova ANSA Ansa AFP Bloomberg Associated TRT Xinhuanet Sputnik
    Novosti Trend's Caspian Caucasus Eurasia Europe Asia Africa Middle East West North South Gulf
    Balkans Mediterranean Adriatic Black Sea Baltic Nordic Karabakh Nakhchivan Zangezur Crimea
    Donbas Kashmir Gaza Sahel Latin Caribbean Scandinavia Anatolia Siberia Silk Route Corridor
    Pipeline Gas Southern Trans Grand Big Great Lesser Upper Lower Old New Greater Armed Forces
    Government Cabinet Parliament Senate Presidency Presidential Administration Embassy COVID Covid
    Internet Web Online Video Photos Gallery Share Tweet Subscribe Advertisement People
    """
)


# Regions of the world that a title may cover: "Minister for the Middle East and North Africa".
REGION_WORDS = _words(
    """
    Europe Asia Africa Middle East West North South Gulf Balkans Mediterranean Caucasus Eurasia Pacific
    Atlantic Caribbean Latin America Americas Arctic Sahel Indo-Pacific Oceania Levant Maghreb Horn
    """
)


def is_acronym(word: str) -> bool:
    """ "UN", "OSCE", "MFA": upper-case words of two or more letters."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper()


@cache
def not_name_words() -> frozenset[str]:
    """Capitalised words never part of a person's name: titles, institutions, places, months."""
    capitalised_vocabulary = {word.capitalize() for word in TITLE_VOCABULARY}
    capitalised_vocabulary |= {word.title() for word in TITLE_VOCABULARY if "-" in word}
    return frozenset(
        capitalised_vocabulary
        | place_words()
        | demonyms()
        | INSTITUTION_WORDS
        | FUNCTION_WORDS
        | HONORIFIC_WORDS
    )


def is_title_word(word: str) -> bool:
    """A word that may stand inside a title phrase (any case): "Deputy", "of", "Italian", "UN"."""
    folded = word.casefold()
    if folded in TITLE_VOCABULARY or word in place_words() or word in demonyms() or is_acronym(word):
        return True
    if "-" in folded:
        parts = folded.split("-")
        return all(part in TITLE_VOCABULARY or part in {"in", "office", "co", "elect"} for part in parts)
    return False


# Heads that are forms of address rather than offices: another stated title says more.
COURTESY_HEADS = frozenset(
    {"sheikh", "sheikha", "shaikh", "shaikha", "prince", "princess", "highness", "majesty"}
)

# Words that only join the parts of a title: a title cannot end with one right before a name
# ("Chairman of the Mazhilis": "Mazhilis" is what the chairman chairs, not who he is).
CONNECTOR_WORDS = frozenset({"of", "the", "for", "and", "on", "&", "in", "to", "with", "at", "a", "an"})


def is_head(word: str) -> bool:
    folded = word.casefold()
    return folded in HEADS or folded.split("-")[-1] in HEADS


_COUNTRY_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(name) for name in country_names_longest_first()) + r")(?![\w-])"
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:the|his|her|their|its|our|a|an|of|and|for|on|in|to|with|at|visiting|accompanying)\s+)+",
    re.IGNORECASE,
)
_STATE_FORMS = (
    r"(?:(?:Islamic\s+|Federal\s+|Democratic\s+|Socialist\s+|Arab\s+)?Republic"
    r"|Kingdom|State|Federation|Sultanate|Emirate|Principality)\s+of\s+(?:the\s+)?"
)


@cache
def _trailing_country() -> re.Pattern[str]:
    names = "|".join(re.escape(name) for name in country_names_longest_first())
    return re.compile(rf"\s*,?\s+of\s+(?:the\s+)?(?:{_STATE_FORMS})?(?:{names})\s*$")


@cache
def _leading_country() -> re.Pattern[str]:
    names = "|".join(re.escape(name) for name in country_names_longest_first())
    return re.compile(rf"^(?:(?:the\s+)?(?:{names})(?:['’]s)?\s+)+")


# Before a country word, these make it where the post is held or what it covers, not whose it is.
_NOT_OWNER_BEFORE = frozenset({"to", "in", "at", "with", "from", "toward", "towards", "for"})
# Words that join a portfolio's parts: "Minister for the Middle East and North Africa".
_PORTFOLIO_LINKS = frozenset({"the", "and", "&"})
# A country word before one of these names a portfolio: "Minister of European Integration".
_PORTFOLIO_NOUNS = frozenset(
    {"affairs", "integration", "relations", "cooperation", "co-operation", "policy", "issues", "desk"}
)
# Words that make a region of a country word: "Latin America", "Central American".
_REGION_QUALIFIERS = frozenset({"latin", "south", "north", "central", "meso", "pan", "sub-saharan"})


def _owner_match(phrase: str, start: int, end: int) -> bool:
    """A country word at [start, end) of a title names whose the office is, not what it covers:
    no country's name after "to", "in", "at" and no country word after "for" (across the other
    words of the portfolio: "Special Envoy for Yemen and Oman"), none inside a region ("Latin
    America") or before a portfolio noun ("Minister of European Affairs")."""
    words = phrase[:start].replace(",", " ").split()
    if words and words[-1].casefold() in _REGION_QUALIFIERS:
        return False
    # Back over the portfolio's other capitalised words and links to the word that governs them.
    while words and (
        words[-1].casefold() in _PORTFOLIO_LINKS or (words[-1][:1].isupper() and not is_head(words[-1]))
    ):
        words.pop()
    governing = words[-1].casefold() if words else ""
    if governing == "for" or (governing in _NOT_OWNER_BEFORE and phrase[start:end] not in demonyms()):
        return False  # but "State Secretary at the German Federal Ministry ...": a German ministry
    following = phrase[end:].split(None, 1)
    return not (following and following[0].strip(",").casefold() in _PORTFOLIO_NOUNS)


# Titles repeat within an article and across articles ("Foreign Minister"); the tables are fixed.
@lru_cache(maxsize=8192)
def country_in_title(phrase: str) -> str | None:
    """The country a title names: a demonym ("Italian"), "of Italy", "Italy's"; never "to Italy",
    "for Latin America", "for European Integration"; else the country of a region ("Kurdistan
    Region") or a national company ("Masdar CEO")."""
    body = body_in_title(phrase)
    for match in _COUNTRY_PATTERN.finditer(phrase):
        if not _owner_match(phrase, match.start(), match.end()):
            continue
        if body is not None and body[0] < match.start():
            return body[1]  # "JICA Bangladesh Chief Representative": JICA's office in Bangladesh
        return country_of(match.group(1))
    return body[1] if body else None


def leading_qualifier(phrase: str) -> str | None:
    """The country words a title opens with when they say whose the office is ("Tongan" of
    "Tongan Prime Minister", "India's" of "India's External Affairs Minister"), else None."""
    match = _leading_country().match(_LEADING_FILLER.sub("", phrase))
    if match is None or country_in_title(match.group()) is None:
        return None
    return match.group().strip()


@lru_cache(maxsize=8192)
def role_from_title(phrase: str) -> str:
    """The role as stated, without determiners or the country part: "his Italian counterpart"
    -> "counterpart"; "Minister of Foreign Affairs of the Republic of Azerbaijan" -> "Minister of
    Foreign Affairs"; "President of the Italian Senate" is kept whole."""
    role = " ".join(phrase.replace(",", " , ").split()).replace(" , ", ", ").strip(" ,")
    role = _TRAILING_ADDRESS.sub("", role).strip(" ,") or role
    styled = _TRAILING_STYLE.search(role)
    if styled and any(is_head(word) for word in role[: styled.start()].split()):
        role = _TRAILING_ADDRESS.sub("", role[: styled.start()]).strip(" ,") or role
    if role[:1] in "HEM":
        role = _LEADING_ADDRESS.sub("", role) or role
    if role.endswith(")") or role.count("(") > role.count(")"):
        role = _TRAILING_ACRONYM.sub("", role).strip(" ,") or role
    previous = None
    while role != previous:
        previous = role
        role = _LEADING_FILLER.sub("", role)
        role = _leading_country().sub("", role)
        role = _trailing_country().sub("", role).strip(" ,")
    return role or phrase.strip()


# A form of address or "the late" between the office and the name: "Emir of Qatar, Sheikh",
# "President Sheikh", "national leader, the late".
_TRAILING_ADDRESS = re.compile(
    r"(?:,?\s+(?:the\s+)?(?:late|Sheikh|Sheikha|Shaikh|Shaikha|(?<!Crown\s)Prince|(?<!Crown\s)Princess|Sayyid|H\.E\.?|HE|HH|His|Her"
    r"|Highness|Majesty|Excellency|Royal|Dr\.?|Prof\.?|Professor|Eng\.?|Engr\.?|Mr\.?|Mrs\.?|Ms\.?|Madam|Sir|Datuk|Datin|Dato|Seri|Tun))+$"
)
# A legislator's style after an office and before the name: "Minister of Foreign Affairs Senator
# Dr", "Minister of Health, Hon."; an office of its own only when nothing comes before it.
_TRAILING_STYLE = re.compile(r",?\s+(?:Senator|Sen\.|Hon\.?|Honourable|Honorable)$")
# Forms of address before an office: "HE Minister of State ...", "H.E. the Ambassador".
_LEADING_ADDRESS = re.compile(r"^(?:(?:HE|HH|H\.E\.?|His|Her|Excellency|Highness|Majesty)\s+)+")
# A bracketed acronym that ends a role ("Director General of Qatar Fund for Development (QFFD)"),
# or one whose bracket was never closed.
_TRAILING_ACRONYM = re.compile(r"\s*\((?:[A-Za-z.&-]{2,12}\)?|[^)]*)$")
