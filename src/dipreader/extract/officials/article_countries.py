"""Which countries an article is about, and where it was filed: for officials whose title names none."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from dipreader.model.countries import (
    INTERNATIONAL_BODIES,
    MULTIWORD_CITIES,
    country_by_capital,
    country_of,
    names_a_currency,
)

# Cities that often open datelines but are not capitals.
_OTHER_CITIES = {
    "istanbul": "Türkiye",
    "izmir": "Türkiye",
    "antalya": "Türkiye",
    "almaty": "Kazakhstan",
    "samarkand": "Uzbekistan",
    "bukhara": "Uzbekistan",
    "milan": "Italy",
    "naples": "Italy",
    "geneva": "Switzerland",
    "davos": "Switzerland",
    "new york": "United States",
    "shanghai": "China",
    "karachi": "Pakistan",
    "lahore": "Pakistan",
    "rio de janeiro": "Brazil",
    "são paulo": "Brazil",
    "sao paulo": "Brazil",
    "alexandria": "Egypt",
    "st. petersburg": "Russia",
    "osaka": "Japan",
    "munich": "Germany",
    "frankfurt": "Germany",
    "ganja": "Azerbaijan",
    "shusha": "Azerbaijan",
    "batumi": "Georgia",
    "kutaisi": "Georgia",
    "jeddah": "Saudi Arabia",
    "barcelona": "Spain",
    "mumbai": "India",
    "sydney": "Australia",
    "toronto": "Canada",
}
_MULTIWORD_CITIES_FOLDED = {city.casefold(): country for city, country in MULTIWORD_CITIES.items()}
_MONTH_START = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
# Capital letters with diacritics: Latin-1's, and those of Latin Extended-A, B and Additional, whose
# lower-case letters a line in capitals does not hold ("HÀ NỘI", "ĐÀ NẴNG").
_CAPITAL_LETTER = "A-ZÀ-ÖØ-Þ\u0100-\u024f\u1e00-\u1eff"
# "BAKU, ...", "Baku, March 12 (APA)", and a place before an agency's name: "Jakarta (ANTARA) -".
_DATELINE = re.compile(
    rf"^\s*([{_CAPITAL_LETTER}][{_CAPITAL_LETTER}'. -]{{2,30}}?"
    rf"|[A-Z][\w'. -]{{2,30}}?(?=\s*,\s*(?:\d|{_MONTH_START}))"
    r"|[A-Z][\w'. -]{2,30}?(?=\s*\([A-Z][A-Za-z]{1,12}\)\s*[—–:-]))"
    r"\s*(?=[,.(—–:-]|$)"
    r"(?:\s*,\s*([A-Z][\w ]{2,30}?)\s*[,.(—–:-])?"
)
# Agencies and papers whose home country files the story when no dateline says where.
_AGENCY_HOMES = {
    "AzerTAc": "Azerbaijan",
    "AZERTAC": "Azerbaijan",
    "APA": "Azerbaijan",
    "Trend": "Azerbaijan",
    "Report": "Azerbaijan",
    "Anadolu": "Türkiye",
    "Daily Sabah": "Türkiye",
    "Xinhua": "China",
    "TASS": "Russia",
    "RIA Novosti": "Russia",
    "Kazinform": "Kazakhstan",
    "KAZINFORM": "Kazakhstan",
    "UzA": "Uzbekistan",
    "Gazeta.uz": "Uzbekistan",
    "PTI": "India",
    "The Hindu": "India",
    "Dawn": "Pakistan",
    "APP": "Pakistan",
    "WAM": "United Arab Emirates",
    "Ahram Online": "Egypt",
    "MENA": "Egypt",
    "Agenzia Nova": "Italy",
    "Nova": "Italy",
    "ANSA": "Italy",
    "Kyodo": "Japan",
    "Yonhap": "South Korea",
    "Georgia Today": "Georgia",
    "Agenda.ge": "Georgia",
    "Armenpress": "Armenia",
    "ARMENPRESS": "Armenia",
    "EFE": "Spain",
    "Agência Brasil": "Brazil",
    "MTI": "Hungary",
    "IRNA": "Iran",
    "KUNA": "Kuwait",
    "QNA": "Qatar",
    "SPA": "Saudi Arabia",
    "BTA": "Bulgaria",
    "Kabar": "Kyrgyzstan",
    "Khovar": "Tajikistan",
    "Ukrinform": "Ukraine",
    "BelTA": "Belarus",
    # National news agencies and papers of record elsewhere; not the names that are also words or
    # other things ("APS" is Algeria's and Senegal's, "RSS" a feed, "MAP" a map).
    "ANTARA": "Indonesia",
    "Antara": "Indonesia",
    "VNA": "Vietnam",
    "Bernama": "Malaysia",
    "BERNAMA": "Malaysia",
    "PNA": "Philippines",
    "BSS": "Bangladesh",
    "ENA": "Ethiopia",
    "KNA": "Kenya",
    "SAnews": "South Africa",
    "NAN": "Nigeria",
    "GNA": "Ghana",
    "ANDINA": "Peru",
    "Andina": "Peru",
    "Prensa Latina": "Cuba",
    "PAP": "Poland",
    "Lusa": "Portugal",
    "BNA": "Bahrain",
    "ONA": "Oman",
    "Petra": "Jordan",
    "SANA": "Syria",
    "SUNA": "Sudan",
    "China Daily": "China",
    "Korea Herald": "South Korea",
    "Korea Times": "South Korea",
    "Japan Times": "Japan",
    "NHK": "Japan",
    "Jiji": "Japan",
    "Straits Times": "Singapore",
    "Bangkok Post": "Thailand",
    "Jakarta Post": "Indonesia",
    "Daily Star": "Bangladesh",
    "Kathmandu Post": "Nepal",
    "Télam": "Argentina",
    "Notimex": "Mexico",
    "Agencia Brasil": "Brazil",
    "dpa": "Germany",
    "AFP": "France",
    "ANP": "Netherlands",
    "Belga": "Belgium",
    "CTK": "Czechia",
    "HINA": "Croatia",
    "STA": "Slovenia",
    "Tanjug": "Serbia",
    "AGERPRES": "Romania",
    "ANA-MPA": "Greece",
    "NTB": "Norway",
    "Ritzau": "Denmark",
    "AAP": "Australia",
}
_AGENCY = re.compile(r"(?<![\w.])(" + "|".join(re.escape(name) for name in _AGENCY_HOMES) + r")(?![\w])")
_VISITOR = re.compile(r"\b(?:visit|trip|tour)\s+by\s+(?:[A-Z][\w-]*\s+){0,5}$")
_DESTINATION = re.compile(
    r"\b(?:to|visited|visiting|visits|toured)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})"
)
_VISIT = re.compile(r"\b(?:visit|visits|visited|visiting|trip|tour|toured|travel|travelled|traveled)\b")
_GREETINGS = re.compile(
    r"\b(?:greetings|regards|wishes|best\s+wishes|message|letter|invitation|condolences)\b",
    re.IGNORECASE,
)
# "greetings of President X", "message from Prime Minister X and Premier Y": the senders.
_SENDER = re.compile(r"\s+(?:of|from)\s+(?:[A-Z][\w'’.-]*\s+|(?:of|the|and)\s+){0,8}")
_SENDER_TO = re.compile(_SENDER.pattern + r"to\s+(?:[A-Z][\w'’.-]*\s+){0,4}")
_SENTENCE_END = re.compile(r"[.!?\n]")


_CAPITALISED_WORD = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ][\w']*(?:\s+[A-Z][\w']*){0,3}")


def _countries_named(text: str) -> list[str]:
    """Every country named in the text by name, demonym or capital, in order; not the country
    words of a currency ("US$2 billion", "Japanese yen")."""
    found = []
    for match in _CAPITALISED_WORD.finditer(text):
        words = match.group().split()
        index = 0
        while index < len(words):
            for length in range(min(4, len(words) - index), 0, -1):
                country = country_of(" ".join(words[index : index + length]).removesuffix("'s"))
                if country:
                    if index + length < len(words) or not names_a_currency(text, match.end()):
                        found.append(country)
                    index += length
                    break
            else:
                index += 1
    return found


@cache
def _capitals_folded() -> dict[str, str]:
    return {capital.casefold(): country for capital, country in country_by_capital().items()}


def _place_country(place: str) -> str | None:
    folded = place.strip().casefold()
    for word in (place.strip(), place.strip().title()):
        if country_of(word):
            return country_of(word)
    return _capitals_folded().get(folded) or _OTHER_CITIES.get(folded) or _MULTIWORD_CITIES_FOLDED.get(folded)


# A city alone on its line ("Doha"), or before a dash or a slash that opens the story ("Abidjan -
# Morocco and ...", "Jakarta / Fri, September 6"): only cities, since a country there is a headline's.
_CITY_LINE = re.compile(r"^\s*([A-Z][\w'.]*(?: [A-Z][\w'.]*){0,2})\s*(?:$|[-–—/]\s+\S)")


def _city_country(place: str) -> str | None:
    folded = place.strip().casefold()
    return _capitals_folded().get(folded) or _OTHER_CITIES.get(folded) or _MULTIWORD_CITIES_FOLDED.get(folded)


def dateline_country(text: str) -> str | None:
    """The country of a dateline ("ISLAMABAD, Nov 12 (APP):", "BAKU, Azerbaijan, April 9.",
    "Abidjan - ", a city alone on its line) in the first lines, else None."""
    lines = [line for line in text.splitlines() if line.strip()][:5]
    for line in lines:
        match = _DATELINE.match(line)
        if match:
            country = (match.group(2) and _place_country(match.group(2))) or _place_country(match.group(1))
            if country:
                return country
        city = _CITY_LINE.match(line)
        if city and _city_country(city.group(1)):
            return _city_country(city.group(1))
    return None


def agency_country(text: str) -> str | None:
    """The home country of the agency or paper named in the first lines ("Ahram Online", "(APP)"),
    or in its credit on the last line ("(PAP)", "-- BERNAMA")."""
    lines = [line for line in text.splitlines() if line.strip()]
    head = "\n".join(lines[:5] + lines[-1:])
    for match in _AGENCY.finditer(head):
        # Not a word of a longer name: "Post Report" is a byline, "Trend Micro" a company.
        if not (
            _CAPITALISED_BEFORE.search(head, 0, match.start()) or _CAPITALISED_AFTER.match(head, match.end())
        ):
            return _AGENCY_HOMES[match.group(1)]
    return None


_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]* $")
_CAPITALISED_AFTER = re.compile(r" [A-Z][a-z]")


def lead_country(text: str) -> str | None:
    """The first country the lead names (its first sentence of twelve words or more, words in
    capitals read as words): an outlet names its own side first ("ZIMBABWE and Belarus yesterday
    signed ...", "Nepal and India on Wednesday agreed ...")."""
    for line in text.splitlines():
        if len(line.split()) >= 12:
            words = " ".join(
                word.title() if word.isupper() and len(word) > 3 else word for word in line.split()
            )
            named = _countries_named(words)
            return named[0] if named else None
    return None


def main_countries(text: str) -> tuple[str, ...]:
    """The countries the article names most (names, demonyms, capitals), most named first."""
    counts = Counter(country for country in _countries_named(text) if country not in INTERNATIONAL_BODIES)
    return tuple(country for country, _ in counts.most_common())


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    breaks_before = [match.end() for match in _SENTENCE_END.finditer(text, max(0, start - 400), start)]
    after = _SENTENCE_END.search(text, end)
    return (breaks_before[-1] if breaks_before else max(0, start - 400)), (
        after.start() if after else len(text)
    )


class CountryGuess:
    """Guesses an official's country from the article's pair of countries when no title names one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.home = dateline_country(text) or agency_country(text)
        countries = main_countries(text)
        pair = list(countries[:2])
        if self.home and self.home not in pair and countries:
            pair = [self.home, countries[0]]
        self.pair = tuple(pair)

    def other(self, country: str) -> str | None:
        """The other country of the pair."""
        return self._other(country)

    def _other(self, country: str) -> str | None:
        others = [candidate for candidate in self.pair if candidate != country]
        return others[0] if len(self.pair) == 2 and others else None

    def guess(self, start: int, end: int) -> str | None:
        """The country of the official named at [start, end): a visit frame, else the home."""
        framed = self.visit_frame(start, end)
        return framed[0] if framed else self.home_country()

    def home_country(self) -> str | None:
        """The country the story is filed from, when it is one of the article's pair."""
        return self.home if self.home in self.pair else None

    def lead_side(self) -> str | None:
        """With no dateline or agency: the side of the pair the lead names first."""
        if self.home is not None:
            return None
        country = lead_country(self.text)
        return country if country in self.pair else None

    def visit_frame(self, start: int, end: int) -> tuple[str, str] | None:
        """(country, basis) from a visit or a greeting around the official named at [start, end)."""
        sentence_start, sentence_end = sentence_around(self.text, start, end)
        # "a visit by President X": the visitor comes from the other side.
        if self.home and _VISITOR.search(self.text, sentence_start, start):
            other = self._other(self.home)
            return (other, "visitor") if other else None
        # "the visit of President X to Japan": X comes from the other country of the pair.
        visit = _VISIT.search(self.text, sentence_start, sentence_end)
        for match in _DESTINATION.finditer(self.text, end, sentence_end if visit else end):
            place = _place_country(match.group(1)) or _place_country(match.group(1).split()[0])
            if place in self.pair:
                other = self._other(place)
                return (other, "visitor") if other else None
        # Greetings and regards are conveyed between the two sides, never to one's own leader.
        greetings = list(_GREETINGS.finditer(self.text, sentence_start, start)) if self.home else []
        # Only in the greeting's own clause: "..., and was later received by Prime Minister X" is not.
        if greetings and self.home and "," not in self.text[greetings[-1].end() : start]:
            # "a message from Prime Minister X to President Y": Y receives it from the other side.
            sender_then_recipient = _SENDER_TO.fullmatch(self.text, greetings[-1].end(), start)
            country = (
                self.home if sender_then_recipient and self.home in self.pair else self._other(self.home)
            )
            return (country, "counterpart") if country else None
        return None
